"""Tests for crawler.cleaning.infoline: unlabelled names of the info line, dateline reporters."""

import pytest

from crawler.cleaning.credits import Credits
from crawler.cleaning.infoline import dateline_authors, info_credits, name_line, segment_credits


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("2019-09-09 16:01 东山晚报", "东山晚报"),
        ("原创 东山晚报 2019-09-09 16:01:46", "东山晚报"),
        ("东山观察号 2020-03-09 18:14:21", "东山观察号"),
        ("2019年09月11日01:53 东山科技 我有话说(120人参与) 收藏本文", "东山科技"),
        ("2019-09-05 11:10 东山星空[整理] 1", "东山星空"),
        ("原创 HillNews 2019-09-04 22:18:34", "HillNews"),
        ("东山科技 昨天", "东山科技"),
    ],
)
def test_the_one_name_of_an_info_line_is_the_source(line, source):
    assert info_credits([line]) == Credits(source=source)


def test_a_writer_and_an_outlet():
    assert info_credits(["林小溪/东山青年报"]) == Credits(source="东山青年报", authors=("林小溪",))


@pytest.mark.parametrize(
    "line",
    [
        "2019年09月11日 东山传媒 时政新闻 1665 0",  # two names: which one is the source is not said
        "最后更新: 2019-09-07 09:27:48",
        "分享到：",
        "发布时间：10-0812:00优质原创作者",
        "来源：东山晚报 2019-09-09",  # labelled: parse_credits reads it
        "这是一段正文，不是信息行。",
    ],
)
def test_lines_that_name_no_source(line):
    assert info_credits([line]).source is None


def test_name_line_is_one_short_name():
    assert name_line("东山观察号")
    assert name_line("林小溪/东山青年报")
    assert not name_line("东山观察号 关注")
    assert not name_line("正文的第一句话，很短。")
    assert not name_line("来源：东山晚报")
    assert not name_line("2019")


@pytest.mark.parametrize(
    ("paragraph", "authors"),
    [
        ("东山网10月4日讯（记者林小溪 整合） 国庆长假过半，外地游客不减。", ("林小溪",)),
        ("东山晚报快讯（记者 周小雁）今日（12月28日）有网友爆料。", ("周小雁",)),
        ("东山社北湖12月9日电（记者王大山）北湖9日再次下雪。", ("王大山",)),
        ("本站讯（职工通讯员 林小溪 周小雁）为推进党建工作，", ("林小溪", "周小雁")),
        ("〔記者林小溪／北湖報導〕今天下雪。", ("林小溪",)),
        ("今天（12月28日）有网友爆料。", ()),
        ("他说，这件事（记者林小溪）很重要。", ()),
        ("资料图（记者 林小溪 摄）", ()),
    ],
)
def test_dateline_authors(paragraph, authors):
    assert dateline_authors(paragraph) == authors


def test_segment_credits_of_a_barred_info_line():
    line = "发表于2014-08-24 21:30| 1164次阅读| 来源东山网| 0 条评论| 作者林小溪"
    assert segment_credits([line]) == Credits(source="东山网", authors=("林小溪",))
    assert segment_credits(["首页 | 新闻 | 来源"]) == Credits()
    assert segment_credits(["来源东山网"]) == Credits()


def test_the_known_authors_of_an_info_line_are_no_source():
    line = "原创 hillwalker 东山观察号 前天"
    assert info_credits([line]) == Credits()
    assert info_credits([line], ("hillwalker",)) == Credits(source="东山观察号")
    assert info_credits(["东山观察号"], ("东山观察号",)) == Credits(source="东山观察号")


def test_lines_past_a_labelled_credit_line_are_the_texts() -> None:
    assert info_credits(["发布日期:2019-09-20 作者：东山中学", "教师值日", "2019-09-23"]) == Credits()


@pytest.mark.parametrize(
    "subtitle", ["——记东山中学党支部评议", "学原文、悟原理、促行动", "东山中学迎新年文艺汇演活动方案"]
)
def test_a_subtitle_is_no_source(subtitle: str) -> None:
    assert info_credits([subtitle, "2019-09-20 10:00"]).source is None


def test_a_line_echoing_the_headline_is_a_subtitle() -> None:
    lines = ["东山中学召开座谈会", "2019-09-20 10:00"]
    assert info_credits(lines, headline="重阳佳节 东山中学暖心座谈").source is None
    assert info_credits(lines, headline="另一条完全不同的新闻").source == "东山中学召开座谈会"
