"""Tests for crawler.cleaning.credits."""

import pytest

from crawler.cleaning.credits import Credits, is_credit_line, parse_credits, reprint_source
from crawler.cleaning.pagecredits import closing_names, editor_runs, first_editor_line, poster
from crawler.items import ANONYMOUS


def test_parses_full_chinese_credit_line():
    credits = parse_credits("来源:西岭日报 作者:佚名 责任编辑:林小溪 我要投稿")
    assert credits == Credits(source="西岭日报", authors=(ANONYMOUS,), editors=("林小溪",))


@pytest.mark.parametrize(
    ("line", "editors"),
    [
        ("（责任编辑：周小雁）", ("周小雁",)),
        ("【编辑:刘一欢】", ("刘一欢",)),
        ("(责编：萧一潇、张二妍)", ("萧一潇", "张二妍")),
    ],
)
def test_parses_wrapped_editor_lines(line, editors):
    assert parse_credits(line).editors == editors
    assert is_credit_line(line)


def test_info_line_gives_view_count_but_no_source():
    credits = parse_credits("某某装备网 2017-12-19 11:08 围观357次")
    assert credits.view_count == 357
    assert credits.source is None


@pytest.mark.parametrize(("line", "count"), [("浏览：33", 33), ("点击数：39", 39), ("阅读 1234", 1234)])
def test_parses_view_counters(line, count):
    assert parse_credits(line).view_count == count


def test_english_byline_splits_names():
    assert parse_credits("By Jane Doe and John Roe").authors == ("Jane Doe", "John Roe")


def test_english_edited_by_goes_to_editors():
    assert parse_credits("Edited by Mark Roe").editors == ("Mark Roe",)


def test_citation_inside_body_is_not_a_credit_line():
    assert not is_credit_line("（资料来源：参考消息、海外网等）")


def test_sentence_is_not_a_credit_line():
    assert not is_credit_line("东山在线12月19日讯东山区教体局坚持扶贫与扶智相结合，建立联动机制。")
    assert not is_credit_line("By the time we arrived, it was late.")


def test_tool_line_is_a_credit_line():
    assert is_credit_line("【打印本页】【关闭窗口】")


def test_source_keeps_channel_suffix():
    assert parse_credits("2020-11-26 08:04 来源：人民网-文化频道").source == "人民网-文化频道"


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("港城网海事频道 记者 伊琳 李清芬", ("伊琳", "李清芬")),
        ("□ 本报记者 葛灵丹", ("葛灵丹",)),
        ("新华社巴黎12月9日电（记者唐霁）", ("唐霁",)),
        ("执笔人：闵乐夫 赵兰波", ("闵乐夫", "赵兰波")),
        ("文：眉间尺", ("眉间尺",)),
    ],
)
def test_reporter_label_without_colon(line, authors):
    assert parse_credits(line).authors == authors


def test_reporter_words_inside_a_sentence_are_not_a_byline():
    assert parse_credits("记者从市教育局获悉，全市完成改造。").authors == ()


def test_photo_credit_is_not_an_author():
    assert parse_credits("记者 张蕊 摄").authors == ()


def test_cms_codes_and_roles_are_cut_from_names():
    assert parse_credits("责任编辑：杨倩_NF4425").editors == ("杨倩",)
    assert parse_credits("编辑：HN666 林小溪").editors == ("林小溪",)
    assert parse_credits("编辑：HN666").editors == ("HN666",)  # LABELS.md: an editor shown only as a code
    assert parse_credits("作者：HN666").authors == ()
    assert parse_credits("作者：观察者网专栏作者 王文").authors == ("王文",)
    assert parse_credits("作者：").authors == ()


def test_padded_two_character_name_and_affiliation():
    assert parse_credits("作者: 赵 培：北京物资学院，北京").authors == ("赵培",)


def test_bare_reporter_label_needs_a_space_or_a_closing_bracket():
    assert parse_credits("记者调查 民意调查").authors == ()
    assert parse_credits("第A04版：小记者训练营").authors == ()


