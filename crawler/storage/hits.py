"""Ranked full-text search over the archive: FTS5 ranking in windows, cluster collapsing, snippets.

See README § Search. ``crawler.storage.queries.search`` is the entry point; the index text and the query
rewrite are ``crawler.storage.search``.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from sqlite_utils import Database

from crawler.storage.filters import ArticleFilter
from crawler.storage.rows import decode_row
from crawler.storage.search import BODY_WEIGHT, TITLE_WEIGHT, is_selective, match_expression, normal, snippet

#: A query matching more articles than this ranks only the most recently stored RANK_WINDOW of them
#: (bm25 over every match of a common character would take 100+ ms on 100,000 articles).
RANK_WINDOW = 2000
#: A phrase query (3+ CJK characters, mixed runs, English phrases) or a filtered query scores its newest
#: PHRASE_WINDOW matches itself (see ``_scores``).
PHRASE_WINDOW = 500
#: Clusters collapse on the best ``limit x OVERFETCH`` hits; more are fetched only when that leaves too few.
OVERFETCH = 3


def search(
    db: Database,
    text: str,
    *,
    filters: ArticleFilter | None = None,
    site: str | None = None,
    limit: int = 20,
    collapse: bool = True,
    marks: Sequence[str] = ("[", "]"),
) -> list[dict[str, Any]]:
    """Articles matching ``text`` (Chinese or English, terms ANDed), best first by bm25 (title x5).

    With ``collapse`` each syndication cluster gives one row: its original when that matches too, else its
    best-ranked copy. Rows: id, url, site, title, published_at, source, authors, cluster_id, score (lower
    is better), reprints (other copies in the cluster) and snippet (original text, hits in ``marks``).

    Plan: rank ids alone inside FTS5 (``ORDER BY rank LIMIT``, no join unless filtered), collapse clusters
    on ``limit x OVERFETCH`` of them (fetching more only when clusters swallowed too many), then read the
    articles and cut snippets for the chosen rows only.
    """
    expression = match_expression(text)
    if expression is None or limit < 1:
        return []
    where, params = (filters or ArticleFilter(site=site)).sql("a")
    clusters: dict[int, int | None] = {}
    batches = _ranked(db, text, expression, where, params, limit * OVERFETCH if collapse else limit)
    hits = _choose(db, batches, limit, clusters if collapse else None)
    if collapse:
        hits = _prefer_originals(db, hits, clusters, expression, where, params)
    return _finish_hits(db, hits, text, marks)


def _choose(
    db: Database,
    batches: Iterator[list[tuple[int, float]]],
    limit: int,
    clusters: dict[int, int | None] | None,
) -> list[tuple[int, float]]:
    """The best ``limit`` (article id, score) hits, one per cluster when ``clusters`` is given (filled with
    the cluster of every hit read), taken from the ranked batches in parts of ``limit x OVERFETCH``."""
    want = limit * OVERFETCH if clusters is not None else limit
    chosen: dict[int, tuple[int, float]] = {}  # cluster key -> (article id, score), best first
    for batch in batches:
        for start in range(0, len(batch), want):
            part = batch[start : start + want]
            if clusters is not None:
                clusters.update(_cluster_ids(db, [article_id for article_id, _ in part]))
            for article_id, score in part:
                cluster_id = clusters.get(article_id) if clusters is not None else None
                chosen.setdefault(-article_id if cluster_id is None else cluster_id, (article_id, score))
                if len(chosen) == limit:
                    return list(chosen.values())
    return list(chosen.values())


#: FTS5 ranking of ids alone (unfiltered queries); {cutoff} is an int.
_RANK_IDS = """SELECT rowid, rank FROM article_search_fts WHERE article_search_fts MATCH ? AND rowid >= {cutoff}
    ORDER BY rank LIMIT ? OFFSET ?"""
_NEWEST_IDS = """SELECT rowid AS hit FROM article_search_fts WHERE article_search_fts MATCH ?
    ORDER BY hit DESC LIMIT ? OFFSET ?"""
_NEWEST_FILTERED = """SELECT f.rowid AS hit FROM article_search_fts f JOIN articles a ON a.id = f.rowid
    WHERE article_search_fts MATCH ? AND {where} ORDER BY hit DESC LIMIT ? OFFSET ?"""


def _newest(
    db: Database, expression: str, where: str, params: list[Any], count: int, offset: int = 0
) -> list[int]:
    """Ids of matches newest first (FTS5 walks its doclists by descending rowid and stops at ``count``)."""
    sql = _NEWEST_IDS if where == "1" else _NEWEST_FILTERED.format(where=where)
    return [int(row[0]) for row in db.execute(sql, [expression, *params, count, offset])]


def _ranked(
    db: Database, text: str, expression: str, where: str, params: list[Any], want: int
) -> Iterator[list[tuple[int, float]]]:
    """Batches of ``(id, score)`` best first: the first ``want``, then doubling pages until the matches end.

    Unfiltered single-token queries rank inside FTS5 (bm25) among the newest ``RANK_WINDOW`` matches.
    Phrase queries and filtered queries score their newest ``PHRASE_WINDOW`` matches here (``_scores``):
    FTS5 would rank every match in the window before the join could drop those failing the filter.
    """
    if is_selective(expression) or where != "1":
        yield _scores(db, text, _newest(db, expression, where, params, max(PHRASE_WINDOW, want)))
        return
    window = max(RANK_WINDOW, want)
    last = _newest(db, expression, where, params, 1, window - 1)
    cutoff = last[0] if last else 0
    sql = _RANK_IDS.format(cutoff=cutoff)
    offset, size = 0, want
    while True:
        rows = db.execute(sql, [expression, *params, size, offset]).fetchall()
        yield [(int(row[0]), float(row[1])) for row in rows]
        if len(rows) < size:
            return
        offset, size = offset + size, size * 2


def _scores(db: Database, text: str, ids: list[int]) -> list[tuple[int, float]]:
    """bm25 (title x5, k1 1.2, b 0.75, lengths in characters) of ``ids``, best first, computed here.

    FTS5's own bm25 first counts every match of each phrase in the whole index for its IDF, a full phrase
    evaluation that costs 10-30 ms for phrases of common bigrams on 100,000 articles. One phrase's IDF
    does not change the order, so terms weigh alike; a term's hits are counted in the original title and
    body (as typed, NFKC-normalised or folded, whichever finds most) and a match found only through the
    index's normalisation (stemming, punctuation) counts one hit.
    """
    if not ids:
        return []
    forms = [sorted({term, normal(term), unicodedata.normalize("NFKC", term)}) for term in text.split()]
    fold_case = any(char.isascii() and char.isalpha() for variants in forms for char in "".join(variants))
    forms = [sorted({form.lower() for form in variants}) for variants in forms] if fold_case else forms
    rows = db.execute(
        "SELECT id, coalesce(title, ''), body FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(ids)],
    ).fetchall()
    counted = []
    for article_id, title, body in rows:
        if fold_case:
            title, body = title.lower(), body.lower()
        hits = [
            TITLE_WEIGHT * max(map(title.count, variants)) + BODY_WEIGHT * max(map(body.count, variants))
            or BODY_WEIGHT
            for variants in forms
        ]
        counted.append((article_id, hits, len(title) + len(body)))
    average = sum(size for _, _, size in counted) / len(counted) or 1.0
    scored = []
    for article_id, hits, size in counted:
        norm = _K1 * (1 - _B + _B * size / average)
        scored.append((article_id, -sum(tf * (_K1 + 1) / (tf + norm) for tf in hits)))
    return sorted(scored, key=lambda pair: (pair[1], -pair[0]))


_K1, _B = 1.2, 0.75


def _cluster_ids(db: Database, ids: list[int]) -> dict[int, int | None]:
    rows = db.execute(
        "SELECT id, cluster_id FROM articles WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
    )
    return {int(row[0]): row[1] for row in rows}


def _prefer_originals(
    db: Database,
    hits: list[tuple[int, float]],
    clusters: dict[int, int | None],
    expression: str,
    where: str,
    params: list[Any],
) -> list[tuple[int, float]]:
    """Replace a copy by its cluster's original where the original matches the same query and filters.

    Each original is checked by rowid (FTS5 seeks its doclists; no second evaluation of the query).
    """
    out = []
    for article_id, score in hits:
        original = clusters.get(article_id)
        if (
            original is not None
            and original != article_id
            and _matches(db, original, expression, where, params)
        ):
            article_id = original
        out.append((article_id, score))
    return out


def _matches(db: Database, article_id: int, expression: str, where: str, params: list[Any]) -> bool:
    row = db.execute(
        f"""SELECT 1 FROM articles a WHERE a.id = ? AND {where} AND EXISTS (SELECT 1 FROM article_search_fts
            WHERE article_search_fts MATCH ? AND rowid = ?)""",
        [article_id, *params, expression, article_id],
    ).fetchone()
    return row is not None


_HIT_COLUMNS = "id, url, site, title, published_at, source, authors, cluster_id, body"


def _finish_hits(
    db: Database, hits: list[tuple[int, float]], text: str, marks: Sequence[str]
) -> list[dict[str, Any]]:
    """Read the chosen articles, count reprints per cluster, cut snippets (bodies are not returned)."""
    if not hits:
        return []
    ids = json.dumps([article_id for article_id, _ in hits])
    rows = {
        row["id"]: row
        for row in db.query(
            f"SELECT {_HIT_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))", [ids]
        )
    }
    sizes = dict(
        db.execute(
            """SELECT cluster_id, count(*) FROM articles WHERE cluster_id IN
               (SELECT DISTINCT cluster_id FROM articles WHERE id IN (SELECT value FROM json_each(?)))
               GROUP BY cluster_id""",
            [ids],
        ).fetchall()
    )
    out = []
    for article_id, score in hits:
        hit = dict(rows[article_id])
        body = hit.pop("body")
        hit["score"] = score
        hit = decode_row(hit)
        hit["reprints"] = max(sizes.get(hit["cluster_id"], 1) - 1, 0)
        hit["snippet"] = snippet(body, text, marks=marks)
        out.append(hit)
    return out
