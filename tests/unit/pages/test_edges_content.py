"""Real content at a body's edges stays: subtitles, notice fields, closing dates, tables (issue 15).

The bodies are small shapes of what the school-news sites in ../shared/realsites showed: a title line, a
"——" subtitle, the page's meta line, then the notice.
"""

from __future__ import annotations

from crawler.pages.edges import PageInfo, strip_edges
from crawler.pages.textlines import Line

TITLE = "学史明理 学史增信"
META = "发布日期:2021-07-10 作者：某某中学"
TEXT = "为了迎接建党100周年，在七一到来之际，某某中学党支部组织了党员学习党史分享交流活动，全体党员参加。"
MORE = (
    "活动在充满热情的钢琴曲中开场。党员们一起观看了微视频，短片让在场很多党员同志都潸然泪下，会场十分安静。"
)


def _strip(
    texts: list[str], title: str | None = TITLE, page: PageInfo | None = None
) -> tuple[list[str], dict]:
    removed: dict[str, list[str]] = {}
    paragraphs, _ = strip_edges([Line(text) for text in texts], title, removed, page)
    return paragraphs, removed


def test_dash_subtitle_between_title_and_meta_line_stays() -> None:
    paragraphs, removed = _strip([TITLE, "——某某中学党支部党史学习专题会", META, TEXT, MORE])
    assert paragraphs == ["——某某中学党支部党史学习专题会", TEXT, MORE]
    assert removed == {"credit_line": [META]}


def test_subtitle_without_a_dash_stays_too() -> None:
    paragraphs, _ = _strip([TITLE, "立德树人，抓住教育根本任务不放松", META, TEXT])
    assert paragraphs == ["立德树人，抓住教育根本任务不放松", TEXT]


def test_notice_fields_after_the_meta_line_stay() -> None:
    fields = ["时间：2019年10月29日下午", "地点：学校四楼会议室", "主题：党史学习", "学科：语文"]
    paragraphs, removed = _strip([TITLE, META, *fields, TEXT])
    assert paragraphs == [*fields, TEXT]
    assert "head_promo" not in removed


def test_a_notice_opening_with_short_lines_before_a_field_keeps_them() -> None:
    lines = [
        "各初中教导处：",
        "根据区学期工作计划，对本学期期末考试作出如下安排，请遵照执行。",
        "一、 测试时间：",
        TEXT,
    ]
    paragraphs, removed = _strip([TITLE, META, *lines])
    assert paragraphs == lines
    assert removed == {"credit_line": [META]}


def test_closing_signature_and_date_of_a_notice_stay() -> None:
    paragraphs, removed = _strip([TITLE, META, TEXT, MORE, "某某中学党支部、校长室", "2021年4月22日"])
    assert paragraphs[-2:] == ["某某中学党支部、校长室", "2021年4月22日"]
    assert removed == {"credit_line": [META]}


def test_a_table_whose_first_row_is_a_date_keeps_its_header_and_rows() -> None:
    rows = ["日 期", "主 要 工 作", "1月4日", "提前考试学科期末考试", "教导处", "1月11日"]
    paragraphs, _ = _strip([TITLE, META, *rows, TEXT])
    assert paragraphs == [*rows, TEXT]


def test_a_quiz_question_with_a_date_is_not_a_credit() -> None:
    quiz = [
        "◆单项选择题◆",
        "1.1928年11月28日，由（ ）发起成立了国际展览局。",
        "A、英国 B、美国 C、法国 D、瑞士",
    ]
    paragraphs, _ = _strip([TITLE, META, *quiz])
    assert paragraphs == quiz


def test_a_title_that_reads_like_a_counter_is_not_a_view_counter() -> None:
    paragraphs, _ = _strip([TITLE, META, "阅读中的快乐", TEXT])
    assert paragraphs == ["阅读中的快乐", TEXT]


def test_lines_above_the_title_are_the_page_header() -> None:
    paragraphs, removed = _strip(["其他", "当前位置： 首页 > 学校概况 > 其他 > 正文", TITLE, META, TEXT])
    assert paragraphs == [TEXT]
    assert removed["head_promo"] == ["其他", "当前位置： 首页 > 学校概况 > 其他 > 正文"]


