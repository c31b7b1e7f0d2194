"""bench.extraction_ab: two trees timed in lockstep on the same generated pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction_ab import lockstep, main

ROOT = Path(__file__).resolve().parents[3]


def test_a_tree_against_itself_times_every_page_of_both() -> None:
    found = lockstep(ROOT, ROOT, articles=6, rounds=1)
    assert found["pages"] >= 6
    assert found["base_ms"] > 0
    assert found["other_ms"] > 0
    assert found["ratio_total"] == pytest.approx(found["other_ms"] / found["base_ms"], rel=0.05)


def test_a_folder_that_is_no_checkout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main([str(tmp_path)])
