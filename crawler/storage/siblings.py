"""One story under two URLs: no edit version for a difference between them, the richer extraction kept.

See README § Storage (versions). A print or mobile copy whose canonical link names the article leads to the
stored article; when two URLs of one fetch run give different extractions, that is not an edit. Each
connection (one crawl run) remembers in a TEMP table which articles it wrote or confirmed and from which URL
(a rolled-back save takes its entry with it), and ``article_urls.content_key`` remembers what each fetched
URL delivered last, so a later run that fetches the poorer copy again changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlite_utils import Database

from crawler.storage.identity import Known
from crawler.storage.rows import title_key
from crawler.storage.similar import comparable, normalised, resemblance, shingles
from crawler.storage.versions import content_key

#: Articles this connection's run saved: from which URL, and whether that save wrote their text.
CLAIMS = "temp.archive_run_claims"
_CREATE = (
    "CREATE TEMP TABLE IF NOT EXISTS archive_run_claims"
    " (article_id INTEGER PRIMARY KEY, url TEXT NOT NULL, wrote INTEGER NOT NULL)"
)
#: Columns that travel with the body: always the richer extraction's own.
WITH_BODY = frozenset({"body", "content_hash", "removed", "encoding", "fetched_at", "title_key"})
#: Identity columns a sibling never changes (the face URL aside, see ``merge_sibling``).
IDENTITY = frozenset({"url_key", "url", "canonical_url"})
_EMPTY = (None, "", "[]", "{}")

#: ``own``: the item is this URL's own content (new, unchanged or an edit: stored as before); ``stale``: the
#: URL delivers what it delivered last while the article shows a richer sibling's text; ``sibling``: another
#: URL of an article this run already saved gives a different extraction.
Kind = Literal["own", "stale", "sibling"]


@dataclass(frozen=True)
class Merged:
    """What ``merge_sibling`` changed: the column names."""

    changed: frozenset[str]


def prepare_claims(db: Database) -> None:
    """Create the connection's TEMP table of this run's saves."""
    db.execute(_CREATE)


def claim(db: Database, article_id: int, url: str, *, wrote: bool) -> None:
    """Record that this run saved the article from ``url`` (``wrote``: the save stored its text; a save that
    only confirmed the stored text does not replace an earlier claim)."""
    verb = "INSERT OR REPLACE" if wrote else "INSERT OR IGNORE"
    db.conn.execute(
        f"{verb} INTO {CLAIMS} (article_id, url, wrote) VALUES (?, ?, ?)", [article_id, url, wrote]
    )


def classify(db: Database, known: Known, item: Mapping[str, Any], url: str) -> Kind:
    """How an item fetched from ``url`` relates to the stored article its URLs lead to (see ``Kind``).

    A URL with a history of its own whose content changed is an edit unless another URL of the article
    already stored a new text in this run; a URL new to the article is a sibling once any other URL of the
    article was saved in this run. A sibling tells the same story: a body that is not the same text (a
    page 2 or a wrong canonical link) is compared as before, so no text is lost without a version.
    """
    new_key = content_key(item.get("title"), item.get("content_hash"))
    if not item.get("content_hash") or new_key == content_key(known.title, known.content_hash):
        return "own"
    found = db.conn.execute(
        "SELECT content_key FROM article_urls WHERE url = ? AND article_id = ?", [url, known.id]
    ).fetchone()
    previous = None if found is None else found[0]
    if previous == new_key:
        return "stale"
    claimed = db.conn.execute(f"SELECT url, wrote FROM {CLAIMS} WHERE article_id = ?", [known.id]).fetchone()
    if claimed is None or claimed[0] == url or (previous is not None and not claimed[1]):
        return "own"
    stored = db.conn.execute("SELECT body FROM articles WHERE id = ?", [known.id]).fetchone()[0]
    return "sibling" if same_text(stored, item.get("body")) else "own"


def same_text(first: str | None, second: str | None) -> bool:
    """True when two bodies tell the same text: equal or one inside the other once normalised, else
    near-duplicates (``crawler.storage.similar``) when both are long enough to compare."""
    one, other = sorted((normalised(first), normalised(second)), key=len)
    if one in other:
        return True
    return comparable(one) and resemblance(shingles(one), shingles(other)).near_duplicate


def _filled(value: Any) -> bool:
    return value not in _EMPTY


def richness(row: Mapping[str, Any]) -> tuple[int, int]:
    """How much an extraction holds: its normalised body's length, then its filled fields."""
    fields = sum(1 for name, value in row.items() if name not in WITH_BODY | IDENTITY and _filled(value))
    return len(normalised(row.get("body"))), fields


def merge_sibling(db: Database, known: Known, row: Mapping[str, Any], now: str) -> Merged:
    """Keep the richer of the stored article and a sibling's extraction ``row``, each empty field filled
    from the other; the clean URL (equal to the article's key) becomes its face. Returns what changed."""
    names = [name for name in row if name not in IDENTITY]
    values = db.conn.execute(f"SELECT {', '.join(names)} FROM articles WHERE id = ?", [known.id]).fetchone()
    stored = dict(zip(names, values, strict=True))
    winner, other = (row, stored) if richness(row) > richness(stored) else (stored, row)
    merged = {k: winner[k] if k in WITH_BODY or _filled(winner[k]) else other[k] for k in names}
    merged["title_key"] = title_key(merged["title"])
    changes = {k: v for k, v in merged.items() if v != stored[k]}
    face = {"url": row["url"]} if row["url"] == known.url_key else {}
    assignments = ", ".join(f"{name} = ?" for name in [*changes, *face, "last_seen"])
    db.conn.execute(
        f"UPDATE articles SET {assignments} WHERE id = ?", [*changes.values(), *face.values(), now, known.id]
    )
    return Merged(frozenset(changes))


def touch(db: Database, known: Known, row: Mapping[str, Any], now: str) -> None:
    """A URL delivering what it delivered last: only last_seen (and the clean URL as the face) change."""
    clean_url = row["url"] if row["url"] == known.url_key else None
    db.conn.execute(
        "UPDATE articles SET last_seen = ?, url = coalesce(?, url) WHERE id = ?", [now, clean_url, known.id]
    )
