"""A page's language: the declaration, unless the page's own text plainly contradicts it."""

from __future__ import annotations

import pytest

from crawler.pages import extract

ZH_PARAGRAPH = (
    "本周学校举行了科技节开幕式，全体师生参加了活动。活动期间，同学们展示了各自的科技作品，"
    "老师们对作品进行了点评，并评选出一等奖和二等奖。校长在讲话中鼓励同学们勇于探索、敢于创新。"
)
EN_PARAGRAPH = (
    "The harbour reopened on Monday after three weeks of repairs to the main quay, the port authority said. "
    "Ferries will run on the summer timetable from next week, and the fish market returns on Saturday."
)


def page(html_attrs: str, paragraphs: list[str], nav: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html {html_attrs}><head><title>Title</title></head><body><nav>{nav}</nav>"
        f"<h1>Title</h1><div class='article'>{body}</div></body></html>"
    )


@pytest.mark.parametrize("attrs", ['xml:lang="en"', 'lang="en-US"', 'lang="utf-8"', 'lang="fr"'])
def test_chinese_text_overrules_a_declaration_of_another_language(attrs):
    fields = extract(page(attrs, [ZH_PARAGRAPH] * 3), "http://h.example/news/1.htm")
    assert fields["lang"] == "zh"


@pytest.mark.parametrize(
    ("attrs", "lang"), [('lang="ja"', "ja"), ('lang="zh-TW"', "zh"), ('lang="ko"', "ko")]
)
def test_a_declared_language_written_in_han_is_kept(attrs, lang):
    fields = extract(page(attrs, [ZH_PARAGRAPH] * 3), "http://h.example/news/1.htm")
    assert fields["lang"] == lang


def test_an_english_page_with_chinese_navigation_stays_english():
    nav = "首页 新闻 学校概况 教学科研 招生就业 联系我们"
    fields = extract(page('lang="en"', [EN_PARAGRAPH] * 4, nav=nav), "http://h.example/news/1.htm")
    assert fields["lang"] == "en"


def test_a_few_han_characters_do_not_overrule_a_declaration():
    fields = extract(page('lang="en"', ["学校新闻" + EN_PARAGRAPH[:40]]), "http://h.example/news/1.htm")
    assert fields["lang"] == "en"


@pytest.mark.parametrize(("paragraphs", "lang"), [([ZH_PARAGRAPH] * 2, "zh"), ([EN_PARAGRAPH] * 2, "en")])
def test_without_a_declaration_the_text_decides(paragraphs, lang):
    assert extract(page("", paragraphs), "http://h.example/news/1.htm")["lang"] == lang
