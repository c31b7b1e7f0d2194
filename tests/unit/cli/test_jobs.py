"""crawler.jobcli: options to settings, --all orchestration, run rows."""

from __future__ import annotations

import pytest

from crawler.cli import build_parser
from crawler.cli.jobs import child_argv, crawl_overrides, run_all, run_row, worst


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
