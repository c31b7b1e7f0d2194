"""crawler.jobs: exit codes, drift, the site lock."""

from __future__ import annotations

from crawler.jobs import (
    EXIT_DRIFT,
    EXIT_EMPTY,
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_PARTIAL,
    SiteLock,
    drift,
    exit_code,
    probe_lock,
    run_metrics,
)

SETTINGS = {"ARCHIVE_MAX_ERROR_RATE": 0.2}
GOOD = {
    "finish_reason": "finished",
    "archive/store/new": 5,
    "archive/spider/article": 5,
    "response_received_count": 20,
}


def test_a_clean_run_and_a_budget_end_are_success():
    assert exit_code(GOOD, SETTINGS) == EXIT_OK
    assert exit_code({**GOOD, "finish_reason": "closespider_pagecount"}, SETTINGS) == EXIT_OK


def test_storage_errors_and_interruptions_fail():
    assert exit_code({**GOOD, "finish_reason": "storage_error"}, SETTINGS) == EXIT_FAILED
    assert exit_code({**GOOD, "finish_reason": "shutdown"}, SETTINGS) == EXIT_FAILED
    assert exit_code({"finish_reason": "locked"}, SETTINGS) == EXIT_LOCKED


def test_article_pages_with_nothing_stored_is_empty():
    assert exit_code({"finish_reason": "finished", "archive/spider/article": 4}, SETTINGS) == EXIT_EMPTY


def test_no_article_found_on_a_site_with_articles_is_empty_but_an_incremental_skip_is_not():
    known = {"finish_reason": "finished", "archive/job/site_articles": 9}
    assert exit_code(known, SETTINGS) == EXIT_EMPTY
    assert exit_code({**known, "archive/incremental/skipped/archived": 9}, SETTINGS) == EXIT_OK


def test_errors_over_the_threshold_are_partial():
    stats = {**GOOD, "archive/state/failed": 10}
    assert exit_code(stats, SETTINGS) == EXIT_PARTIAL
    assert exit_code(stats, {"ARCHIVE_MAX_ERROR_RATE": 0.5}) == EXIT_OK


def test_drift_fail_sets_the_code():
    assert exit_code({**GOOD, "archive/drift/level": "fail"}, SETTINGS) == EXIT_DRIFT
    assert exit_code({**GOOD, "archive/drift/level": "warn"}, SETTINGS) == EXIT_OK


def test_drift_compares_with_the_median_of_history():
    history = [{"articles_found": 20.0}, {"articles_found": 10.0}, {"articles_found": 22.0}]
    found = drift({"articles_found": 12.0, "coverage_authors": 0.1}, history, warn=0.3, fail=0.6)
    assert found["articles_found"][0] == "warn"
    assert "-40%" in found["articles_found"][1]
    assert "coverage_authors" not in found  # no history for it
    assert drift({"articles_found": 19.0}, history, 0.3, 0.6) == {}
    assert drift({"articles_found": 2.0}, history, 0.3, 0.6)["articles_found"][0] == "fail"


def test_run_metrics_include_coverage_only_when_items_were_stored():
    assert run_metrics({"archive/spider/article": 2}) == {"articles_found": 2.0}
    metrics = run_metrics({"archive/coverage/items": 4, "archive/coverage/authors": 1})
    assert metrics["coverage_authors"] == 0.25


def test_the_lock_is_exclusive_and_released(tmp_path):
    db = str(tmp_path / "a.db")
    first, second = SiteLock(db, "site"), SiteLock(db, "site")
    assert first.acquire()
    assert not second.acquire()
    assert "another job" in (probe_lock(db, "site") or "")
    other = SiteLock(db, "other")
    assert other.acquire()  # another site is independent
    other.release()
    first.release()
    assert second.acquire()
    second.release()
    assert probe_lock(db, "site") is None
