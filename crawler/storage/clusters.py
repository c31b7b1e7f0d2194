"""Syndication clusters: MinHash LSH bands in ``minhash_bands`` and ``articles.cluster_id`` maintenance.

See README § Search (syndication clusters). Every article has a cluster; ``cluster_id`` is the id of the
cluster's original: a copy whose site another copy names as its ``source``, else the earliest published,
else the first stored. Called by ArchiveStore inside its save transaction; cost grows with the postings
read (at most KEY_POSTINGS per band key), the LSH candidates (at most MAX_CANDIDATES) and the cluster's
size, not with the archive (beyond the depth of its index). Candidates are
confirmed from their stored signatures (``minhash_signatures``); only an estimate close to a threshold
re-reads and re-normalises the candidate's body for the exact comparison.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from crawler.storage.similar import (
    band_keys,
    comparable,
    estimated_jaccard,
    near_duplicate_estimate,
    normalised,
    pack,
    resemblance,
    shingles,
    signature,
)

#: LSH candidates confirmed by exact comparison, most shared bands first.
MAX_CANDIDATES = 20
#: Postings read per band key (newest first; one more for the article itself when re-clustered).
KEY_POSTINGS = 64
_BANDS_OF = "SELECT key FROM minhash_bands WHERE article_id = ?"


def cluster_article(db: Database, article_id: int, body: str | None) -> int:
    """Index a new (or re-bodied) article's bands and join it to its near-duplicates' cluster.

    Returns the article's cluster id. Clusters joined by the article are merged. A re-bodied article keeps
    the band rows its new signature shares with the old one (a small edit changes a few bands of 42).
    """
    text = normalised(body)
    stored = {int(row[0]) for row in db.conn.execute(_BANDS_OF, [article_id])}
    db.conn.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", [article_id, article_id])
    if not comparable(text):
        db.conn.execute("DELETE FROM minhash_bands WHERE article_id = ?", [article_id])
        _forget_signature(db, article_id)
        return article_id
    own = shingles(text)
    values = signature(own)
    keys = band_keys(values)
    packed = pack(values)
    twins = _confirmed(db, article_id, own, packed, _candidates(db, article_id, keys))
    if gone := stored.difference(keys):
        db.conn.executemany(
            "DELETE FROM minhash_bands WHERE key = ? AND article_id = ?", [(k, article_id) for k in gone]
        )
    db.conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands (key, article_id) VALUES (?, ?)",
        [(k, article_id) for k in keys if k not in stored],
    )
    store_signature(db, article_id, len(own), packed)
    if not twins:
        return article_id
    marks = ", ".join("?" * len(twins))
    clusters = [
        row[0] for row in db.execute(f"SELECT DISTINCT cluster_id FROM articles WHERE id IN ({marks})", twins)
    ]
    return _merge(db, [*clusters, article_id])


def _candidates(db: Database, article_id: int, keys: Sequence[int]) -> list[int]:
    """The articles sharing most band keys with ``keys``, at most MAX_CANDIDATES.

    Each key's postings are read newest first and at most KEY_POSTINGS of them: a band that phrases
    common to thousands of articles fill (``新华社记者``, a wire's standard sentence) would otherwise make
    every save read postings in proportion to the archive. A real copy shares rarer bands as well.
    """
    postings = " UNION ALL ".join(
        [
            "SELECT * FROM (SELECT article_id FROM minhash_bands WHERE key = ? ORDER BY article_id DESC LIMIT ?)"
        ]
        * len(keys)
    )
    rows = db.execute(
        f"""SELECT article_id FROM ({postings}) WHERE article_id != ?
            GROUP BY article_id ORDER BY count(*) DESC, article_id LIMIT ?""",
        [*(value for key in keys for value in (key, KEY_POSTINGS + 1)), article_id, MAX_CANDIDATES],
    )
    return [int(row[0]) for row in rows]


def store_signature(db: Database, article_id: int, size: int, packed: bytes) -> None:
    """Keep an article's shingle count and packed signature for later confirmations."""
    try:
        db.execute(
            "INSERT OR REPLACE INTO minhash_signatures (article_id, shingles, signature) VALUES (?, ?, ?)",
            [article_id, size, packed],
        )
    except sqlite3.OperationalError as exc:  # an old archive being migrated: the table comes later
        if "no such table" not in str(exc):
            raise


def _forget_signature(db: Database, article_id: int) -> None:
    try:
        db.execute("DELETE FROM minhash_signatures WHERE article_id = ?", [article_id])
    except sqlite3.OperationalError as exc:  # an old archive being migrated: the table comes later
        if "no such table" not in str(exc):
            raise


def _confirmed(
    db: Database, article_id: int, own: frozenset[str], packed: bytes, candidates: list[int]
) -> list[int]:
    """The candidates that are near-duplicates: by signature estimate, exactly when the estimate is unsure."""
    if not candidates:
        return []
    marks = ", ".join("?" * len(candidates))
    try:
        rows = db.execute(
            f"SELECT article_id, shingles, signature FROM minhash_signatures WHERE article_id IN ({marks})",
            candidates,
        ).fetchall()
    except sqlite3.OperationalError as exc:  # an old archive being migrated: the table comes later
        if "no such table" not in str(exc):
            raise
        rows = []
    twins, unsure = [], [c for c in candidates if c not in {int(row[0]) for row in rows}]
    for candidate, size, blob in rows:
        verdict = near_duplicate_estimate(estimated_jaccard(packed, blob), len(own), int(size))
        if verdict is None:
            unsure.append(int(candidate))
        elif verdict:
            twins.append(int(candidate))
    if unsure:
        marks = ", ".join("?" * len(unsure))
        bodies = db.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", unsure)
        twins += [int(i) for i, body in bodies if resemblance(own, shingles(normalised(body))).near_duplicate]
    return sorted(twins)


def _merge(db: Database, clusters: Iterable[int], *, without: int | None = None) -> int:
    """Make the given clusters (less article ``without``) one, led by their elected original; return its id."""
    ids = sorted(set(clusters))
    marks = ", ".join("?" * len(ids))
    where = f"cluster_id IN ({marks}) AND id IS NOT ?"
    members = db.execute(
        f"SELECT id, site, source, published_at FROM articles WHERE {where}", [*ids, without]
    )
    original = elect_original(members.fetchall())
    db.execute(f"UPDATE articles SET cluster_id = ? WHERE {where}", [original, *ids, without])
    return original


def _fold(value: object) -> str:
    return str(value or "").strip().casefold()


def elect_original(members: Sequence[Sequence[Any]]) -> int:
    """Pick the original among ``(id, site, source, published_at)`` rows (see the module docstring)."""
    cited = Counter(_fold(source) for _, _, source, _ in members if _fold(source))
    named = [m for m in members if cited[_fold(m[1])] - (_fold(m[1]) == _fold(m[2])) > 0]
    pool = named or list(members)
    return int(min(pool, key=lambda m: (*_time_key(m[3]), int(m[0])))[0])


def _time_key(value: object) -> tuple[int, float]:
    """Sort key of a published_at: known times first, in time order; naive times read as UTC."""
    try:
        moment = datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return (1, 0.0)
    return (0, (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


def refresh_cluster(db: Database, article_id: int) -> None:
    """Re-elect the original of the article's cluster (after its face changed: site, source, date)."""
    row = db.execute("SELECT cluster_id FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is not None and row[0] is not None:
        _merge(db, [int(row[0])])


def detach(db: Database, article_id: int) -> None:
    """Take an article out of its cluster (before its body changes); the rest re-elect their original."""
    row = db.execute("SELECT cluster_id FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None or row[0] is None:
        return
    db.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", [article_id, article_id])
    if db.execute("SELECT 1 FROM articles WHERE cluster_id = ? AND id != ?", [row[0], article_id]).fetchone():
        _merge(db, [int(row[0])], without=article_id)
