"""deploy/: the crontab line and the systemd units are valid and match the README."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def cron_line() -> str:
    lines = (DEPLOY / "crontab.example").read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.strip() and not line.startswith("#"))


def test_the_crontab_line_is_valid_and_documented():
    line = cron_line()
    fields = line.split(None, 5)
    ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
    for field, (low, high) in zip(fields[:5], ranges, strict=True):
        assert field == "*" or low <= int(field) <= high, field
    command = fields[5].split(">>")[0]
    words = shlex.split(command.split("&&", 1)[1])
    executable = next(i for i, word in enumerate(words) if word.endswith("/newsarchive"))
    args = build_parser().parse_args(words[executable + 1 :])
    assert (args.command, args.all, args.max_time) == ("crawl", True, 3000)
    assert line in README


def units(tmp_path: Path) -> list[Path]:
    """The unit pair as instance ``sample``, pointed at this checkout."""
    out = []
    for suffix in ("service", "timer"):
        text = (DEPLOY / f"newsarchive-crawl@.{suffix}").read_text(encoding="utf-8")
        text = text.replace(
            "/opt/newsarchive/.venv/bin/newsarchive", str(Path(sys.executable).with_name("newsarchive"))
        )
        text = text.replace("/opt/newsarchive", str(ROOT)).replace("User=newsarchive\n", "")
        path = tmp_path / f"newsarchive-crawl@sample.{suffix}"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def test_the_systemd_units_parse(tmp_path):
    service, timer = units(tmp_path)
    parsed = configparser.ConfigParser(strict=False, interpolation=None)
    parsed.read([service], encoding="utf-8")
    assert parsed["Service"]["Type"] == "oneshot"
    assert "75" in parsed["Service"]["SuccessExitStatus"].split()
    words = shlex.split(parsed["Service"]["ExecStart"].replace("%i", "sample"))
    assert build_parser().parse_args(words[1:]).site == "sample"
    parsed_timer = configparser.ConfigParser(strict=False, interpolation=None)
    parsed_timer.read([timer], encoding="utf-8")
    assert parsed_timer["Timer"]["OnCalendar"] == "hourly"
    assert parsed_timer["Install"]["WantedBy"] == "timers.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_analyze_verifies_the_units(tmp_path):
    service, timer = units(tmp_path)
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(timer), str(service)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    ours = [line for line in (result.stdout + result.stderr).splitlines() if "newsarchive-crawl@" in line]
    assert result.returncode == 0, result.stderr
    assert ours == []


def test_the_readme_names_the_deploy_files():
    for name in (
        "deploy/newsarchive-crawl@.service",
        "deploy/newsarchive-crawl@.timer",
        "deploy/crontab.example",
    ):
        assert name in README
