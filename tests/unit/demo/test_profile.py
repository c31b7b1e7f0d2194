"""The sample_site profile classifies the sample site's URLs and finds its related-reading links."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.demo import DEMO_SITE_DIR, PROFILE_PATH
from crawler.demo.site import HUB_PATHS, MANIFEST, PRINT_PATH, RELATED_ONLY_PATH, build_site
from crawler.pages.links import is_denied
from crawler.pages.verdict import page_kind
from crawler.sites import load_profile

BASE = "http://127.0.0.1:8123"


@pytest.fixture(scope="module")
def profile():
    return load_profile("sample_site", [DEMO_SITE_DIR])


def test_profile_file_is_the_one_in_the_demo_package(profile):
    assert profile.path == PROFILE_PATH
    assert profile.timezone == "Asia/Shanghai"
    assert set(profile.allowed_domains) == {"127.0.0.1", "localhost"}


def test_article_paths_and_their_aliases_are_articles(profile):
    for article in MANIFEST:
        for target in [article["path"], *article["aliases"]]:
            assert page_kind(BASE + target, profile) == "article", target


@pytest.mark.parametrize("path", HUB_PATHS)
def test_list_pages_are_hubs(profile, path):
    assert page_kind(BASE + path, profile) == "hub"


def test_no_article_or_alias_is_denied(profile):
    targets = [t for a in MANIFEST for t in [a["path"], *a["aliases"]]]
    assert PRINT_PATH in targets
    assert [t for t in targets if is_denied(BASE + t, profile)] == []
    assert is_denied(BASE + "/static/ad-mall.gif", profile)


def test_related_selectors_find_the_related_only_article():
    profile = load_profile("sample_site", [DEMO_SITE_DIR])
    site = build_site()
    source = next(a for a in MANIFEST if RELATED_ONLY_PATH in a["related_paths"])
    sel = Selector(site[source["path"]].body.decode("utf-8"))
    found = {href for css in profile.related_selectors for href in sel.css(f"{css}::attr(href)").getall()}
    assert RELATED_ONLY_PATH in found
    assert found == set(source["related_paths"])
