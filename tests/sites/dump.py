"""Write the fixture sites to disk for scripts and static servers: ``python -m tests.sites.dump OUTDIR``.

Each site goes to ``OUTDIR/<site>/`` (a path ending in ``/`` is written as ``…/index.html``, as a static
server serves it), with ``manifest.json`` = {path as served: "article" | "hub"} over every HTML page and
``shapes.json`` = {path: page shape}. Both sites start at ``/index.html``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tests.sites import FixtureSite, magazine, portal


def file_name(path: str) -> str:
    """The file a served path is stored in, relative to the site folder."""
    name = path.split("?", 1)[0].lstrip("/")
    return name + "index.html" if not name or name.endswith("/") else name


def dump(fixture: FixtureSite, folder: Path) -> int:
    """Write one site's files, manifest and shapes under ``folder``; return the number of files written."""
    for path, page in fixture.site.items():
        target = folder / file_name(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.body)
    (folder / "manifest.json").write_text(
        json.dumps(fixture.labels, indent=1, sort_keys=True), encoding="utf-8"
    )
    shapes = json.dumps(fixture.shapes, indent=1, sort_keys=True, ensure_ascii=False)
    (folder / "shapes.json").write_text(shapes, encoding="utf-8")
    return len(fixture.site)


def main(argv: list[str] | None = None) -> int:
    """Dump both sites; sizes and seed as options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--stories", type=int, default=300, help="magazine stories (default 300)")
    parser.add_argument("--articles", type=int, default=200, help="portal articles (default 200)")
    parser.add_argument("--seed", type=int, default=magazine.SEED)
    args = parser.parse_args(argv)
    for fixture in (magazine.build(args.stories, args.seed), portal.build(args.articles, args.seed)):
        count = dump(fixture, args.outdir / fixture.name)
        print(
            f"{fixture.name}: {count} files, {len(fixture.labels)} HTML pages -> {args.outdir / fixture.name}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
