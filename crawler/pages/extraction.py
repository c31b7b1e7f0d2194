"""The public entry ``extract``: runs the page class a site profile names (``page`` key) on one page."""

from __future__ import annotations

import gc
import importlib
from functools import lru_cache
from typing import Any

from lxml import etree

from crawler.pages.article import ArticlePage
from crawler.sites import ProfileError, SiteProfile

#: The package holding per-site page classes: ``page = "x"`` names module ``crawler.pages.sites.x``.
SITES_PACKAGE = "crawler.pages.sites"


def page_class(profile: SiteProfile | None) -> type[ArticlePage]:
    """The ArticlePage subclass that ``profile``'s ``page`` key names (ArticlePage without one).

    Raises ProfileError naming the profile file and the key when ``crawler/pages/sites/<page>.py`` is missing
    or does not define exactly one ArticlePage subclass. Call it when a crawl starts to fail early.
    """
    if profile is None or profile.page is None:
        return ArticlePage
    try:
        return _site_class(profile.page)
    except LookupError as exc:
        raise ProfileError(f"{profile.path or profile.name}: key 'page': {exc}") from None


@lru_cache(maxsize=64)
def _site_class(name: str) -> type[ArticlePage]:
    """The one ArticlePage subclass defined in ``crawler.pages.sites.<name>``; LookupError otherwise."""
    module_name = f"{SITES_PACKAGE}.{name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:  # the module exists but one of its own imports failed: a bug in it
            raise
        raise LookupError(f"no module {module_name} (crawler/pages/sites/{name}.py)") from None
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, ArticlePage)
        and value is not ArticlePage
        and value.__module__ == module_name
    ]
    if len(found) != 1:
        raise LookupError(f"{module_name} must define exactly one ArticlePage subclass, found {len(found)}")
    return found[0]


def extract(
    html: bytes | str,
    url: str,
    profile: SiteProfile | None = None,
    *,
    declared_encoding: str | None = None,
    fetched_at: str | None = None,
    root: etree._Element | None = None,
) -> dict[str, Any]:
    """Extract Article fields from one page with the profile's page class (see ArticlePage, ``page_class``);
    ``root``: the page already parsed by dom.parse.

    The cyclic garbage collector is paused meanwhile (and resumed if it was running): a page makes some
    thousands of short-lived objects (element proxies, statistics, attribute tuples) that reference counting
    frees, and without the pause the collector would scan them several times per page. Nothing on this path
    makes reference cycles of any size (``census.survey`` breaks its walker's own).
    """
    cls = page_class(profile)
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        page = cls(url, html, profile, declared_encoding=declared_encoding, fetched_at=fetched_at, root=root)
        return page.to_dict()
    finally:
        if paused:
            gc.enable()
