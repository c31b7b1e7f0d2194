"""Link discovery, crawl scope and page kinds (crawler.pages.links)."""

from __future__ import annotations

import re

from parsel import Selector

from crawler.pages import dom
from crawler.pages.links import Resolver, discover, feed_links, make_scope
from crawler.pages.verdict import page_kind
from crawler.sites import SiteProfile

HTML = """<html><head><base href="/news/">
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>
<a href="20240105101.shtml">a</a> <a href="20240105101.shtml#top">same</a>
<a href="http://127.0.0.1:9999/x">other port</a> <a href="http://evil.example/">offsite</a>
<a href="file:///etc/passwd">file</a> <a href="javascript:void(0)">js</a> <a href="mailto:a@b">m</a>
<a href="/img/photo.JPG">img</a> <a href="/login/">login</a> <a href="/news/index_2.shtml">next</a>
</body></html>"""


def _follow(url: str, html: str, resolver: Resolver, limit: int) -> list[str]:
    """The links ``discover`` follows on a page of a crawl that requested nothing yet."""
    return discover(url, dom.parse(html), resolver, limit, lambda _: False).follow


def test_followed_links_stay_in_origin_and_skip_junk():
    scope = make_scope(["http://127.0.0.1:8000/"], None)
    profile = SiteProfile(name="t", deny_patterns=(re.compile("^/login"),))
    links = _follow("http://127.0.0.1:8000/news/", HTML, Resolver(scope, profile), limit=100)
    assert links == [
        "http://127.0.0.1:8000/news/20240105101.shtml",
        "http://127.0.0.1:8000/news/index_2.shtml",
    ]


def test_followed_links_are_capped():
    html = "".join(f'<a href="/p{i}.html">x</a>' for i in range(50))
    scope = make_scope(["http://h.example/"], None)
    assert len(_follow("http://h.example/", html, Resolver(scope, None), limit=10)) == 10


def test_scope_includes_profile_domains_and_subdomains_on_default_ports():
    scope = make_scope(
        ["http://www.caigou.com.cn/news/"], SiteProfile(name="c", allowed_domains=("caigou.com.cn",))
    )
    assert scope.allows("http://newproduct.caigou.com.cn/a.shtml")
    assert scope.allows("https://www.caigou.com.cn/")
    assert not scope.allows("http://www.caigou.com.cn:8080/")
    assert not scope.allows("ftp://www.caigou.com.cn/")


def test_feed_links_found():
    assert feed_links("http://h.example/news/", Selector(text=HTML)) == ["http://h.example/feed.xml"]


def test_page_kind_uses_profile_patterns_first():
    profile = SiteProfile(name="t", article_patterns=(re.compile(r"^/news/\d+\.shtml$"),))
    assert page_kind("http://h/news/20240105101.shtml", profile) == "article"
    assert page_kind("http://h/news/index_2.shtml", profile, {"body_chars": 5000}) == "hub"


def test_page_kind_heuristics_without_profile():
    article = {"body_chars": 900, "link_density": 0.05, "has_byline": True}
    teasers = {"body_chars": 900, "link_density": 0.4, "teaser_items": 12, "teaser_share": 0.9}
    assert page_kind("http://h/en/2024/03/some-long-story-slug.html", None, article) == "article"
    assert page_kind("http://h/en/", None, article) == "article"  # the page decides, not its URL
    assert page_kind("http://h/", None, {"body_chars": 30}) == "hub"
    assert page_kind("http://h/en/2024/03/x.html", None, teasers) == "hub"
    assert page_kind("http://h/story", None, {"og_type": "article", "body_chars": 300}) == "article"


def test_a_short_brief_is_an_article_when_url_and_byline_agree():
    brief = {"body_chars": 95, "link_density": 0.1, "has_byline": True}
    assert page_kind("http://h/news/20240322140.shtml", None, brief) == "article"
    assert page_kind("http://h/about.html", None, brief) == "hub"
    assert page_kind("http://h/news/20240322140.shtml", None, brief | {"has_byline": False}) == "hub"


def test_section_fronts_are_hubs_even_with_dated_teasers():
    teasers = {
        "body_chars": 600,
        "link_density": 0.2,
        "has_byline": True,
        "teaser_items": 8,
        "teaser_share": 0.8,
    }
    for url in (
        "http://h/en/",
        "http://h/en/?page=2",
        "http://h/news/index_2.shtml",
        "http://h/tag/schools/",
        "http://h/2024/03/12/long-story-title-here/",
    ):
        assert page_kind(url, None, teasers) == "hub", url


def _resolver(origin: str = "http://127.0.0.1:8000/") -> Resolver:
    return Resolver(make_scope([origin], None), None)


def test_discover_drops_requested_links_before_dating_them_and_audits_the_rest():
    html = """<html><body><ul>
    <li><a href="/news/20240301001.shtml">First listed story</a><span>2024-03-01</span></li>
    <li><a href="/news/20240302002.shtml">Second listed story</a><span>2024-03-02</span></li>
    <li><a href="/news/">Section front</a><span>2024-03-03</span></li></ul>
    <a href="http://evil.example/">offsite</a> <a href="ftp://127.0.0.1/f">ftp</a>
    <a href="/news/20240301001.shtml#c">again</a></body></html>"""
    requested = {"http://127.0.0.1:8000/news/20240302002.shtml"}
    asked: list[str] = []

    def dated(anchor):
        asked.append(anchor.get("href"))
        return "2024-03-01"

    found = discover(
        "http://127.0.0.1:8000/", dom.parse(html), _resolver(), 100, requested.__contains__, dated
    )
    assert found.follow == ["http://127.0.0.1:8000/news/20240301001.shtml", "http://127.0.0.1:8000/news/"]
    assert found.dates == {"http://127.0.0.1:8000/news/20240301001.shtml": "2024-03-01"}
    assert asked == ["/news/20240301001.shtml"]  # neither the requested link nor the section front
    assert found.seen == 1
    assert (found.bad_schemes, found.offsite) == (["ftp://127.0.0.1/f"], 1)
    assert not found.capped


def test_discover_caps_links_and_remembers_requested_urls():
    html = "".join(f'<a href="/p{i}.html">page {i}</a>' for i in range(20))
    resolver = _resolver()
    found = discover(
        "http://127.0.0.1:8000/", dom.parse(html), resolver, 5, lambda url: url.endswith("p0.html")
    )
    assert found.capped
    assert len(found.unique) == 5
    assert found.follow == [f"http://127.0.0.1:8000/p{i}.html" for i in range(1, 5)]
    assert "http://127.0.0.1:8000/p0.html" in resolver.requested


def test_resolver_answers_root_relative_hrefs_per_origin():
    resolver = _resolver()
    assert resolver.resolve("http://127.0.0.1:8000/a/b.html", "/x.html") == "http://127.0.0.1:8000/x.html"
    assert resolver.resolve("http://127.0.0.1:8000/c/", "/x.html#top") == "http://127.0.0.1:8000/x.html"
    assert resolver.resolve("http://127.0.0.1:8000/c/", "d.html") == "http://127.0.0.1:8000/c/d.html"
    assert resolver.resolve("http://127.0.0.1:9000/c/", "/x.html") is None  # another origin: out of scope
    assert resolver.resolve("http://127.0.0.1:8000/", "/img/a.png") is None  # binary


def test_feed_links_read_a_parsed_tree():
    assert feed_links("http://h.example/news/", dom.parse(HTML)) == ["http://h.example/feed.xml"]
