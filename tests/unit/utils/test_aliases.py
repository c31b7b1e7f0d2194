"""Alias hosts: a copy's links to its original host lead to the copy's own pages; other sites stay out."""

from __future__ import annotations

from crawler.pages import dom
from crawler.utils.aliases import (
    MAX_PATHS,
    MAX_PROBES,
    MAX_SHAPES,
    HostAliases,
    foreign_links,
    shape,
    telling,
)

ORIGIN = "http://127.0.0.1:8000"
MIRROR = "https://news.example.org"


def known_paths(*paths):
    urls = {ORIGIN + p for p in paths}
    return lambda url: url in urls


def test_telling_paths_and_shapes():
    assert not any(telling(path) for path in ("/", "/news/", "/news/index.html"))
    assert all(telling(path) for path in ("/info/iList_3.htm", "/?p=12", "/about.html"))
    assert shape("/info/iList_24.htm") == "/info/iList_N.htm"
    assert shape("/list.php?id=3&page=2") == "/list.php?id&page"


def test_a_host_linking_enough_of_the_origins_own_pages_becomes_an_alias():
    aliases = HostAliases([ORIGIN], min_paths=3)
    known = known_paths("/a/1.htm", "/a/2.htm", "/b/3.htm")
    for path in ("/a/1.htm", "/", "/a/2.htm", "/list_9.htm"):
        aliases.observe(MIRROR + path, known)
    assert aliases.recognised() == []
    assert aliases.rewrite(MIRROR + "/a/1.htm") is None
    aliases.observe(MIRROR + "/b/3.htm#top", known)
    ((host, origin, matching, links),) = aliases.recognised()
    assert (host, origin, matching) == ("news.example.org", ORIGIN, ["/a/1.htm", "/a/2.htm", "/b/3.htm"])
    assert links == [ORIGIN + p for p in ("/a/1.htm", "/", "/a/2.htm", "/list_9.htm", "/b/3.htm")]
    assert aliases.rewrite(MIRROR + "/c/4.htm?x=1") == ORIGIN + "/c/4.htm?x=1"
    assert aliases.rewrite("http://news.example.org/c/4.htm") == ORIGIN + "/c/4.htm"  # a host, either scheme
    assert aliases.recognised() == []


def test_links_to_pages_found_later_count_too():
    aliases = HostAliases([ORIGIN], min_paths=2)
    for path in ("/x/1.htm", "/x/2.htm"):
        aliases.observe(MIRROR + path, known_paths())
    aliases.confirm([ORIGIN + "/x/1.htm", ORIGIN + "/y.htm"])
    assert aliases.recognised() == []
    aliases.confirm([ORIGIN + "/x/2.htm"])
    assert [host for host, *_ in aliases.recognised()] == ["news.example.org"]


def test_another_site_never_becomes_an_alias():
    aliases = HostAliases([ORIGIN], min_paths=5)
    known = known_paths("/", "/index.html", "/news/", "/s/abc")
    for n in range(300):
        aliases.observe(f"https://mp.weixin.qq.com/s/{n:05d}", known)
    for path in ("/", "/index.html", "/news/", "/news/index.htm"):  # home and folder pages tell nothing
        aliases.observe("http://other.example.com" + path, known)
    aliases.confirm([ORIGIN + "/", ORIGIN + "/news/"])
    assert aliases.recognised() == []
    assert aliases.probes(lambda url: True) == []
    assert aliases.rewrite("https://mp.weixin.qq.com/s/00001") is None


