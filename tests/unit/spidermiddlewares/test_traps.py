"""Trap guards: repeated segments, deep paths, lists that add nothing, URL shapes that lead nowhere."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.pages.links import make_scope
from crawler.spidermiddlewares.traps import TrapGuardMiddleware, page_number, series_key, url_pattern


@pytest.fixture
def guard():
    crawler = get_crawler(settings_dict={"ARCHIVE_MAX_HUBS_PER_PATTERN": 3})
    crawler.stats.open_spider()
    return TrapGuardMiddleware.from_crawler(crawler)


def page(url: str, request: Request | None = None) -> HtmlResponse:
    return HtmlResponse(url, body=b"<html></html>", request=request or Request(url))


def run(guard, url, *links, item=False, via=None):
    """The guard's output for a page at ``url`` linking to ``links``; ``via``: the request that led to it."""
    outputs = [Request(link) for link in links] + ([{"title": "x"}] if item else [])
    out = guard.process_spider_output(page(url, via), outputs)
    return [o.url if isinstance(o, Request) else o for o in out]


def crawl(guard, pages, start):
    """Follow a chain of pages (url -> its links) from ``start`` the way the crawl would; the URLs fetched."""
    fetched, queue = [], [Request(start)]
    while queue and len(fetched) < 50:
        request = queue.pop(0)
        fetched.append(request.url)
        outputs = [Request(link) for link in pages.get(request.url, [])]
        queue += list(guard.process_spider_output(page(request.url, request), outputs))
    return fetched


def test_page_number_and_series():
    assert page_number("http://h/list?page=4") == 4
    assert page_number("http://h/news/index_3.shtml") == 3
    assert page_number("http://h/news/a.html") is None
    assert series_key("http://h/list?page=4&x=1") == "http://h/list?page=N&x=1"
    assert url_pattern("http://h/calendar/2024-01-15?d=3") == "h/calendar/N-N-N?d"


def test_repeated_segments_and_deep_paths_are_dropped(guard):
    out = run(
        guard,
        "http://h/loop/x/x/",
        "http://h/loop/x/x/x/",
        "http://h/" + "/".join("abcdefghijklmnopqrstuvwxyz"),
    )
    assert out == []
    assert guard.crawler.stats.get_value("archive/guard/repeated_path") == 1
    assert guard.crawler.stats.get_value("archive/guard/path_depth") == 1


def test_page_numbers_above_the_cap_are_dropped_but_ids_are_not(guard):
    assert run(guard, "http://h/", "http://h/list?page=201", "http://h/a/t20240301_672610.htm") == [
        "http://h/a/t20240301_672610.htm"
    ]
    assert run(guard, "http://h/", "http://h/news/content_4521.html", "http://h/?p=12345") == [
        "http://h/news/content_4521.html",
        "http://h/?p=12345",
    ]
    assert guard.crawler.stats.get_value("archive/guard/max_page") == 1


def test_a_list_stops_after_a_page_that_adds_nothing():
    guard = TrapGuardMiddleware.from_crawler(get_crawler())
    guard.crawler.stats.open_spider()
    pages = {  # the hostile site's list: a sticky story on every page, one more on pages 1-3, then nothing
        f"http://h/list?page={n}": [f"http://h/list?page={n + 1}", "http://h/sticky.html"]
        + ([f"http://h/story-{n}.html"] if n <= 3 else [])
        for n in range(1, 40)
    }
    fetched = [url for url in crawl(guard, pages, "http://h/list?page=1") if "list" in url]
    assert fetched == [f"http://h/list?page={n}" for n in (1, 2, 3, 4)]
    assert guard.crawler.stats.get_value("archive/guard/pagination_exhausted") == 1


def test_lists_sharing_one_file_name_pattern_are_never_cut():
    """Sections whose list pages are all info/iList_N.htm, each page listing its own stories, every page
    linking every section, in any order: no guard fires."""
    guard = TrapGuardMiddleware.from_crawler(get_crawler(settings_dict={"ARCHIVE_MAX_HUBS_PER_PATTERN": 3}))
    guard.crawler.stats.open_spider()
    nav = [f"http://h/info/iList_{n}.htm" for n in range(1, 30)]
    pages = {
        url: [*nav, *(f"http://h/s{n}/{n * 100 + i}.htm" for i in range(5))] for n, url in enumerate(nav, 1)
    }
    pages["http://h/"] = nav
    fetched = crawl(guard, pages, "http://h/")
    assert set(nav) <= set(fetched)
    assert not any(k.startswith("archive/guard/") for k in guard.crawler.stats.get_stats())


