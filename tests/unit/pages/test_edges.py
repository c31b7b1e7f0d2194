"""Head and tail lines of a body: dates, credits and tools are cut, content stays."""

from __future__ import annotations

import pytest

from crawler.pages.edges import is_date_line, strip_edges
from crawler.pages.textlines import Line

LEAD = "The council agreed on Tuesday to rebuild the old footbridge over the canal before the winter."


@pytest.mark.parametrize(
    "text",
    ["12 March 2024", "Updated: Tue 12 Mar 2024 09:14 GMT", "Monday, March 12, 2024", "2024年3月12日 10:00"],
)
def test_date_only_lines_are_date_lines(text: str) -> None:
    assert is_date_line(text)


@pytest.mark.parametrize(
    "text", ["On March 12, 2024 the council voted to close the road.", "3月12日讯江城市教育局近日通报"]
)
def test_sentences_with_dates_are_not_date_lines(text: str) -> None:
    assert not is_date_line(text)


def test_leading_date_line_is_cut_and_recorded() -> None:
    removed: dict[str, list[str]] = {}
    paragraphs, _ = strip_edges([Line("12 March 2024"), Line(LEAD)], None, removed)
    assert paragraphs == [LEAD]


def test_trailing_date_line_is_kept() -> None:
    paragraphs, _ = strip_edges([Line(LEAD), Line("12 March 2024")], None, {})
    assert paragraphs == [LEAD, "12 March 2024"]


def test_leading_credit_line_gives_its_source() -> None:
    removed: dict[str, list[str]] = {}
    paragraphs, credits = strip_edges([Line("来源：江城日报"), Line(LEAD)], None, removed)
    assert paragraphs == [LEAD]
    assert credits.source == "江城日报"


def test_everything_from_the_editor_line_at_the_end_is_cut() -> None:
    body = [
        Line("江城市今年新建学校十二所，" * 8),
        Line("责任编辑：王明"),
        Line("另一篇新闻的标题"),
        Line("2019-09-08"),
    ]
    removed: dict[str, list[str]] = {}
    paragraphs, credits = strip_edges(body, None, removed)
    assert paragraphs == [body[0].text]
    assert credits.editors == ("王明",)


def test_credit_line_after_breadcrumb_and_title_starts_the_body() -> None:
    body = [Line("新闻动态"), Line("学校举办技能大赛"), Line("来源：本站原创"), Line(LEAD)]
    paragraphs, credits = strip_edges(body, "学校举办技能大赛", {})
    assert paragraphs == [LEAD]
    assert credits.source == "本站原创"


@pytest.mark.parametrize(
    "text",
    ["October 15, 2018/in Town News /by admin", "12 March 2024 By Jane Doe", "Updated: 18 Nov 2019, 19:11"],
)
def test_date_lines_with_a_short_byline_are_date_lines(text: str) -> None:
    assert is_date_line(text)


def test_a_sentence_starting_with_a_date_and_by_is_not_a_date_line() -> None:
    assert not is_date_line("March 12, 2024: by the end of the day, everyone had left.")


def test_head_line_showing_the_title_and_a_section_is_cut() -> None:
    lines = [Line("Bridge reopens - City News - Local"), Line(LEAD)]
    assert strip_edges(lines, "Bridge reopens", {})[0] == [LEAD]


def test_first_sentence_opening_with_the_title_is_body() -> None:
    first = "镕城科技节开幕，喆堃与𠮷字展板前排起长队，参观的学生对古籍里的生僻字非常好奇。"
    lines = [
        Line(first),
        Line("据介绍，今年全区新增图书角四十个，流动书车每周进社区两次，借阅人数比去年同期增长近三成。"),
    ]
    assert strip_edges(lines, "镕城科技节开幕", {})[0][0] == first


@pytest.mark.parametrize(
    "text",
    ["Published 4:00 am CST, Wednesday, November 20, 2019", "Updated at 1:23 p.m.", "Posted 10:30 GMT"],
)
def test_clock_weekday_and_zone_lines_are_date_lines(text: str) -> None:
    assert is_date_line(text)


@pytest.mark.parametrize("text", ["At 5:30 we left the harbour.", "The meeting starts at 10:00 in room 4"])
def test_sentences_with_a_clock_are_not_date_lines(text: str) -> None:
    assert not is_date_line(text)


def test_closing_contact_and_newsletter_lines_are_cut() -> None:
    lines = [
        Line(LEAD),
        Line("Jane Roe may be reached at jroe@example.com."),
        Line("Get the latest updates right in your inbox. Subscribe to our newsletters."),
    ]
    removed: dict[str, list[str]] = {}
    assert strip_edges(lines, None, removed)[0] == [LEAD]
    assert set(removed) == {"contact_line", "newsletter_promo"}


def test_comment_tool_line_at_the_tail_does_not_shield_a_credit_line() -> None:
    lines = [Line(LEAD), Line("来源: 北岭晚报"), Line("【发表评论】【】")]
    paragraphs, credits = strip_edges(lines, None, {})
    assert paragraphs == [LEAD]
    assert credits.source == "北岭晚报"


def test_ad_slot_labels_go_wherever_they_sit_and_prose_about_ads_stays() -> None:
    prose = "Advertisement spending rose by a tenth this year, the agency said in its annual report."
    lines = [Line(LEAD), Line("Advertisement"), Line(prose), Line("ADVERT"), Line("广告"), Line(LEAD)]
    removed: dict[str, list[str]] = {}
    paragraphs, _ = strip_edges(lines, None, removed)
    assert paragraphs == [LEAD, prose, LEAD]
    assert removed["nav_promo"] == ["Advertisement", "ADVERT", "广告"]


ZH_LEAD = "江城市教育局昨日通报，全市中小学将于下周一起恢复正常上课，各校已完成校舍安全检查。"


@pytest.mark.parametrize(
    "line", ["原标题：江城中小学下周复课", "【原标题：江城中小学下周复课】", "（原标题: 江城复课）"]
)
@pytest.mark.parametrize("at_head", [True, False])
def test_an_original_title_line_leaves_the_body(line: str, at_head: bool) -> None:
    removed: dict[str, list[str]] = {}
    lines = [Line(line), Line(ZH_LEAD)] if at_head else [Line(ZH_LEAD), Line(line)]
    paragraphs, _ = strip_edges(lines, None, removed)
    assert paragraphs == [ZH_LEAD]
    assert removed["original_title"] == [line]


def test_a_sentence_quoting_an_original_title_stays() -> None:
    text = "报道的原标题：江城复课，后来被编辑改过。"
    paragraphs, _ = strip_edges([Line(ZH_LEAD), Line(text)], None, {})
    assert paragraphs == [ZH_LEAD, text]
