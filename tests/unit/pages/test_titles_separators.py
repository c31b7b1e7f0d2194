"""One test per entry of ``titles.SUFFIX_SEPARATORS``: the site tail it takes off a <title>."""

from __future__ import annotations

import pytest

from crawler.pages.titles import SUFFIX_SEPARATORS, strip_site_suffix

CASES = {
    "spaced mark": [
        ("Storm closes the harbour | Harbour Gazette", "Storm closes the harbour"),
        ("Storm closes the harbour » Gazette", "Storm closes the harbour"),
        ("江城完成实验室改造 - 新华网", "江城完成实验室改造"),
    ],
    "pipe, underscore or double colon": [
        ("江城完成实验室改造_科技频道_网易新闻", "江城完成实验室改造"),
        ("Storm closes the harbour|Gazette", "Storm closes the harbour"),
        ("Storm closes the harbour :: Gazette", "Storm closes the harbour"),
    ],
    "dash after Han": [("江城完成实验室改造-新华网", "江城完成实验室改造")],
    "dash before Han": [("Storm closes the harbour-新华网", "Storm closes the harbour")],
    "dash before a domain": [("New tools for old boats-example.com", "New tools for old boats")],
}


def test_every_separator_has_cases() -> None:
    assert set(CASES) == set(SUFFIX_SEPARATORS)


@pytest.mark.parametrize(
    ("name", "raw", "expected"), [(name, raw, want) for name, cases in CASES.items() for raw, want in cases]
)
def test_separator(name: str, raw: str, expected: str) -> None:
    assert strip_site_suffix(raw) == expected, name


@pytest.mark.parametrize(
    "whole",
    ["Just-released tide tables for the bay", "Mozilla - Wikipedia", "COVID-19 cases fall in the city"],
)
def test_no_separator_takes_a_word_apart(whole: str) -> None:
    assert strip_site_suffix(whole) == whole
