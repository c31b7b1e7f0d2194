"""crawler.cli.jobs: options to settings, --all orchestration, run rows."""

from __future__ import annotations

import json

import pytest

from crawler.cli import EXIT_OK, build_parser, main
from crawler.cli.jobs import child_argv, crawl_overrides, run_all, run_counters, run_row, worst
from crawler.storage import ArchiveStore


def parse(*argv):
    return build_parser().parse_args(["crawl", *argv])


def test_budgets_refresh_and_since_become_settings():
    args = parse("--max-pages", "10", "--max-time", "60", "--refresh", "--since", "2024-03-01")
    assert crawl_overrides(args) == {
        "CLOSESPIDER_PAGECOUNT": 10,
        "CLOSESPIDER_TIMEOUT": 60.0,
        "ARCHIVE_REFRESH": True,
        "ARCHIVE_SINCE": "2024-03-01",
    }
    with pytest.raises(ValueError, match="--max-pages"):
        crawl_overrides(parse("--max-pages", "0"))


def test_worst_exit_code_wins():
    assert worst([0, 75, 5, 0]) == 5
    assert worst([0, 3, 4]) == 4
    assert worst([0, 99]) == 99
    assert worst([]) == 0


def test_all_runs_one_job_per_profile_with_the_options(tmp_path):
    for name in ("alpha", "beta", "gamma"):
        (tmp_path / f"{name}.toml").write_text(f'name = "{name}"\nstart_urls = ["https://{name}.example/"]\n')
    args = parse(
        "--all", "--exclude", "caigou", "--exclude", "gamma", "--max-pages", "5", "-s", "A=1", "--db", "x.db"
    )
    seen = []

    def fake(argv):
        seen.append(argv)
        return 3 if "beta" in argv else 0

    assert run_all(args, str(tmp_path), runner=fake) == 3
    sites = sorted(argv[argv.index("--site") + 1] for argv in seen)
    assert sites == ["alpha", "beta"]
    assert child_argv(args, "alpha")[3:] == [
        "crawl",
        "--site",
        "alpha",
        "--db",
        "x.db",
        "--max-pages",
        "5",
        "-s",
        "A=1",
    ]


def test_all_refuses_urls():
    with pytest.raises(ValueError, match="--all"):
        run_all(parse("--all", "https://a.example/"), None, runner=lambda argv: 0)


def test_run_row_reads_the_stats():
    run = {
        "id": 3, "site": "s", "started_at": "2024-03-01T00:00:00+00:00", "finished_at": "2024-03-01T00:00:30+00:00",
        "status": "finished",
        "stats": {"archive/job/exit_code": 5, "archive/store/new": 2, "archive/drift/level": "fail"},
    }  # fmt: skip
    row = run_row(run)
    assert (row["seconds"], row["exit_code"], row["new"], row["drift"]) == (30.0, 5, 2, {"level": "fail"})


def test_run_counters_are_the_numeric_archive_stats_without_prefix_sorted():
    run = {
        "stats": {
            "archive/store/new": 2, "archive/guard/max_page": 3, "archive/drift/level": "fail",
            "archive/drift/articles_found": "articles_found fell", "archive/job/locked": True,
            "archive/charset/ratio": 0.5, "response_received_count": 9,
        }
    }  # fmt: skip
    counters = run_counters(run)
    assert counters == {"charset/ratio": 0.5, "guard/max_page": 3, "store/new": 2}
    assert list(counters) == sorted(counters)
    assert run_counters({"stats": None}) == {}


STATS = {
    "response_received_count": 7,
    "archive/job/exit_code": 0,
    "archive/guard/max_page": 3,
    "archive/validate/dropped/body_too_short": 1,
    "archive/spider/article": 4,
    "archive/store/new": 2,
    "archive/store/unchanged": 1,
    "archive/drift/level": "warn",
    "scheduler/enqueued": 12,
}


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "archive.db"
    with ArchiveStore(path) as store:
        for site in ("alpha", "beta"):
            store.finish_run(store.start_run(site, {}), status="finished", stats=STATS)
        store.start_run("alpha", {})  # still running: no stats yet
    return path


def runs_json(capsys, *argv):
    assert main(["runs", *argv, "--json"]) == EXIT_OK
    out = capsys.readouterr().out
    return json.loads(out)


def test_runs_json_is_one_array_of_runs_with_their_counters(archive, capsys):
    runs = runs_json(capsys, "--db", str(archive))
    assert isinstance(runs, list)
    assert [(run["id"], run["site"], run["status"]) for run in runs] == [
        (3, "alpha", "running"),
        (2, "beta", "finished"),
        (1, "alpha", "finished"),
    ]
    finished = runs[1]
    assert (finished["pages"], finished["new"], finished["unchanged"], finished["exit_code"]) == (7, 2, 1, 0)
    assert finished["drift"] == {"level": "warn"}
    assert finished["counters"] == {
        "guard/max_page": 3,
        "job/exit_code": 0,
        "spider/article": 4,
        "store/new": 2,
        "store/unchanged": 1,
        "validate/dropped/body_too_short": 1,
    }
    assert runs[0]["counters"] == {}


def test_runs_json_honours_site_and_limit(archive, capsys):
    assert [run["id"] for run in runs_json(capsys, "--db", str(archive), "--site", "alpha")] == [3, 1]
    assert [run["id"] for run in runs_json(capsys, "--db", str(archive), "--limit", "1")] == [3]


def test_runs_json_of_an_archive_without_runs_is_an_empty_array(tmp_path, capsys):
    path = tmp_path / "empty.db"
    ArchiveStore(path).close()
    assert main(["runs", "--db", str(path), "--json"]) == EXIT_OK
    assert capsys.readouterr().out == "[]\n"


def test_runs_table_is_unchanged_by_the_counters(archive, capsys):
    assert main(["runs", "--db", str(archive), "--site", "beta"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].split()[:2] == ["2", "beta"]
    assert "exit 0   pages 7     new 2    updated 0   unchanged 1    skipped 0    failed 0" in lines[0]
    assert "guard" not in lines[0]