def test_a_dateline_right_below_the_subtitle_is_still_the_pages() -> None:
    paragraphs, _ = _strip([TITLE, "——热烈祝贺大会开幕", "2022-02-11 09:52", TEXT])
    assert paragraphs == ["——热烈祝贺大会开幕", TEXT]


def test_a_name_line_the_page_marks_as_its_author_goes() -> None:
    page = PageInfo(names={"tom krisher", "ap auto writer"})
    paragraphs, removed = _strip(
        ["Auto show opens", "Tom Krisher, AP Auto Writer", "Updated 1:39 am EST, November 20, 2019", TEXT],
        title="Auto show opens",
        page=page,
    )
    assert paragraphs == [TEXT]
    assert removed == {"credit_line": ["Tom Krisher, AP Auto Writer"]}


def test_an_info_line_phase_one_read_goes_but_not_a_first_sentence_with_a_date() -> None:
    first = "2018年10月10日，某市185名中小学骨干教师来到我校进行交流参观考察。"
    page = PageInfo(info={"原创 南方都市报 2019-09-09 16:01:46", first})
    paragraphs, _ = _strip([TITLE, "原创 南方都市报 2019-09-09 16:01:46", first, TEXT], page=page)
    assert paragraphs == [first, TEXT]


def test_without_the_title_among_the_lines_the_header_above_the_credit_line_goes() -> None:
    paragraphs, removed = _strip(
        ["新闻动态", "我院举办技能大赛", "来源：本站原创 作者：某党支部", TEXT], title="新闻动态--某院"
    )
    assert paragraphs == [TEXT]
    assert removed["head_promo"] == ["新闻动态", "我院举办技能大赛"]


def test_a_compilation_keeps_the_parts_after_each_editor_line() -> None:
    part = "习近平在主持学习时发表了讲话。他强调，中国共产党登上中国历史舞台后，高度重视宪法和法制建设。" * 2
    lines = [
        TEXT,
        part,
        "（责任编辑：武小淳）",
        "四、把实施宪法提高到新的水平",
        "发表时间：2018-02-26 来源：人民网",
        part,
        part,
    ]
    paragraphs, removed = _strip([TITLE, META, *lines, "（责任编辑：陈小蓉）", "相关新闻", "某某新闻标题"])
    assert paragraphs == lines
    assert removed["after_end_marker"] == ["（责任编辑：陈小蓉） 相关新闻 某某新闻标题"]


def test_teaser_excerpts_after_the_editor_line_are_no_article_text() -> None:
    teaser = "就在股价涨破历史新高之际，市场却传来消息：某位私募大佬二季度减持了这只股票。但他看空了吗？不，事情的真相是..."
    lines = [
        TEXT,
        MORE,
        "责任编辑：郭小煜",
        "某只股票年内暴涨近一倍",
        teaser,
        "2019-09-09 21:38:04",
        "另一条标题",
        teaser,
    ]
    paragraphs, _ = _strip([TITLE, META, *lines])
    assert paragraphs == [TEXT, MORE]


def test_a_date_split_over_lines_goes_whole() -> None:
    paragraphs, _ = _strip([TITLE, "2019", "09/07", "19:02", TEXT])
    assert paragraphs == [TEXT]


def test_a_counter_piece_is_no_dateline_so_the_date_after_a_word_still_goes() -> None:
    paragraphs, _ = _strip([TITLE, "3.409", "letture", "23 Nov 2017", TEXT])
    assert paragraphs == ["letture", TEXT]


STANDFIRST = (
    "Why the electoral commission turned to crowdfunding for a tax on empty homes, and who pays for it."
)
STORY = "By the spring of 2002, fewer than 87 households applied in the first year, and the council said so."


def test_a_byline_under_a_long_standfirst_is_cut_and_the_standfirst_stays() -> None:
    title = "Rural schools set a deadline for the footbridge"
    texts = [title, STANDFIRST, "by Abel Quayle", STORY, STORY]
    paragraphs, removed = _strip(texts, title)
    assert paragraphs == [STANDFIRST, STORY, STORY]
    assert removed["english_credit"] == ["by Abel Quayle"]


def test_past_the_standfirst_only_whole_credit_lines_go() -> None:
    title = "Rural schools set a deadline for the footbridge"
    texts = [title, STANDFIRST, "Short line", "2024-03-02", STORY]
    paragraphs, _ = _strip(texts, title)
    assert paragraphs == [STANDFIRST, "Short line", "2024-03-02", STORY]
