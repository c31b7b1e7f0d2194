"""Saved pages under tests/fixtures/pages/<site>/<case>/ extract to their reviewed expected.json, field by field."""

import json
from pathlib import Path

import pytest

from crawler.pages import extract
from crawler.sites import ProfileError, load_profile

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
CASES = sorted(p for p in FIXTURES.glob("*/*/") if (p / "expected.json").is_file())
FIELDS = [
    "url",
    "canonical_url",
    "site",
    "title",
    "published_at",
    "published_raw",
    "date_source",
    "authors",
    "source",
    "editors",
    "view_count",
    "lang",
    "body",
    "related",
    "fetched_at",
    "removed",
    "encoding",
    "signals",
]


def _extract(case: Path) -> dict:
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    try:
        profile = load_profile(case.parent.name)
    except ProfileError:
        profile = None
    return extract((case / "page.html").read_bytes(), meta["url"], profile, fetched_at=meta["fetched_at"])


@pytest.fixture(scope="module")
def results() -> dict:
    return {case: _extract(case) for case in CASES}


@pytest.mark.parametrize(
    ("case", "field"),
    [(case, field) for case in CASES for field in FIELDS],
    ids=[f"{case.parent.name}/{case.name}/{field}" for case in CASES for field in FIELDS],
)
def test_fixture_field(results, case, field):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert results[case][field] == expected[field]


def test_output_has_exactly_the_contract_keys(results):
    for result in results.values():
        assert sorted(result) == sorted(FIELDS)