def test_a_host_with_some_evidence_has_a_few_of_its_paths_checked_on_the_origin():
    aliases = HostAliases([ORIGIN], min_paths=5)
    known = known_paths("/info/iList_24.htm", "/info/iList_32.htm")
    paths = ["/info/iList_24.htm", "/info/iList_32.htm"]
    paths += [f"/gone/{n}.htm" for n in range(5)] + [f"/other-{c}/x.htm" for c in "abcdef"]
    paths += [f"/info/iList_{n}.htm" for n in (74, 75, 79)]
    for path in paths:
        aliases.observe(MIRROR + path, known)
    probes = [url[len(ORIGIN) :] for _, url in aliases.probes(lambda url: True)]
    # paths shaped like the origin's own first, then one path of each of a few other shapes
    assert probes[:3] == ["/info/iList_74.htm", "/info/iList_75.htm", "/info/iList_79.htm"]
    assert probes[3:] == ["/gone/0.htm", "/other-a/x.htm", "/other-b/x.htm"]
    assert len({shape(p) for p in probes[3:]}) == MAX_SHAPES
    aliases.observe(MIRROR + "/info/iList_80.htm", known)
    aliases.observe(MIRROR + "/other-z/x.htm", known)
    assert aliases.probes(lambda url: True) == [("news.example.org", ORIGIN + "/info/iList_80.htm")]
    for n in range(81, 90):
        aliases.observe(f"{MIRROR}/info/iList_{n}.htm", known)
    assert len(aliases.probes(lambda url: True)) == MAX_PROBES - 7  # the host's probes are spent
    for path in probes[:3]:
        aliases.probed("news.example.org", ORIGIN + path)
    assert [host for host, *_ in aliases.recognised()] == ["news.example.org"]


def test_probes_only_what_the_crawl_would_fetch():
    aliases = HostAliases([ORIGIN], min_paths=5)
    known = known_paths("/a/1.htm", "/a/2.htm")
    for path in ("/a/1.htm", "/a/2.htm", "/a/3.pdf", "/a/4.htm"):
        aliases.observe(MIRROR + path, known)
    assert aliases.probes(lambda url: not url.endswith(".pdf")) == [("news.example.org", ORIGIN + "/a/4.htm")]


def test_what_is_remembered_is_bounded():
    aliases = HostAliases([ORIGIN], min_paths=1)
    for n in range(MAX_PATHS + 50):
        aliases.observe(f"{MIRROR}/p/{n}.htm", known_paths())
    aliases.observe(f"{MIRROR}/p/0.htm", known_paths("/p/0.htm"))  # seen before: no second look
    aliases.confirm([ORIGIN + "/p/1.htm"])
    ((_, _, _, links),) = aliases.recognised()
    assert len(links) == MAX_PATHS


def test_zero_turns_recognition_off():
    aliases = HostAliases([ORIGIN], min_paths=0)
    for n in range(10):
        aliases.observe(f"{MIRROR}/a/{n}.htm", known_paths(*(f"/a/{n}.htm" for n in range(10))))
    assert aliases.recognised() == []


def test_foreign_links_point_alias_links_at_the_origin_in_place():
    aliases = HostAliases([ORIGIN], min_paths=1)
    aliases.observe(MIRROR + "/a/1.htm", known_paths("/a/1.htm"))
    assert aliases.recognised()
    root = dom.parse(
        f'<html><body><a href="{MIRROR}/info/iList_7.htm">下一页</a><a href="/a/2.htm">in</a>'
        f'<a href="//news.example.org/a/3.htm">p</a><a href="https://mp.weixin.qq.com/s/x">w</a>'
        f'<a href="{ORIGIN}/a/4.htm">own</a></body></html>'
    )

    def in_scope(url):
        return url.startswith(ORIGIN)

    foreign, rewritten = foreign_links(root, ORIGIN + "/a/1.htm", in_scope, aliases)
    assert (foreign, rewritten) == (["https://mp.weixin.qq.com/s/x"], 2)
    assert [a.get("href") for a in root.iter("a")] == [
        ORIGIN + "/info/iList_7.htm",
        "/a/2.htm",
        ORIGIN + "/a/3.htm",
        "https://mp.weixin.qq.com/s/x",
        ORIGIN + "/a/4.htm",
    ]
    untouched = dom.parse(f'<html><body><a href="{MIRROR}/b.htm">x</a></body></html>')
    assert foreign_links(untouched, ORIGIN + "/", in_scope) == ([MIRROR + "/b.htm"], 0)
