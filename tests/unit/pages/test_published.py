"""Publish-date choice: relative dates against the crawl time, <time datetime>, a notice's signing date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.pages import extract
from crawler.pages.dates import crawl_time, relative_date
from crawler.pages.published import signing_date

TZ = "Asia/Shanghai"
NOW = datetime(2024, 3, 15, 2, 30, tzinfo=UTC)  # 10:30 in Shanghai
PARA = "<p>这是一段用于测试的正文内容，包含足够多的文字和标点，以便正文检测能够选中它。我们再补充一句话。</p>"
EN = "<p>The council agreed on Tuesday to rebuild the old footbridge over the canal before the winter.</p>"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("3小时前", "2024-03-15T07:30:00+08:00"),
        ("30分钟前", "2024-03-15T10:00:00+08:00"),
        ("发布于 昨天 09:15", "2024-03-14T09:15:00+08:00"),
        ("前天", "2024-03-13"),
        ("刚刚", "2024-03-15T10:30:00+08:00"),
        ("2 hours ago", "2024-03-15T08:30:00+08:00"),
        ("an hour ago", "2024-03-15T09:30:00+08:00"),
        ("Updated yesterday at 9:15 pm", "2024-03-14T21:15:00+08:00"),
        ("5天前", "2024-03-10T10:30:00+08:00"),
    ],
)
def test_relative_dates_resolve_against_the_crawl_time(text: str, iso: str) -> None:
    found = relative_date(text, NOW, TZ)
    assert found is not None
    assert found.iso == iso


def test_no_relative_date_in_plain_text() -> None:
    assert relative_date("市政府宣布新的公交线路开通", NOW, TZ) is None


def test_crawl_time_is_aware_and_tolerates_garbage() -> None:
    assert crawl_time("2024-03-15T02:30:00") == NOW
    assert crawl_time("2024-03-15T02:30:00Z") == NOW
    assert crawl_time("yesterday") is None
    assert crawl_time(None) is None


def test_relative_info_line_gives_the_publish_date_with_the_crawl_time() -> None:
    html = (
        "<html><head><title>测试标题一号_某站</title></head><body><h1>测试标题一号</h1>"
        f"<div class='info'>3小时前 来源：某某日报</div><div class='content'>{PARA * 4}</div></body></html>"
    )
    result = extract(html, "http://a.example.cn/news/1.html", fetched_at="2024-03-15T02:30:00+00:00")
    assert result["published_at"] == "2024-03-15T07:30:00+08:00"
    assert result["date_source"] == "relative"
    assert result["published_raw"] == "3小时前"
    assert extract(html, "http://a.example.cn/news/1.html")["published_at"] is None


def test_marked_time_element_gives_the_publish_date() -> None:
    html = (
        "<html><head><title>Bridge to be rebuilt</title></head><body><h1>Bridge to be rebuilt</h1>"
        "<aside><time datetime='2020-01-01T00:00:00Z'>old</time></aside>"
        "<time class='published' datetime='2024-03-12T09:14:00+00:00'>Tuesday</time>"
        f"<article>{EN * 5}</article></body></html>"
    )
    result = extract(html, "http://a.example.com/news/bridge")
    assert result["published_at"] == "2024-03-12T09:14:00+00:00"
    assert result["date_source"] == "time"


def test_any_time_element_is_a_late_fallback() -> None:
    html = (
        "<html><head><title>Bridge to be rebuilt</title></head><body><h1>Bridge to be rebuilt</h1>"
        f"<article>{EN * 5}<footer><time datetime='2024-03-12'>12 March</time></footer></article></body></html>"
    )
    assert extract(html, "http://a.example.com/news/bridge")["published_at"] == "2024-03-12"


def test_signing_date_after_the_issuing_body() -> None:
    paragraphs = [
        "各有关单位：现将有关事项通知如下，请认真贯彻执行。",
        "江城市人民政府办公室",
        "2020年9月21日",
    ]
    found = signing_date(paragraphs, TZ)
    assert found is not None
    assert found.iso.startswith("2020-09-21")
    assert signing_date(["江城市人民政府办公室 2020年9月21日"], TZ) is not None


def test_a_date_without_an_issuer_is_not_a_signing_date() -> None:
    assert signing_date(["会议于2020年9月21日召开，与会代表讨论了预算。", "2020年9月21日"], TZ) is None


def test_notice_without_other_dates_takes_its_signing_date() -> None:
    body = (
        "<p>各区县人民政府，市政府各部门：经市政府同意，现将本市今年防汛工作有关事项通知如下，请各单位结合实际认真贯彻落实，"
        "确保人民群众生命财产安全和城市运行平稳有序，有关情况及时报市防汛抗旱指挥部办公室。</p>"
        + PARA * 3
        + "<p>江城市防汛抗旱指挥部</p><p>2021年6月1日</p>"
    )
    html = f"<html><head><title>关于做好防汛工作的通知</title></head><body><h1>关于做好防汛工作的通知</h1><div class='content'>{body}</div></body></html>"
    result = extract(html, "http://gov.example.cn/zwgk/notice.html")
    assert result["published_at"] == "2021-06-01"
    assert result["date_source"] == "signing"
