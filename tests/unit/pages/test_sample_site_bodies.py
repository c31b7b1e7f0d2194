"""Every article of the bundled sample site extracts to a body with its snippets and no boilerplate."""

from __future__ import annotations

import pytest

from crawler.demo.site import BOILERPLATE_MARKERS, MANIFEST, ExpectedArticle, build_site
from crawler.pages import extract

BASE = "http://127.0.0.1:8000"
SITE = build_site()


def _body(path: str) -> str:
    page = SITE.resolve(path, BASE)
    _, _, charset = page.headers.get("Content-Type", "").partition("charset=")
    return str(extract(page.body, BASE + path, declared_encoding=charset or None)["body"])


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda entry: entry["path"])
def test_body_has_every_snippet_and_no_boilerplate(entry: ExpectedArticle) -> None:
    body = _body(entry["path"])
    assert [s for s in entry["body_snippets"] if s not in body] == []
    assert [m for m in BOILERPLATE_MARKERS if m in body] == []


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda entry: entry["path"])
def test_body_starts_with_a_sentence_not_a_date_or_byline(entry: ExpectedArticle) -> None:
    first = _body(entry["path"]).split("\n\n")[0]
    assert first.endswith(("。", ".", "！", "!", "？", "?", "”", '"')), first
