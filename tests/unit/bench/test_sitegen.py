"""The crawl benchmark's generated site: portal chrome around the lean pages, every in-site link served."""

from __future__ import annotations

import pytest
from lxml import etree

from bench.sitegen import generate

BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def portal():
    return generate(60, layout="portal")


def _links(body: bytes) -> list[str]:
    return etree.HTML(body).xpath("//a/@href")


def test_portal_pages_carry_chrome_around_the_lean_page(portal):
    lean = generate(60, layout="lean")
    path = next(iter(portal.gold))
    wrapped = portal.site.resolve(path, BASE).body
    bare = lean.site.resolve(path, BASE).body
    assert len(wrapped) > 15 * len(bare)
    assert len(_links(wrapped)) > 100 > len(_links(bare))
    assert "热门排行".encode() in wrapped
    assert "热门排行".encode() not in bare


def test_every_in_site_link_of_the_chrome_is_served(portal):
    targets: set[str] = set()
    for path in [*list(portal.gold)[::7], "/", "/news/", "/en/"]:
        targets.update(h for h in _links(portal.site.resolve(path, BASE).body) if h.startswith("/"))
    missing = [t for t in sorted(targets) if portal.site.resolve(t, BASE).status != 200]
    assert missing == []


def test_print_copies_stay_bare(portal):
    printed = next(a[0] for a in portal.aliases.values())
    assert "热门排行".encode() not in portal.site.resolve(printed, BASE).body


def test_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="layout"):
        generate(10, layout="fancy")
