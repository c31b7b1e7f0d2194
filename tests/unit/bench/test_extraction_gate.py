"""Quality gate: ours must not fall more than 0.01 below the body F1 or field accuracy pinned per corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.extraction import BASELINE, COUNTS, score_corpus
from bench.extractors import ours

CORPORA = Path(__file__).parents[3].parent / "shared" / "corpora"
TOLERANCE = 0.01
PINNED: dict[str, dict[str, Any]] = json.loads(BASELINE.read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPORA.is_dir(), reason=f"shared corpora not found at {CORPORA}: gate skipped"),
]


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, Any]]:
    out = {}
    for name in PINNED:
        folder = CORPORA / name
        if folder.is_dir():
            out[name] = score_corpus(folder, {"newsarchive": ours}, None)["newsarchive"]
    return out


@pytest.mark.parametrize(
    ("corpus", "figure"),
    sorted((n, key) for n, figures in PINNED.items() for key in figures if key not in COUNTS),
)
def test_figure_holds_the_pin(corpus: str, figure: str, scores: dict[str, dict[str, Any]]) -> None:
    if corpus not in scores:
        pytest.skip(f"corpus {corpus} not present")
    found = scores[corpus]
    detail = found["worst"] if figure == "f1" else found["field_misses"]
    assert found[figure] is not None, f"{corpus} no longer scores {figure}"
    assert found[figure] >= PINNED[corpus][figure] - TOLERANCE, detail


@pytest.mark.parametrize("corpus", sorted(n for n, f in PINNED.items() if "empty" in f))
def test_no_new_empty_bodies_or_leftover_lines(corpus: str, scores: dict[str, dict[str, Any]]) -> None:
    if corpus not in scores:
        pytest.skip(f"corpus {corpus} not present")
    found = scores[corpus]
    assert found["empty"] <= PINNED[corpus]["empty"]
    assert found["leftover_lines"] <= PINNED[corpus]["leftover_lines"], found["leftover_examples"]
