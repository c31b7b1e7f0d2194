"""How ``page_kind`` (zero-config: no profile) does on the fixture sites: ``python -m tests.sites.kinds``.

Prints, per site, the verdicts per label and per page shape, then every wrong verdict with its signals.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from typing import Any

from crawler.pages import extract
from crawler.pages.verdict import page_kind
from tests.sites import FixtureSite, magazine, portal

BASE = "http://127.0.0.1:19015"


def verdicts(fixture: FixtureSite) -> dict[str, tuple[str, dict[str, Any]]]:
    """Path -> (page_kind's verdict, the extraction signals it read), for every HTML page."""
    found = {}
    for path in fixture.labels:
        url = BASE + path
        signals = extract(fixture.site[path].body, url, None)["signals"]
        found[path] = (page_kind(url, None, signals), signals)
    return found


def report(fixture: FixtureSite, found: dict[str, tuple[str, dict[str, Any]]]) -> list[str]:
    """Markdown lines: a table per label and per shape (pages, verdicts, wrong), then the wrong pages."""
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for path, label in fixture.labels.items():
        kind = found[path][0]
        for key in (f"**{label}**", f"{label}: {fixture.shapes[path]}"):
            rows[key][kind] += 1
            rows[key]["wrong"] += kind != label
    lines = [
        f"### {fixture.name}",
        "",
        "| label / shape | pages | article | hub | wrong |",
        "|---|---:|---:|---:|---:|",
    ]
    for key in sorted(rows, key=lambda k: (k.split(":")[0].strip("*"), not k.startswith("**"), k)):
        c = rows[key]
        lines.append(f"| {key} | {c['article'] + c['hub']} | {c['article']} | {c['hub']} | {c['wrong']} |")
    lines += ["", "Wrong verdicts (path, shape, label -> verdict, signals):", ""]
    for path, label in fixture.labels.items():
        kind, signals = found[path]
        if kind != label:
            shown = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in signals.items()}
            lines.append(f"- `{path}` {fixture.shapes[path]}: {label} -> {kind} {shown}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Measure both sites at the given sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args(argv)
    for fixture in (magazine.build(args.stories), portal.build(args.articles)):
        print("\n".join(report(fixture, verdicts(fixture))), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
