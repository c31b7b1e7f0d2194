"""The generated fixture sites (tests/sites): deterministic, truth for every HTML page, the shapes of issue 15."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.sites import LABELS, FixtureSite, is_html, magazine, portal
from tests.sites.dump import dump, file_name
from tests.sites.graph import depths, outlinks, relative
from tests.sites.kinds import report, verdicts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def mag() -> FixtureSite:
    return magazine.build()


@pytest.fixture(scope="module")
def school() -> FixtureSite:
    return portal.build()


def _doc(fixture: FixtureSite, path: str):
    return lxml_html.fromstring(fixture.site[path].body)


def _paths(fixture: FixtureSite, prefix: str) -> list[str]:
    return [p for p, s in fixture.shapes.items() if s.startswith(prefix)]


@pytest.mark.parametrize("build", [magazine.build, portal.build])
def test_generators_are_deterministic_for_a_seed(build):
    first, again, other = build(40), build(40), build(40, seed=99)
    assert list(first.site) == list(again.site)
    assert all(first.site[p].body == again.site[p].body for p in first.site)
    assert first.labels == again.labels
    assert first.shapes == again.shapes
    assert set(first.site) != set(other.site) or any(first.site[p] != other.site[p] for p in first.site)


@pytest.mark.parametrize("build", [magazine.build, portal.build])
def test_labels_and_shapes_cover_every_html_page(build):
    fixture = build()
    assert set(fixture.labels) == set(fixture.html_paths()) == set(fixture.shapes)
    assert set(fixture.labels.values()) == set(LABELS)
    assert fixture.labels[fixture.start] == "hub"
    assert not [p for p in fixture.site if not is_html(fixture.site[p]) and p in fixture.labels]


@pytest.mark.parametrize("build", [magazine.build, portal.build])
def test_every_page_is_reachable_and_every_in_site_link_served(build):
    fixture = build(60)
    reached = depths(fixture.site, fixture.start)
    assert set(fixture.labels) <= set(reached)
    targets = {t for p in fixture.labels for t in outlinks(fixture.site, p)}
    assert sorted(t for t in targets if t not in fixture.site) == []


def test_relative_links_resolve_to_the_target():
    assert relative("/story/a-b/index.html", "/author/x/index.html") == "../../author/x/index.html"
    assert relative("/story/dry-run/", "/story/cold-comfort/") == "../cold-comfort/"
    assert relative("/2009/03/14/slug.html", "/index.html") == "../../../index.html"
    assert relative("/misc/a1018.html", "/tag/health/index.html") == "../tag/health/index.html"


def test_magazine_has_every_url_form_and_story_template(mag):
    stories = _paths(mag, "story/")
    forms = Counter(mag.shapes[p].split("/")[2].split("+")[0] for p in stories)
    templates = Counter(mag.shapes[p].split("/")[1] for p in stories)
    assert len(stories) == 300
    assert forms["dated"] >= 3
    assert forms["misc"] >= 3
    assert forms["short_slug"] >= 30
    assert all(re.fullmatch(r"/story/[a-z]+(-[a-z]+)?/", p) for p in stories if "short_slug" in mag.shapes[p])
    assert all(
        re.fullmatch(r"/(19|20)\d\d/\d\d/\d\d/[a-z0-9-]+\.html", p)
        for p in stories
        if "/dated" in mag.shapes[p]
    )
    assert min(templates.values()) >= 50
    assert len(templates) == 4
    assert sum("+short" in mag.shapes[p] for p in stories) >= 15


def test_magazine_story_markup_per_template(mag):
    by_template = {t: next(p for p in _paths(mag, f"story/{t}/long_slug")) for t in magazine.TEMPLATES}
    micro = mag.site[by_template["microdata"]].body.decode()
    assert 'itemtype="https://schema.org/Article"' in micro
    assert 'itemprop="articleBody"' in micro
    assert "application/ld+json" not in micro
    assert "og:type" not in micro
    ld = mag.site[by_template["jsonld"]].body.decode()
    assert '"@type": "NewsArticle"' in ld
    assert "itemscope" not in ld
    assert "<article" not in ld
    assert "<article" in mag.site[by_template["article"]].body.decode()
    plain = mag.site[by_template["plain"]].body.decode()
    assert not re.search(r"<(article|h1)\b|itemscope|ld\+json", plain)
    assert "By <a" in plain


def test_magazine_story_chrome(mag):
    path = _paths(mag, "story/microdata/long_slug")[3]
    doc = _doc(mag, path)
    assert len(doc.xpath("//nav[@class='primary']//a")) >= 15
    assert 8 <= len(doc.xpath("//section[@class='most-read']//a")) <= 10
    assert all(len(t) > 40 for t in doc.xpath("//section[@class='most-read']//a/text()"))
    assert len(doc.xpath("//aside[@class='more-by']//a")) == 5
    assert doc.xpath("//aside[@class='more-by']/h2/text()")[0].startswith("More by ")
    assert len(doc.xpath("//footer//a")) >= 20
    assert all(not h.startswith("/") for h in doc.xpath("//a/@href"))


def test_magazine_hubs(mag):
    home = _doc(mag, "/index.html")
    assert len(home.xpath("//div[@class='teaser']")) == 10
    for name in magazine.SECTIONS:
        chain = [p for p in mag.labels if p.startswith(f"/section/{name}/")]
        assert len(chain) >= 9
        middle = _doc(mag, f"/section/{name}/page/3/index.html")
        assert sorted(middle.xpath("//nav[@class='pager']/a/@rel")) == ["next", "prev"]
    live = _paths(mag, "live")
    assert len(live) == 2
    for path in live:
        text = mag.site[path].body.decode()
        assert '<meta property="og:type" content="article">' in text
        assert len(_doc(mag, path).xpath("//ul[@class='live-feed']/li[time]/a")) >= 10


def test_magazine_depth_figures_in_the_docstring_hold(mag):
    stories = _paths(mag, "story/")
    reach = depths(mag.site, mag.start)
    counts = Counter(reach[p] for p in stories)
    assert sorted(counts.items()) == [
        (1, 16), (2, 46), (3, 30), (4, 16), (5, 26), (6, 18), (7, 22), (8, 21), (9, 29), (10, 35), (11, 21), (12, 14), (13, 6)
    ]  # fmt: skip
    hubs = [p for p, s in mag.shapes.items() if s != "author" and not s.startswith("story/")]
    assert len({t for p in hubs for t in outlinks(mag.site, p)} & set(stories)) == 132


def test_sites_are_the_same_in_every_process():
    code = (
        "import hashlib;from tests.sites import magazine, portal;h=hashlib.sha1()\n"
        "for f in (magazine.build(60), portal.build(40)):\n"
        "    for p in f.site: h.update(p.encode() + f.site[p].body)\n"
        "print(h.hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1
    assert len(digests.pop().strip()) == 40


def test_magazine_stories_are_reached_mostly_through_author_pages_and_deep(mag):
    stories = set(_paths(mag, "story/"))
    hubs = [p for p, s in mag.shapes.items() if s != "author" and not s.startswith("story/")]
    listed = {t for p in hubs for t in outlinks(mag.site, p)} & stories
    assert len(listed) < 0.5 * len(stories)
    reach = depths(mag.site, mag.start)
    within_five = sum(reach[p] <= 5 for p in stories) / len(stories)
    assert 0.4 <= within_five <= 0.65
    assert max(reach[p] for p in stories) >= 10


def test_portal_encodings_and_titles(school):
    gbk = _paths(school, "article/news+gbk")[0]
    page = school.site[gbk]
    assert page.headers["Content-Type"] == "text/html"
    assert b"charset=gb2312" in page.body
    assert "党建工作".encode("gbk") in page.body
    assert _doc(school, "/list/xwzx/2.html").findtext(".//title") == "学校新闻 第2页"
    info = _paths(school, "info_list")
    assert all(re.fullmatch(r"/info/list_\d+\.htm", p) for p in info)
    sections = {_doc(school, p).findtext(".//title") for p in info}
    assert len(sections) == 3


def test_portal_article_shapes(school):
    wrapped = _doc(school, _paths(school, "article/wrapped")[0])
    wrap = wrapped.xpath("//a[@class='wrap']")
    assert len(wrap) == 1
    assert wrap[0].get("href") is None
    assert wrap[0].xpath("./div[@class='content']/p")
    short = _doc(school, _paths(school, "article/notice_short")[0])
    text = "".join(short.xpath("//div[@class='content']/p[1]//text()"))
    assert 100 <= len(text) <= 160
    attachment = short.xpath("//div[@class='content']//a/@href")[0]
    assert attachment.endswith((".doc", ".pdf"))
    assert school.site[attachment].status == 200
    fields = _doc(school, _paths(school, "article/notice_fields")[0]).xpath(
        "//div[@class='content']/p/text()"
    )
    assert [f[:3] for f in fields[:3]] == ["时间：", "地点：", "主题："]
    for path in _paths(school, "article/"):
        assert len(_doc(school, path).xpath("//div[@class='xgxx_list']//a")) == 5
    topic = school.site["/zt/kjj/index.html"].body.decode()
    assert 'og:type" content="article"' in topic
    assert school.labels["/zt/kjj/index.html"] == "hub"


def test_dump_writes_pages_and_manifest(tmp_path):
    fixture = magazine.build(30)
    assert dump(fixture, tmp_path) == len(fixture.site)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == fixture.labels
    assert all((tmp_path / file_name(p)).read_bytes() == fixture.site[p].body for p in fixture.site)
    assert file_name("/story/dry-run/") == "story/dry-run/index.html"


def test_kinds_report_counts_every_page():
    fixture = portal.build(20)
    found = verdicts(fixture)
    assert set(found) == set(fixture.labels)
    assert {k for k, _ in found.values()} <= set(LABELS)
    lines = report(fixture, found)
    totals = [int(line.split("|")[2]) for line in lines if line.startswith("| **")]
    assert sum(totals) == len(fixture.labels)
