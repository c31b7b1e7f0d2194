"""Full-text search text: the CJK-bigram index form, the FTS5 query rewrite and snippets from the original.

See README § Search and chinese-news.md §5.3: every CJK run becomes its overlapping bigrams plus its last
character, so 1-, 2- and n-character Chinese queries all match under FTS5's ``unicode61`` tokenizer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from sqlite_utils import Database

#: Han (with extensions and compatibility ideographs), kana and Hangul: scripts written without spaces.
_CJK = (
    "\u3005\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
CJK_RUN = re.compile(f"[{_CJK}]+")
#: bm25 weights of (title, body): a title hit counts five times a body hit.
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0
_WORD = re.compile(r"\w")
_PHRASE = re.compile(r'"((?:[^"]|"")*)"')
_UPSERT = """
    INSERT INTO article_search (id, title_bi, body_bi) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET title_bi = excluded.title_bi, body_bi = excluded.body_bi
"""


def _bigrams(run: str, *, last: bool) -> str:
    """``精准扶贫`` -> ``精准 准扶 扶贫`` (+ `` 贫`` when ``last``); a single character stays itself."""
    if len(run) == 1:
        return run
    grams = [run[i : i + 2] for i in range(len(run) - 1)]
    if last:
        grams.append(run[-1])
    return " ".join(grams)


def index_text(text: str | None) -> str:
    """The form of ``text`` stored in the index: NFKC, each CJK run as bigrams plus its last character."""
    if not text:
        return ""
    normal = unicodedata.normalize("NFKC", text)
    return CJK_RUN.sub(lambda m: f" {_bigrams(m.group(), last=True)} ", normal)


def _term_phrase(term: str) -> str | None:
    """One whitespace-free query term as an FTS5 phrase (``"..."``, ``*`` when it ends in one CJK char)."""
    pieces: list[str] = []
    position, prefix = 0, False
    for match in CJK_RUN.finditer(term):
        pieces.append(term[position : match.start()])
        at_end = match.end() == len(term)
        run = match.group()
        # A run at the end of the term may go on in the document: no trailing unigram, prefix for 1 char.
        pieces.append(f" {_bigrams(run, last=not at_end)} ")
        prefix = at_end and len(run) == 1
        position = match.end()
    pieces.append(term[position:])
    text = " ".join("".join(pieces).split())
    if not _WORD.search(text):
        return None
    return '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")


def match_expression(query: str) -> str | None:
    """Rewrite a user query into an FTS5 MATCH expression (terms ANDed); None when it has no word.

    Each whitespace-separated term is one phrase, so ``精准扶贫`` finds exactly the texts containing it and
    ``教育 扶贫`` those containing both. English words go through the index's Porter stemmer.
    """
    phrases = [p for term in unicodedata.normalize("NFKC", query).split() if (p := _term_phrase(term))]
    return " AND ".join(phrases) if phrases else None


def is_selective(expression: str) -> bool:
    """True when a MATCH expression holds a phrase of several tokens (few matches, costly to scan twice)."""
    return any(" " in phrase for phrase in _PHRASE.findall(expression))


def index_article(db: Database, article_id: int, title: str | None, body: str | None) -> None:
    """Insert or refresh an article's row of ``article_search`` (its FTS5 index follows by trigger)."""
    db.execute(_UPSERT, [article_id, index_text(title), index_text(body)])


def _term_patterns(query: str) -> list[re.Pattern[str]]:
    """Patterns locating the query's terms in original text: the term, else its stem-like prefix."""
    patterns = []
    for term in unicodedata.normalize("NFKC", query).split():
        patterns.append(re.compile(re.escape(term), re.IGNORECASE))
        if not CJK_RUN.search(term) and len(term) > 4:
            stem = re.escape(term[: max(4, len(term) - 3)])
            patterns.append(re.compile(rf"\b{stem}\w*", re.IGNORECASE))
    return patterns


def snippet(text: str | None, query: str, *, width: int = 120, marks: Sequence[str] = ("[", "]")) -> str:
    """About ``width`` characters of ``text`` around the first query hit, each hit wrapped in ``marks``.

    Cut from the original text (never the bigram form); the start of the text when no term is found.
    """
    flat = " ".join((text or "").split())
    patterns = _term_patterns(query)
    first = min((m.start() for p in patterns if (m := p.search(flat))), default=0)
    start = max(0, first - width // 3)
    window = flat[start : start + width]
    hits = [m.span() for p in patterns for m in p.finditer(window)]
    out, position = [], 0
    for begin, end in sorted(hits, key=lambda span: (span[0], -span[1])):
        if begin < position:
            continue
        out += [window[position:begin], marks[0], window[begin:end], marks[1]]
        position = end
    out.append(window[position:])
    return ("…" if start else "") + "".join(out) + ("…" if start + width < len(flat) else "")
