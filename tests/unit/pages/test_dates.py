"""Tests for crawler.pages.dates."""

from datetime import date, datetime

import pytest

from crawler.pages.dates import labelled_date, parse_date, search_date, url_date

TZ = "Asia/Shanghai"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("某某网 2017-12-19 11:08 围观357次", "2017-12-19T11:08:00+08:00"),
        ("2022年02月13日07:48", "2022-02-13T07:48:00+08:00"),
        ("时间：2019年9月26日 15:10", "2019-09-26T15:10:00+08:00"),
        ("发布时间：2022-02-13 04:22:18", "2022-02-13T04:22:18+08:00"),
        ("2017年12月19日11时08分", "2017-12-19T11:08:00+08:00"),
        ("2017/12/19", "2017-12-19"),
        ("2017.12.19", "2017-12-19"),
        ("2023 11/ 17 20:52:15", "2023-11-17T20:52:15+08:00"),
        ("二〇一七年十二月十九日", "2017-12-19"),
        ("2017-12-19T03:08:00Z", "2017-12-19T03:08:00+00:00"),
        ("December 19, 2017 3:05 pm", "2017-12-19T15:05:00+08:00"),
    ],
)
def test_parses_date_forms(raw, iso):
    assert parse_date(raw, TZ) == iso


def test_two_digit_year_needs_cjk_context():
    assert parse_date("17-12-19 11:08", TZ) is None
    assert parse_date("日期：17-12-19 11:08", TZ) == "2017-12-19T11:08:00+08:00"


def test_yearless_date_resolves_to_most_recent_past():
    assert parse_date("12月19日讯", TZ, datetime(2018, 1, 5)) == "2017-12-19"
    assert parse_date("02-20", TZ, date(2019, 3, 1)) == "2019-02-20"


def test_yearless_date_without_reference_is_none():
    assert parse_date("12月19日", TZ) is None


def test_labelled_date_wins_over_earlier_date():
    match = search_date("2016-05-01 发布时间：2017-12-19 11:08", TZ)
    assert match is not None
    assert match.iso.startswith("2017-12-19")


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://a.cn/2017/1219/x.html", date(2017, 12, 19)),
        ("http://a.cn/20171219/x.html", date(2017, 12, 19)),
        ("http://a.cn/a/202311/17/WS1.html", date(2023, 11, 17)),
        ("http://a.cn/202009/t20200921_875251.htm", date(2020, 9, 21)),
        ("http://a.cn/2017-12/19/c_1.htm", date(2017, 12, 19)),
        ("http://www.caigou.com.cn/news/20171219108.shtml", date(2017, 12, 19)),
        ("http://a.cn/news/list.html", None),
    ],
)
def test_url_date(url, day):
    assert url_date(url) == day


def test_labelled_date_needs_a_publish_label():
    assert labelled_date("访问统计 2005-09-10 10:56", "Asia/Shanghai") is None
    found = labelled_date("ggjj 发表于 2005-09-15 11:46:00", "Asia/Shanghai")
    assert found is not None
    assert found.iso == "2005-09-15T11:46:00+08:00"
