"""Datasette integration: the shipped metadata (search, facets, canned queries) and ``newsarchive serve``.

See README § Datasette. ``metadata.json`` is keyed by the database name ``archive`` (``archive.db``);
``metadata_for`` re-keys it for another file name.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
METADATA_PATH = HERE / "metadata.json"
PLUGINS_DIR = HERE / "plugins"


def metadata_for(db_path: str | Path) -> dict[str, Any]:
    """The shipped metadata with its database entry named after ``db_path`` (Datasette uses the stem)."""
    metadata: dict[str, Any] = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
    databases = metadata["databases"]
    databases[Path(db_path).stem] = databases.pop("archive")
    return metadata


@contextmanager
def serve_arguments(db_path: str | Path, *, host: str, port: int) -> Iterator[list[str]]:
    """Arguments of ``datasette serve`` for the archive, with a metadata file valid while the block runs."""
    with tempfile.TemporaryDirectory(prefix="newsarchive-datasette-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(metadata_for(db_path), ensure_ascii=False), encoding="utf-8")
        yield [
            "serve", str(db_path), "--metadata", str(metadata), "--plugins-dir", str(PLUGINS_DIR),
            "--host", host, "--port", str(port),
        ]  # fmt: skip
