"""Docs stay in sync with the code: settings table, commands, CHANGELOG."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler import settings
from crawler.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def settings_table_names() -> set[str]:
    return set(re.findall(r"^\| `(ARCHIVE_[A-Z_]+)` \|", README, flags=re.MULTILINE))


def test_every_archive_setting_is_in_the_readme_table():
    defined = {name for name in vars(settings) if name.startswith("ARCHIVE_")}
    assert defined, "settings.py defines no ARCHIVE_* settings"
    assert defined == settings_table_names()


def cli_commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", cli_commands())
def test_every_command_is_documented_and_has_help(command, capsys):
    assert f"`newsarchive {command}" in README
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args([command, "--help"])
    assert info.value.code == 0
    assert len(capsys.readouterr().out) > 100


def test_changelog_has_dated_entries():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^### \d{4}-\d{2}-\d{2}$", text, flags=re.MULTILINE)
