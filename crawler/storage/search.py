"""Full-text search text: the CJK-bigram index form, the FTS5 query rewrite and snippets from the original.

See README § Search and chinese-news.md §5.3. Text is NFKC-normalised and folded to simplified Chinese
(``crawler.storage.hanfold``). Every run of CJK characters and ASCII letters/digits that holds a CJK
character becomes its overlapping bigrams plus its last character, so 1-, 2- and n-character Chinese
queries and mixed ones (``5G网络``, ``A股``) match anywhere under FTS5's ``unicode61`` tokenizer. ASCII
inside such a run is indexed in full-width form (bigrams never equal an English word nor meet the Porter
stemmer); its words are indexed as words too, so ``iPhone`` still finds ``用iPhone拍摄``.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence

from sqlite_utils import Database

from crawler.storage.hanfold import FOLD_TABLE

#: Han (with extensions and compatibility ideographs), kana and Hangul: scripts written without spaces.
_CJK = (
    "\u3005\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
CJK_RUN = re.compile(f"[{_CJK}]+")
#: A space-free run of CJK characters and ASCII letters/digits; runs holding a CJK character are bigrammed.
_RUN = re.compile(f"[{_CJK}0-9A-Za-z]+")
_HAS_CJK = re.compile(f"[{_CJK}]")
_ASCII_WORD = re.compile("[0-9A-Za-z]+")
#: Lower-case ASCII letters and digits -> their full-width forms (bigram characters of mixed runs).
_MARK = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in string.digits + string.ascii_lowercase})
#: Separates a column's text from the appended words that sit inside mixed runs (no phrase spans it).
BARRIER = "\ue000"
#: Applied after NFKC to indexed and query text: traditional -> simplified; the barrier never comes from text.
_TEXT_FOLD: dict[int, int | str] = {**FOLD_TABLE, ord(BARRIER): " "}
#: Applied to original text to locate hits for snippets (one character for one, unlike NFKC).
_SNIPPET_FOLD: dict[int, int | str] = {
    **FOLD_TABLE,
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},
    0x3000: 0x20,
}
#: bm25 weights of (title, body): a title hit counts five times a body hit.
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0
_WORD = re.compile(r"\w")
_PHRASE = re.compile(r'"((?:[^"]|"")*)"')
_UPSERT = """
    INSERT INTO article_search (id, title_bi, body_bi) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET title_bi = excluded.title_bi, body_bi = excluded.body_bi
