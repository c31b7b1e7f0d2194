"""Per-site page classes: a profile's ``page`` key picks its ArticlePage subclass, and a contract over them all.

The bundled sites need none yet; ``site_dir/`` holds a test-only site whose page class the ``site_pages``
fixture makes importable as ``crawler.pages.sites.hook_demo``.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import crawler.pages.sites
from crawler.demo import DEMO_SITE_DIR
from crawler.pages import ArticlePage, extract, page_class
from crawler.pages.extraction import _site_class
from crawler.sites import ProfileError, SiteProfile, iter_profiles, load_profile

SITE_DIR = Path(__file__).resolve().parent / "site_dir"
BUNDLED = sorted(m.name for m in pkgutil.iter_modules(crawler.pages.sites.__path__))
MODULES = [*BUNDLED, "hook_demo"]
MINIMAL = (
    "<html><head><title>A story - Site</title></head><body><h1>A story</h1>"
    "<p>First paragraph of the story, long enough to be a body, with some words in it.</p>"
    "<p>Second paragraph of the story, also long enough, with a few more words.</p></body></html>"
)
PAGE = (
    "<html lang='en'><head><title>[Exclusive] Harbour reopens - Hook News</title></head><body>"
    "<h1>[Exclusive] Harbour reopens</h1><div class='info'>By Ann Lee <span class='wire'>Harbour Wire</span>"
    "</div><div class='article'><p>The harbour reopened on Monday after three weeks of repairs to the main"
    " quay, the port authority said.</p><p>Ferries will run on the summer timetable from next week, and the"
    " fish market returns to the quay on Saturday.</p></div></body></html>"
)


def _forget(name: str) -> None:
    sys.modules.pop(f"crawler.pages.sites.{name}", None)
    _site_class.cache_clear()


@pytest.fixture
def site_pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``crawler.pages.sites`` also searches ``site_dir/`` (where the test-only page classes live)."""
    monkeypatch.setattr(crawler.pages.sites, "__path__", [*crawler.pages.sites.__path__, str(SITE_DIR)])
    _forget("hook_demo")
    yield SITE_DIR
    _forget("hook_demo")


def _profiles() -> list[SiteProfile]:
    return [p for p in iter_profiles([DEMO_SITE_DIR, SITE_DIR]) if p.page]


@pytest.mark.usefixtures("site_pages")
@pytest.mark.parametrize("name", MODULES)
def test_every_site_page_module_keeps_the_contract(name):
    module = importlib.import_module(f"crawler.pages.sites.{name}")
    cls = page_class(SiteProfile(name=name, page=name))
    assert issubclass(cls, ArticlePage)
    assert cls.__module__ == module.__name__
    assert module.__file__
    assert len(Path(module.__file__).read_text(encoding="utf-8").splitlines()) <= 50  # house style
    overridden = {key for key in vars(cls) if hasattr(ArticlePage, key) and not key.startswith("__")}
    assert overridden <= ArticlePage.FIELD_HOOKS, (
        f"not field hooks: {sorted(overridden - ArticlePage.FIELD_HOOKS)}"
    )
    fields = extract(MINIMAL, "https://hook.example/a", SiteProfile(name=name, page=name))
    assert fields["body"]


@pytest.mark.usefixtures("site_pages")
@pytest.mark.parametrize("profile", _profiles(), ids=lambda p: p.name)
def test_every_profile_page_key_names_a_page_class(profile):
    assert issubclass(page_class(profile), ArticlePage)
    assert page_class(profile) is not ArticlePage


@pytest.mark.usefixtures("site_pages")
def test_the_profile_page_class_overrides_single_fields():
    profile = load_profile("hook_demo", [SITE_DIR])
    generic = extract(PAGE, "https://hook.example/news/harbour", None)
    fields = extract(PAGE, "https://hook.example/news/harbour", profile)
    assert generic["title"] == "[Exclusive] Harbour reopens"
    assert fields["title"] == "Harbour reopens"
    assert generic["source"] != "Harbour Wire"
    assert fields["source"] == "Harbour Wire"
    plain = extract(PAGE, "https://hook.example/news/harbour", replace(profile, page=None))
    assert {k: v for k, v in fields.items() if k not in ("title", "source")} == {
        k: v for k, v in plain.items() if k not in ("title", "source")
    }


def test_no_page_key_means_the_generic_page():
    assert page_class(None) is ArticlePage
    assert page_class(SiteProfile(name="plain")) is ArticlePage


def test_a_missing_page_module_names_the_profile_file_and_key(tmp_path):
    path = tmp_path / "lost.toml"
    path.write_text('start_urls = ["https://lost.example/"]\npage = "no_such_page"\n', encoding="utf-8")
    profile = load_profile("lost", [tmp_path])
    with pytest.raises(
        ProfileError, match=r"lost\.toml: key 'page': no module crawler\.pages\.sites\.no_such_page"
    ):
        page_class(profile)
    with pytest.raises(ProfileError, match="key 'page'"):
        extract(MINIMAL, "https://lost.example/a", profile)


TWO_PAGES = (
    "from crawler.pages.article import ArticlePage\n"
    "class OnePage(ArticlePage): pass\nclass TwoPage(ArticlePage): pass\n"
)


@pytest.mark.parametrize(("source", "found"), [("X = 1\n", 0), (TWO_PAGES, 2)])
def test_a_page_module_needs_exactly_one_subclass(tmp_path, monkeypatch, source, found):
    (tmp_path / "odd_page.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(crawler.pages.sites, "__path__", [*crawler.pages.sites.__path__, str(tmp_path)])
    _forget("odd_page")
    try:
        with pytest.raises(
            ProfileError, match=rf"key 'page': .*exactly one ArticlePage subclass, found {found}"
        ):
            page_class(SiteProfile(name="odd", page="odd_page", path=tmp_path / "odd.toml"))
    finally:
        _forget("odd_page")
