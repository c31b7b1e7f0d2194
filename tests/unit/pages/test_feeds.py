"""Sitemaps, feeds and robots.txt sitemap lines (crawler.pages.feeds)."""

from __future__ import annotations

from crawler.pages.feeds import looks_like_feed, parse_feed, robots_sitemaps

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://h.example/a.html</loc><lastmod>2024-03-01</lastmod></url>
<url><loc>/b.html</loc><news:news><news:publication_date>2024-03-02T10:00:00+08:00</news:publication_date>
</news:news></url></urlset>"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><title>One</title><link>http://h.example/en/one.html</link><pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>Two</title><link href="http://h.example/two.html"/><updated>2024-03-03T00:00:00Z</updated></entry></feed>"""

XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>http://h.example/&x;</loc></url></urlset>"""


def test_sitemap_entries_carry_lastmod_and_news_dates():
    doc = parse_feed("http://h.example/sitemap.xml", SITEMAP)
    assert doc.kind == "urlset"
    assert [(e.url, e.date) for e in doc.entries] == [
        ("http://h.example/a.html", "2024-03-01"),
        ("http://h.example/b.html", "2024-03-02T10:00:00+08:00"),
    ]


def test_rss_and_atom_entries():
    rss = parse_feed("http://h.example/feed.xml", RSS)
    assert rss.kind == "rss"
    assert rss.entries[0].url == "http://h.example/en/one.html"
    assert rss.entries[0].title == "One"
    atom = parse_feed("http://h.example/atom.xml", ATOM)
    assert (atom.kind, atom.entries[0].url) == ("atom", "http://h.example/two.html")


def test_external_entities_are_not_expanded():
    doc = parse_feed("http://h.example/s.xml", XXE)
    assert all("root:" not in e.url for e in doc.entries)


def test_garbage_is_unknown_not_an_error():
    assert parse_feed("http://h.example/", b"<html>not xml").kind in ("unknown", "html")
    assert parse_feed("http://h.example/", b"").kind == "unknown"


def test_robots_sitemaps_and_feed_sniffing():
    robots = "User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\nsitemap: http://h.example/news.xml\n"
    assert robots_sitemaps("http://h.example/robots.txt", robots) == [
        "http://h.example/sitemap.xml",
        "http://h.example/news.xml",
    ]
    assert looks_like_feed(RSS)
    assert not looks_like_feed(b"<!doctype html><html>")