"""


def normal(text: str) -> str:
    """NFKC, then traditional Chinese folded to simplified (what both the index and queries see)."""
    return unicodedata.normalize("NFKC", text).translate(_TEXT_FOLD)


def _bigrams(marked: str) -> list[str]:
    return [marked[i : i + 2] for i in range(len(marked) - 1)]


def _run_tokens(run: str, inner: list[str]) -> str:
    """Index form of a run holding CJK: [leading word] bigrams last-char [trailing word]; other words go
    to ``inner`` (``用iPhone拍摄`` -> ``用ｉ ｉｐ … 拍摄 摄``, inner ``iPhone``)."""
    marked = run.lower().translate(_MARK)
    words = [(m.start(), m.end(), m.group()) for m in _ASCII_WORD.finditer(run)]
    tokens = [words.pop(0)[2]] if words and words[0][0] == 0 else []
    trail = words.pop()[2] if words and words[-1][1] == len(run) else None
    inner.extend(word for _, _, word in words)
    tokens += [*_bigrams(marked), marked[-1]]
    if trail is not None:
        tokens.append(trail)
    return " ".join(tokens)


def index_text(text: str | None) -> str:
    """The form of ``text`` stored in the index (see the module docstring)."""
    if not text:
        return ""
    inner: list[str] = []
    out = _RUN.sub(lambda m: f" {_run_tokens(m.group(), inner)} " if _HAS_CJK.search(m.group()) else m.group(),
                   normal(text))  # fmt: skip
    return f"{out} {BARRIER} {' '.join(inner)}" if inner else out


def _query_tokens(run: str, *, at_start: bool, at_end: bool) -> str:
    """Tokens of a query run holding CJK, those the index holds for any text containing it.

    At the start of the term the text's run may begin earlier (no leading word); at its end the run may
    go on (no last character, no trailing word).
    """
    marked = run.lower().translate(_MARK)
    words = list(_ASCII_WORD.finditer(run))
    tokens = [words[0].group()] if not at_start and words and words[0].start() == 0 else []
    tokens += _bigrams(marked)
    if not at_end or len(run) == 1:
        tokens.append(marked[-1])
    if not at_end and words and words[-1].end() == len(run):
        tokens.append(words[-1].group())
    return " ".join(tokens)


def _term_phrase(term: str) -> str | None:
    """One whitespace-free query term as an FTS5 phrase (``"..."``, ``*`` when it ends in one CJK char)."""
    pieces: list[str] = []
    position, prefix = 0, False
    for match in _RUN.finditer(term):
        pieces.append(term[position : match.start()])
        run = match.group()
        prefix = False
        if _HAS_CJK.search(run):
            at_end = match.end() == len(term)
            pieces.append(f" {_query_tokens(run, at_start=match.start() == 0, at_end=at_end)} ")
            prefix = at_end and len(run) == 1
        else:
            pieces.append(run)
        position = match.end()
    pieces.append(term[position:])
    text = " ".join("".join(pieces).split())
    if not _WORD.search(text):
        return None
    return '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")


def match_expression(query: str) -> str | None:
    """Rewrite a user query into an FTS5 MATCH expression (terms ANDed); None when it has no word.

    Each whitespace-separated term is one phrase, so ``精准扶贫`` finds exactly the texts containing it,
    ``教育 扶贫`` those containing both, and ``經濟`` the texts with 经济 or 經濟. English words go through
    the index's Porter stemmer.
    """
    phrases = [p for term in normal(query).split() if (p := _term_phrase(term))]
    return " AND ".join(phrases) if phrases else None


def is_selective(expression: str) -> bool:
    """True when a MATCH expression holds a phrase of several tokens (few matches, costly to scan twice)."""
    return any(" " in phrase for phrase in _PHRASE.findall(expression))


def index_article(db: Database, article_id: int, title: str | None, body: str | None) -> None:
    """Insert or refresh an article's row of ``article_search`` (its FTS5 index follows by trigger)."""
    db.execute(_UPSERT, [article_id, index_text(title), index_text(body)])


def _term_patterns(query: str) -> list[re.Pattern[str]]:
    """Patterns locating the query's terms in folded text: the term, else its stem-like prefix."""
    patterns = []
    for term in normal(query).split():
        patterns.append(re.compile(re.escape(term), re.IGNORECASE))
        if not _HAS_CJK.search(term) and len(term) > 4:
            stem = re.escape(term[: max(4, len(term) - 3)])
            patterns.append(re.compile(rf"\b{stem}\w*", re.IGNORECASE))
    return patterns


def snippet(text: str | None, query: str, *, width: int = 120, marks: Sequence[str] = ("[", "]")) -> str:
    """About ``width`` characters of ``text`` around the first query hit, each hit wrapped in ``marks``.

    Cut from the original text (never the bigram form; traditional stays traditional); hits are found on
    a character-for-character folded copy. The start of the text when no term is found.
    """
    flat = " ".join((text or "").split())
    patterns = _term_patterns(query)
    first = min((m.start() for p in patterns if (m := p.search(flat))), default=None)
    if first is None:  # only traditional or full-width forms: fold the whole text (slower)
        folded = flat.translate(_SNIPPET_FOLD)
        first = min((m.start() for p in patterns if (m := p.search(folded))), default=0)
    start = max(0, first - width // 3)
    window = flat[start : start + width]
    hits = [m.span() for p in patterns for m in p.finditer(window.translate(_SNIPPET_FOLD))]
    out, position = [], 0
    for begin, end in sorted(hits, key=lambda span: (span[0], -span[1])):
        if begin < position:
            continue
        out += [window[position:begin], marks[0], window[begin:end], marks[1]]
        position = end
    out.append(window[position:])
    return ("…" if start else "") + "".join(out) + ("…" if start + width < len(flat) else "")
