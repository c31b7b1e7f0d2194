"""Export formats: stream archive rows as JSON lines, CSV or Zyte Article records, in constant memory.

See README § Exports. The Zyte format follows the Zyte Article schema (headline, datePublished, authors,
articleBody, canonicalUrl, ...); fields the schema lacks keep our own names.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

from crawler.items import ANONYMOUS

FORMATS = ("jsonl", "csv", "zyte")
#: Every stored article column, in CSV order.
CSV_COLUMNS = (
    "id", "url", "url_key", "canonical_url", "site", "title", "published_at", "published_raw", "date_source",
    "authors", "source", "editors", "view_count", "lang", "body", "related", "removed", "encoding",
    "content_hash", "fetched_at", "first_seen", "last_seen", "cluster_id",
)  # fmt: skip
#: Our columns that the Zyte schema names differently (or holds as ``metadata.dateDownloaded``).
_ZYTE_RENAMED = {
    "url", "canonical_url", "title", "published_at", "published_raw", "authors", "lang", "body", "fetched_at",
}  # fmt: skip


def zyte_article(row: Mapping[str, Any]) -> dict[str, Any]:
    """One archive row as a Zyte Article record, followed by our extra fields under their own names."""
    authors = [{"name": name, "nameRaw": name} for name in row.get("authors") or [] if name != ANONYMOUS]
    record: dict[str, Any] = {
        "url": row.get("url"),
        "canonicalUrl": row.get("canonical_url") or row.get("url"),
        "headline": row.get("title"),
        "datePublished": row.get("published_at"),
        "datePublishedRaw": row.get("published_raw"),
        "authors": authors,
        "inLanguage": row.get("lang"),
        "articleBody": row.get("body"),
        "metadata": {"dateDownloaded": row.get("fetched_at"), "probability": 1.0},
    }
    record.update({k: v for k, v in row.items() if k not in _ZYTE_RENAMED and k not in record})
    return {k: v for k, v in record.items() if v is not None}


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def _json_line(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=str) + "\n"


def write_export(rows: Iterable[Mapping[str, Any]], out: TextIO, fmt: str) -> int:
    """Write ``rows`` (decoded article rows) to ``out`` as ``fmt``; return how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for count, row in enumerate(rows, 1):  # noqa: B007 (count is the result)
            writer.writerow({k: _cell(v) for k, v in row.items()})
        return count
    convert: Callable[[Mapping[str, Any]], Mapping[str, Any]] = zyte_article if fmt == "zyte" else dict
    for count, row in enumerate(rows, 1):  # noqa: B007
        out.write(_json_line(convert(row)))
    return count


def read_csv_row(row: Mapping[str, str]) -> dict[str, Any]:
    """Turn a CSV export row back into an article row (JSON columns decoded, empty cells None)."""
    out: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items()}
    for name in ("authors", "editors", "related", "removed"):
        if out.get(name):
            out[name] = json.loads(out[name])
    for name in ("id", "view_count", "cluster_id"):
        if out.get(name) is not None:
            out[name] = int(out[name])
    return out
