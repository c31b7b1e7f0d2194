"""Publish times at the page's own precision: a date alone, a naive time when the zone is unknown, the
shown time before declared ones, year-less dates against the page's own evidence, script and toolbar dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crawler.pages import extract
from crawler.pages.dates import find_dates, relative_date, search_date
from crawler.pages.published import DateEvidence, published

ZH = (
    "<p>这是一段用于测试的正文内容，包含足够多的文字和标点，以便正文检测能够选中它。我们再补充一句话。</p>"
    * 3
)
EN = (
    "<p>The council agreed on Tuesday to rebuild the old footbridge over the canal before the winter.</p>" * 3
)


def _page(head: str, info: str, body: str, lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return (
        f"<html{attr}><head><title>Headline of the story</title>{head}</head><body>"
        f"<h1>Headline of the story</h1><div class='info'>{info}</div><article>{body}</article></body></html>"
    )


def _evidence(**given: object) -> DateEvidence:
    fields: dict[str, object] = {
        "url": "http://a.example.cn/news/1.html",
        "timezone": "Asia/Shanghai",
        "reference": None,
        "crawled": None,
        "selected": "",
        "baidu": "",
        "jsonld": "",
        "meta": (),
        "marked_times": (),
        "other_times": (),
        "byline": (),
        "lines": (),
        "paragraphs": (),
        "tail": (),
    }
    fields.update(given)
    return DateEvidence(**fields)  # type: ignore[arg-type]


def test_a_page_showing_only_a_date_gives_the_date_alone() -> None:
    html = _page("", "2019-05-17 · 城市日报", ZH)
    assert extract(html, "http://a.example.cn/news/1.html")["published_at"] == "2019-05-17"


def test_the_shown_time_beats_a_declared_update_time_of_the_same_day() -> None:
    head = "<meta property='article:published_time' content='2018-12-28T19:56:29+08:00'>"
    html = _page(head, "2018年12月28日 19:55 城市日报", ZH)
    result = extract(html, "http://a.example.cn/news/1.html")
    assert (result["published_at"], result["date_source"]) == ("2018-12-28T19:55:00+08:00", "byline")


def test_a_declared_time_with_an_offset_outranks_a_line_showing_the_day_alone() -> None:
    head = "<meta property='article:published_time' content='2024-03-04T08:30:00+00:00'>"
    html = _page(head, "4 March 2024", EN, lang="en")
    assert extract(html, "http://a.example.com/news/1")["published_at"] == "2024-03-04T08:30:00+00:00"


def test_a_zone_less_declared_time_gives_way_to_the_date_shown() -> None:
    head = "<meta name='publishdate' content='2016-11-22 09:53'>"
    html = _page(head, "发布日期：2016-11-22 浏览次数：", ZH)
    assert extract(html, "http://a.example.cn/news/1.html")["published_at"] == "2016-11-22"


def test_a_declared_utc_time_is_kept_as_declared_unless_the_page_shows_the_time() -> None:
    head = "<meta property='article:published_time' content='2019-09-06T20:04:00Z'>"
    html = _page(head, "城市日报", ZH)
    assert extract(html, "http://a.example.cn/news/1.html")["published_at"] == "2019-09-06T20:04:00+00:00"
    html = _page(head, "2019年09月07日 04:04 城市日报", ZH)  # the same instant, shown in Beijing time
    assert extract(html, "http://a.example.cn/news/1.html")["published_at"] == "2019-09-07T04:04:00+08:00"


def test_a_time_without_zone_on_a_page_of_unknown_zone_stays_naive() -> None:
    html = _page("", "Posted: 2024-03-12 09:14", EN, lang="en")
    assert extract(html, "http://a.example.com/news/1")["published_at"] == "2024-03-12T09:14:00"


def test_a_declared_locale_gives_the_zone() -> None:
    html = _page("", "Posted: 2024-03-12 09:14", EN, lang="en-GB")
    assert extract(html, "http://a.example.com/news/1")["published_at"] == "2024-03-12T09:14:00+00:00"
    html = _page("", "Posted: 2024-07-12 09:14", EN, lang="en-GB")
    assert extract(html, "http://a.example.com/news/1")["published_at"] == "2024-07-12T09:14:00+01:00"


def test_an_english_page_keeps_its_declared_utc_time() -> None:
    head = "<meta property='article:published_time' content='2024-03-12T09:14:00Z'>"
    html = _page(head, "By A Writer", EN, lang="en")
    assert extract(html, "http://a.example.com/news/1")["published_at"] == "2024-03-12T09:14:00+00:00"


def test_a_yearless_date_resolves_against_the_pages_declared_update_time() -> None:
    head = "<meta itemprop='dateUpdate' content='2019-10-08 12:00:57'>"
    html = _page(head, "发布时间：10-08 12:00", ZH)
    assert extract(html, "http://a.example.cn/s?id=1")["published_at"] == "2019-10-08T12:00:00+08:00"


def test_a_script_publish_time_is_read_when_the_page_shows_none() -> None:
    script = '<script>window.DATA = {"title": "x", "pubtime": "2019-09-07 19:02:26"};</script>'
    html = _page(script, "城市日报", ZH)
    result = extract(html, "http://a.example.cn/omn/20190907/1.html")
    assert (result["published_at"], result["date_source"]) == ("2019-09-07T19:02:26+08:00", "script")


def test_a_labelled_date_in_a_removed_toolbar_is_read() -> None:
    page = _evidence(removed={"nav_promo": ["阅读 539 发布日期：2019-09-23 14:34:05 所属分类：头条"]})
    found, source = published(page)
    assert found is not None
    assert (found.iso, source) == ("2019-09-23T14:34:05+08:00", "labelled")


def test_dates_in_removed_listings_are_not_this_pages() -> None:
    page = _evidence(removed={"related_reading": ["发布日期：2019-09-23 另一篇文章"]})
    assert published(page) == (None, None)


def test_an_update_label_loses_to_another_date_of_the_line() -> None:
    found = search_date("更新时间：2020-01-02 10:00 2020-01-01 09:00", "Asia/Shanghai")
    assert found is not None
    assert found.iso == "2020-01-01T09:00:00+08:00"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("10-0812:00", "2019-10-08T12:00:00+08:00"),  # spans joined with no space
        ("发布时间：18-03-0823:16", "2018-03-08T23:16:00+08:00"),
        ("2019-09-2314:34:05", "2019-09-23T14:34:05+08:00"),
        ("2007-08-20-23:59:59", "2007-08-20T23:59:59+08:00"),
        ("2019年5月17日", "2019-05-17"),
    ],
)
def test_date_forms(text: str, iso: str) -> None:
    assert [m.iso for m in find_dates(text, "Asia/Shanghai", date(2019, 12, 1))] == [iso]


def test_a_time_without_zone_is_naive_when_the_zone_is_unknown() -> None:
    assert [m.iso for m in find_dates("2024-03-12 09:14", None)] == ["2024-03-12T09:14:00"]


@pytest.mark.parametrize(
    ("text", "tz", "iso"),
    [
        ("yesterday", None, "2024-03-14"),
        ("yesterday at 9:15 pm", None, "2024-03-14T21:15:00"),
        ("2 hours ago", None, "2024-03-15T00:30:00+00:00"),
        ("昨天", "Asia/Shanghai", "2024-03-14"),
    ],
)
def test_relative_dates_at_their_precision(text: str, tz: str | None, iso: str) -> None:
    found = relative_date(text, datetime(2024, 3, 15, 2, 30, tzinfo=UTC), tz)
    assert found is not None
    assert found.iso == iso


def test_a_shown_time_without_zone_takes_the_offset_the_page_declares() -> None:
    head = "<meta property='article:published_time' content='2019-11-18T19:05:00-05:00'>"
    html = _page(head, "November 18, 2019 at 4:05 PM", EN, lang="en")
    assert extract(html, "http://a.example.com/news/1")["published_at"] == "2019-11-18T16:05:00-05:00"


def test_a_declared_utc_time_gives_its_zone_only_when_it_agrees_with_the_time_shown() -> None:
    head = "<meta property='article:published_time' content='2019-11-18T10:45:00+00:00'>"
    html = _page(head, "November 18, 2019 at 10:45 AM", EN, lang="en")
    assert extract(html, "http://a.example.com/news/1")["published_at"] == "2019-11-18T10:45:00+00:00"
    html = _page(head, "November 18, 2019 at 7:45 AM", EN, lang="en")
    assert extract(html, "http://a.example.com/news/1")["published_at"] == "2019-11-18T07:45:00"


def test_a_japanese_page_with_many_kanji_keeps_tokyo_time() -> None:
    text = "<p>" + "東京都は新しい公共交通の計画を発表した。" * 10 + "</p>"
    html = _page("", "2024年3月12日 09:14", text * 3, lang="ja")
    assert extract(html, "http://a.example.com/news/1")["published_at"] == "2024-03-12T09:14:00+09:00"
