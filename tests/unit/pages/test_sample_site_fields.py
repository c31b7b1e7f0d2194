"""Every article of the bundled sample site extracts to exactly the fields its manifest records."""

from __future__ import annotations

from typing import Any

import pytest

from crawler.demo.site import MANIFEST, ExpectedArticle, build_site
from crawler.pages import extract

BASE = "http://127.0.0.1:8000"
FIELDS = ("title", "published_at", "lang", "source", "authors", "editors", "view_count")
SITE = build_site()


def _extract(path: str) -> dict[str, Any]:
    page = SITE.resolve(path, BASE)
    return extract(page.body, BASE + path, declared_encoding=_charset(page.headers))


def _charset(headers: dict[str, str]) -> str | None:
    _, _, charset = headers.get("Content-Type", "").partition("charset=")
    return charset or None


def _ids(entry: ExpectedArticle) -> str:
    return entry["path"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("entry", MANIFEST, ids=_ids)
def test_article_field_matches_manifest(entry: ExpectedArticle, field: str) -> None:
    # None in the manifest means the page shows no such value: the extractor must not invent one.
    assert _extract(entry["path"])[field] == entry[field]  # type: ignore[literal-required]


@pytest.mark.parametrize(
    ("entry", "alias"),
    [(entry, alias) for entry in MANIFEST for alias in entry["aliases"]],
    ids=lambda value: value if isinstance(value, str) else value["path"],
)
def test_alias_gives_same_title(entry: ExpectedArticle, alias: str) -> None:
    assert _extract(alias)["title"] == entry["title"]