@pytest.mark.parametrize(
    ("paragraph", "names"),
    [
        ("过一个平安祥和的新春佳节。（常书香 马丹阳）", ("常书香", "马丹阳")),
        ("他说：“好。”（记者 胡晓蓉）", ("胡晓蓉",)),
        ("据报道。（新华社）", ()),
        ("全市完成改造（图）", ()),
        ("宣传金融知识。(文/图 林小溪 周小雁)", ("林小溪", "周小雁")),
        ("总体结构趋稳。（东山县发改局）", ("东山县发改局",)),
        ("同比增长。（以上数据来自东山统计局）", ()),
        ("正式开通。（东山新闻客户端）", ()),
    ],
)
def test_closing_names(paragraph, names):
    assert closing_names(paragraph) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("lighthouse 发表于 2005-9-15 11:46:00", ("lighthouse",)),
        ("〓 港城论坛 发布时间 2005/03/15 22:36:13 by seagull 〓", ("seagull",)),
        ("今天 发表于 2005-9-15", ()),
        ("全市完成改造", ()),
    ],
)
def test_poster_of_a_blog_or_forum_entry(line, names):
    assert poster(line) == names


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("本文转自北岭晚报，版权归原作者所有。", "北岭晚报"),
        ("转载自：示例网", "示例网"),
        ("本报讯 记者", None),
    ],
)
def test_reprint_source_reads_the_outlet(text: str, outlet: str | None) -> None:
    assert reprint_source(text) == outlet


def test_short_lines_are_remembered_and_paragraphs_are_not() -> None:
    from crawler.cleaning import credits

    line = "来源：示例日报 责任编辑：李华"
    assert credits.is_credit_line(line) is True
    hits = credits._credit_line.cache_info().hits
    assert credits.is_credit_line(line) is True
    assert credits._credit_line.cache_info().hits == hits + 1
    assert credits.parse_credits(line).source == "示例日报"
    paragraph = "示例区教体局坚持扶贫与扶智相结合，资助家庭贫困学生就学。" * 12
    before = credits._credit_line.cache_info().currsize, credits._parse_credits.cache_info().currsize
    assert credits.is_credit_line(paragraph) is False
    assert credits.parse_credits(paragraph).source is None
    after = credits._credit_line.cache_info().currsize, credits._parse_credits.cache_info().currsize
    assert after == before


@pytest.mark.parametrize(
    "line",
    [
        "2021-6-29",
        "2019年10月29日",
        "上海市吴泾中学推优领导小组 2019.4.23",
        "时间：2019年10月29日",
        "会议时间： 2020年9月15日中午12：20",
        "办公时间：7：30——16：30",
        "一、 测试时间：",
        "审核日期： 年 月 日",
        "本期国旗下的讲话主题是阅读中的快乐",
        "1.1928年11月28日，由（ ）发起成立了国际展览局。",
        "收藏家协会成立",
        "期末工作安排请点击以下链接：",
    ],
)
def test_dates_fields_and_sentences_without_a_credit_label_are_not_credit_lines(line):
    # issue 15: a notice's closing date and its 时间：/主题： fields are its text, not the page's credits
    assert not is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "发布日期:2021-09-15 作者：吴泾中学",
        "发布时间：2019-05-18",
        "2018-02-26 13:13 来源： 教育部网站",
        "光明日报记者 靳晓燕",
        "撰稿：某某中学工会 汤小梅",
        "浏览次数：",
        "点击数：（）",
        "2019-01-01 【打印】【关闭】",
    ],
)
def test_labelled_credit_publication_counter_and_tool_lines_are_credit_lines(line):
    assert is_credit_line(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("发布日期:2023-12-01 作者：某某中学(G)", Credits(authors=("某某中学(G)",))),
        ("(责编：王小浦(实习生)、熊小旭)", Credits(editors=("王小浦(实习生)", "熊小旭"))),
        ("2017-07-04 05:00 来源：光明网-《光明日报》", Credits(source="光明网-《光明日报》")),
        ("作者：周小清（单位：某省研究中心）", Credits(authors=("周小清",))),
        ("(作者：张三)", Credits(authors=("张三",))),
    ],
)
def test_names_and_sources_keep_their_own_brackets(line, expected):
    assert parse_credits(line) == expected


@pytest.mark.parametrize("line", ["摄影：张小三", "（摄影：张小三 李小四）", "图片来源：示例网"])
def test_photo_credit_lines_are_credit_lines_but_name_no_author(line):
    assert is_credit_line(line)
    assert parse_credits(line).authors == ()