def test_a_shape_whose_pages_add_nothing_runs_out_of_budget(guard):
    pages = {
        f"http://h/calendar/2024-01-{d:02d}": [f"http://h/calendar/2024-01-{d + 1:02d}"] for d in range(1, 28)
    }
    fetched = crawl(guard, pages, "http://h/calendar/2024-01-01")
    # the first day is linked from nowhere known; days 2-4 add nothing: the fourth is the budget's last
    assert fetched == [f"http://h/calendar/2024-01-{d:02d}" for d in (1, 2, 3, 4)]
    assert guard.crawler.stats.get_value("archive/guard/pattern_budget") == 1


def test_article_pages_do_not_use_up_the_budget(guard):
    via = Request("http://h/news/0.html")
    for n in range(10):
        out = guard.process_spider_output(
            page(f"http://h/news/{n}.html", via), [Request(f"http://h/news/{n + 1}.html"), {"title": "x"}]
        )
        via = next(o for o in out if isinstance(o, Request))
    assert via.url == "http://h/news/10.html"
    assert guard.crawler.stats.get_value("archive/guard/pattern_budget") is None


def test_session_ids_are_counted_not_dropped(guard):
    assert run(guard, "http://h/", "http://h/a.html;jsessionid=ABC") == ["http://h/a.html;jsessionid=ABC"]
    assert guard.crawler.stats.get_value("archive/guard/session_id") == 1


def test_links_that_are_never_followed_are_counted(guard):
    guard.crawler.spider = SimpleNamespace(scope=make_scope(["http://127.0.0.1:8000/"], None))
    body = (
        '<html><body><a href="file:///etc/passwd">f</a><a href="data:text/html,hi">d</a>'
        '<a href="ftp://127.0.0.1/x">x</a><a href="javascript:void(0)">j</a><a href="/in">in</a>'
        '<a href="http://127.0.0.1:9999/other-port">p</a><a href="http://localhost:8000/other-host">h</a>'
        '<a href="https://127.0.0.1:8000/other-scheme">s</a></body></html>'
    )
    response = HtmlResponse(
        "http://127.0.0.1:8000/", body=body.encode(), headers={"Content-Type": "text/html"}
    )
    list(guard.process_spider_output(response, [Request("http://127.0.0.1:8000/in")]))
    assert guard.crawler.stats.get_value("archive/guard/bad_scheme_link") == 3
    assert guard.crawler.stats.get_value("archive/guard/offsite_link") == 3


def test_a_sitemap_output_streams_through_the_guards(guard):
    from scrapy.http import XmlResponse

    headers = {"Content-Type": "application/xml"}
    sitemap = XmlResponse("http://h.example/sitemap.xml", body=b"<urlset/>", headers=headers)
    pulled = []

    def outputs():
        for i in range(3):
            pulled.append(i)
            yield Request(f"http://h.example/a{i}.html")
        yield Request("http://h.example/" + "x/" * 30)

    stream = guard.process_spider_output(sitemap, outputs())
    first = next(stream)
    assert (first.url, pulled) == ("http://h.example/a0.html", [0])  # not materialised
    assert [r.url for r in stream] == ["http://h.example/a1.html", "http://h.example/a2.html"]
    assert guard.crawler.stats.get_value("archive/guard/path_depth") == 1


def test_a_section_repeating_the_items_of_the_list_that_linked_it_keeps_its_next_pages(guard):
    """info/iList_24.htm (a section) lists only stories info/iList_30.htm (another section, same file-name
    pattern) lists too: it adds nothing over that page, but it is the first page of its own list."""
    pages = {
        "http://h/info/iList_30.htm": ["http://h/info/iList_24.htm", "http://h/a.htm", "http://h/b.htm"],
        "http://h/info/iList_24.htm": ["http://h/a.htm", "http://h/b.htm", "http://h/info/iList_74.htm"],
        "http://h/info/iList_74.htm": ["http://h/c.htm"],
    }
    assert "http://h/info/iList_74.htm" in crawl(guard, pages, "http://h/info/iList_30.htm")
    assert guard.crawler.stats.get_value("archive/guard/pagination_exhausted") is None


def test_a_request_the_page_does_not_link_takes_nothing_from_it(guard):
    from crawler.utils.aliases import NOT_LINKED

    released = Request("http://h/list_4.htm", meta={NOT_LINKED: True})
    (out,) = guard.process_spider_output(page("http://h/list_3.htm"), [released])
    assert "archive_linked_from" not in out.meta
    assert "archive_next_page" not in out.meta
