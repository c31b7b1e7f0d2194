"""Baseline pins only move in the good direction; the overall speed line sums pages and time."""

from __future__ import annotations

from typing import Any

from bench.extraction import overall, raise_pins


def _report(f1: float | None, empty: int = 0, leftover: int = 0) -> dict[str, Any]:
    return {"newsarchive": {"f1": f1, "empty": empty, "leftover_lines": leftover}}


def test_f1_pin_rises_but_never_falls() -> None:
    old = {"a": {"f1": 0.9}, "b": {"f1": 0.9}}
    new = raise_pins(old, {"a": _report(0.95), "b": _report(0.85)})
    assert new == {"a": {"f1": 0.95}, "b": {"f1": 0.9}}


def test_count_pins_fall_but_never_rise() -> None:
    old = {"g": {"empty": 1, "leftover_lines": 3}}
    new = raise_pins(old, {"g": _report(None, empty=0, leftover=5)})
    assert new == {"g": {"empty": 0, "leftover_lines": 3}}


def test_field_pins_rise_but_never_fall_and_unscored_fields_are_not_pinned() -> None:
    old = {"z": {"f1": 0.9, "source": 0.5, "authors": 0.4}}
    report = {"z": {"newsarchive": {"f1": 0.9, "title": 0.9, "source": 0.6, "authors": 0.3, "editors": None}}}
    assert raise_pins(old, report) == {"z": {"f1": 0.9, "title": 0.9, "source": 0.6, "authors": 0.4}}


def test_unmeasured_corpus_keeps_its_pin() -> None:
    assert raise_pins({"x": {"f1": 0.5}}, {}) == {"x": {"f1": 0.5}}


def test_overall_speed_is_total_pages_over_total_time() -> None:
    report = {
        "a": {"ours": {"pages": 10, "pages_per_s": 10.0}, "ref": {"pages": 10, "pages_per_s": 5.0}},
        "b": {"ours": {"pages": 30, "pages_per_s": 30.0}, "ref": {"pages": 30, "pages_per_s": 10.0}},
    }
    assert overall(report) == {"ours": 20.0, "ref": 8.0}