@pytest.mark.parametrize(
    ("line", "editors"),
    [
        ("编辑 林小溪 周小雁", ("林小溪", "周小雁")),
        ("编辑 林小溪 校对 周小雁", ("林小溪",)),
        ("编辑|林小溪", ("林小溪",)),
        ("责编｜周小雁", ("周小雁",)),
        ("（责任编辑： XY123）", ("XY123",)),
        ("[责任编辑：林小溪 XY123]", ("林小溪",)),
        ("发布日期：2019-03-06 责任编辑：林小溪", ("林小溪",)),
    ],
)
def test_parses_editor_lines_without_colon_or_with_bars_and_codes(line, editors):
    assert is_credit_line(line)
    assert parse_credits(line).editors == editors


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("执笔/林小溪、周小雁&王大山", ("林小溪", "周小雁", "王大山")),
        ("采写：东山晚报记者 林小溪 周小雁", ("林小溪", "周小雁")),
        ("作者：林小溪 周小雁返回东山，查看更多", ("林小溪", "周小雁")),
        ("《东山观察》作者 林小溪", ("林小溪",)),
        ("作者：东山快訊／林小溪", ("林小溪",)),
        ("作者：林小溪，东山大学教授", ("林小溪",)),
        ("东山晚报记者 林小溪", ("林小溪",)),
    ],
)
def test_parses_author_lines_with_prefixes_ui_words_and_affiliations(line, authors):
    assert parse_credits(line).authors == authors


def test_first_editor_line_reads_as_far_as_the_first_editor():
    lines = ["正文的最后一句。", "请注明本文链接：http://example.cn/1", "责任编辑: 林小溪", "编辑：周小雁"]
    assert first_editor_line(iter(lines)) == ("林小溪",)
    assert first_editor_line(["正文。", "编辑部的话很长，这不是署名。"]) == ()


def test_editors_of_two_lines_add_up_and_proofreaders_are_no_editors():
    assert parse_credits("编辑：林小溪 责任编辑：周小雁").editors == ("林小溪", "周小雁")
    assert parse_credits("校对|王大山").editors == ()
    merged = parse_credits("编辑|林小溪").merged(parse_credits("责编|周小雁"))
    assert merged.editors == ("林小溪", "周小雁")


@pytest.mark.parametrize("line", ["来源：网络", "来源：互联网", "来源: 未知"])
def test_a_vague_source_names_no_outlet(line):
    assert parse_credits(line).source is None


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("新华社记者林小溪、周小雁", ("林小溪", "周小雁")),
        ("评论员 林小溪 周小雁", ("林小溪", "周小雁")),
        ("作者：林小溪 简/繁", ("林小溪",)),
        ("作者：林小溪繁體", ("林小溪",)),
        ("东山工程新闻发言人 林小溪", ("林小溪",)),
        ("东山发言人就某事答记者问", ()),
    ],
)
def test_agency_reporters_glued_on_commentators_and_ui_toggles(line, authors):
    assert parse_credits(line).authors == authors


def test_closing_commentators():
    assert closing_names("这是结尾。（评论员 林小溪 周小雁）") == ("林小溪", "周小雁")


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("来源：东山日报（记者：林小溪）", "东山日报"),
        ("来源：《东山日报 作者：林小溪", "东山日报"),
        ("来源：东山日报（北湖）", "东山日报"),
        ("来源：东山社北湖3月5日电", "东山社"),
    ],
)
def test_sources_are_not_cut_inside_brackets_nor_keep_a_city_note(line, source):
    assert parse_credits(line).source == source


def test_editor_runs_in_html_source():
    html = '<div class="share"><p>[责任编辑：林小溪]</p></div><span class="e">责编：周小雁_AB123</span>'
    assert editor_runs(html) == ["责任编辑：林小溪]", "责编：周小雁_AB123"]
    assert first_editor_line(editor_runs(html)) == ("林小溪",)
    assert editor_runs("<p>no editor here</p>") == []


@pytest.mark.parametrize(
    "html",
    [
        '<img alt="责任编辑：林小溪" src="a.png"><p>正文</p>',
        "<!-- 责任编辑：林小溪 --><p>正文</p>",
        '<script>var line = "责任编辑：" + editor;</script><p>正文</p>',
    ],
)
def test_editor_runs_skip_attributes_comments_and_scripts(html):
    assert editor_runs(html) == []
