"""Depth: a list's own next pages are no deeper, articles start the hub count afresh, both limits counted."""

from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import Article
from crawler.spidermiddlewares.depth import HUB_DEPTH, DepthMiddleware


def middleware(**settings):
    crawler = get_crawler(settings_dict=settings)
    crawler.stats.open_spider()
    return DepthMiddleware.from_crawler(crawler)


def page(url, request=None):
    return HtmlResponse(url, body=b"<html></html>", request=request or Request(url))


def follow(mw, request, links, article=False):
    """The requests that pass for a page fetched by ``request`` linking to ``links``."""
    outputs = [Request(link) for link in links]
    if article:
        outputs.append(Article(url=request.url, title="t", body="b"))
    return [
        o for o in mw.process_spider_output(page(request.url, request), outputs) if isinstance(o, Request)
    ]


def test_a_chained_list_of_nine_pages_is_one_hop_deep():
    mw = middleware(ARCHIVE_MAX_HUB_DEPTH=2, DEPTH_PRIORITY=1)
    home = Request("http://h/index.htm")
    (first,) = follow(mw, home, ["http://h/news/list.htm"])
    pages = [first]
    for n in range(2, 10):
        (nxt,) = follow(mw, pages[-1], [f"http://h/news/list_{n}.htm"])
        pages.append(nxt)
    assert [(r.meta["depth"], r.meta[HUB_DEPTH]) for r in pages] == [(1, 1)] * 9
    assert [r.priority for r in pages] == [-1] * 9
    (story,) = follow(mw, pages[-1], ["http://h/news/story-9.htm"])
    assert (story.meta["depth"], story.meta[HUB_DEPTH]) == (2, 2)


def test_a_static_export_list_paginated_as_page_n_index_html_is_one_hop_deep():
    mw = middleware(ARCHIVE_MAX_HUB_DEPTH=2)
    (first,) = follow(mw, Request("http://h/index.html"), ["http://h/section/world/index.html"])
    pages = [first]
    for n in range(2, 11):
        (nxt,) = follow(mw, pages[-1], [f"http://h/section/world/page/{n}/index.html"])
        pages.append(nxt)
    assert [(r.meta["depth"], r.meta[HUB_DEPTH]) for r in pages] == [(1, 1)] * 10


def test_hubs_in_a_row_are_cut_at_the_hub_depth_limit():
    mw = middleware(ARCHIVE_MAX_HUB_DEPTH=3)
    request, fetched = Request("http://h/"), []
    for day in range(1, 10):
        out = follow(mw, request, [f"http://h/calendar/2024-01-{day:02d}"])
        if not out:
            break
        request = out[0]
        fetched.append(request.url)
    assert len(fetched) == 3
    assert mw.stats.get_value("archive/guard/depth_limit") == 1


def test_an_article_starts_the_hub_count_afresh():
    mw = middleware(ARCHIVE_MAX_HUB_DEPTH=2)
    deep = Request("http://h/story/a/index.html", meta={"depth": 7, HUB_DEPTH: 2})
    (author,) = follow(mw, deep, ["http://h/author/lin/"], article=True)
    assert (author.meta["depth"], author.meta[HUB_DEPTH]) == (8, 1)
    (story,) = follow(mw, author, ["http://h/story/b/index.html"])
    assert (story.meta["depth"], story.meta[HUB_DEPTH]) == (9, 2)
    assert follow(mw, story, ["http://h/tags/"]) == []  # story b is a hub here: no article in its output


def test_the_link_depth_limit_still_applies_when_set():
    mw = middleware(DEPTH_LIMIT=2)
    deep = Request("http://h/a", meta={"depth": 2})
    assert follow(mw, deep, ["http://h/b"], article=True) == []
    assert follow(mw, deep, ["http://h/a_2.htm"]) == []  # "a" has no page number: a_2 is not its list
    listed = Request("http://h/list_2.htm", meta={"depth": 2})
    assert [r.url for r in follow(mw, listed, ["http://h/list_3.htm"])] == ["http://h/list_3.htm"]
    assert mw.stats.get_value("archive/guard/depth_limit") == 2
    assert mw.stats.get_value("depth/request_ignored_count") == 2


def test_depth_reset_and_start_pages():
    mw = middleware()
    start = Request("http://h/")
    request = Request("http://h/y", meta={"depth_reset": True})
    out = list(
        mw.process_spider_output(page("http://h/x", Request("http://h/x", meta={"depth": 4})), [request])
    )
    assert (out[0].meta["depth"], out[0].meta[HUB_DEPTH]) == (0, 0)
    (link,) = follow(mw, start, ["http://h/a"])
    assert (link.meta["depth"], link.meta[HUB_DEPTH]) == (1, 1)


def test_page_numbers_past_the_cap_count_as_a_hop():
    mw = middleware(ARCHIVE_MAX_PAGE_NUMBER=5)
    (nxt,) = follow(mw, Request("http://h/list_5.htm", meta={"depth": 1}), ["http://h/list_6.htm"])
    assert nxt.meta["depth"] == 2


def test_a_sitemap_streams():
    mw = middleware()
    sitemap = XmlResponse("http://h/sitemap.xml", body=b"<urlset/>", request=Request("http://h/sitemap.xml"))
    pulled = []

    def entries():
        for i in range(3):
            pulled.append(i)
            yield Request(f"http://h/a{i}.html")

    stream = mw.process_spider_output(sitemap, entries())
    assert next(stream).meta["depth"] == 1
    assert pulled == [0]


def test_the_async_output_gets_the_same_depths():
    mw = middleware()
    request = Request("http://h/story", meta={"depth": 3, HUB_DEPTH: 3})

    async def outputs():
        yield Request("http://h/more")
        yield Article(url="http://h/story", title="t", body="b")

    async def collect():
        return [o async for o in mw.process_spider_output_async(page("http://h/story", request), outputs())]

    out = asyncio.run(collect())
    assert (out[0].meta["depth"], out[0].meta[HUB_DEPTH]) == (4, 1)


def test_a_request_the_page_does_not_link_is_one_hop_deeper():
    from crawler.utils.aliases import NOT_LINKED

    mw = middleware()
    request = Request("http://h/list_2.htm", meta={"depth": 1, HUB_DEPTH: 1})
    released = Request("http://h/list_3.htm", meta={NOT_LINKED: True})
    (out,) = mw.process_spider_output(page("http://h/list_2.htm", request), [released])
    assert (out.meta["depth"], out.meta[HUB_DEPTH]) == (2, 2)
