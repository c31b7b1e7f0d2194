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
#: Full-width ASCII forms and the ideographic space -> their NFKC forms; the common ones by str.replace.
_WIDE_TO_NARROW: dict[int, int | str] = {
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},
    0x3000: 0x20,
}
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_COMMON_WIDE = tuple((wide, chr(ord(wide) - 0xFEE0)) for wide in "，：；（）！？％")
#: A character ``_TEXT_FOLD`` changes: BMP ones as a set (a bitmap for the regex engine), astral ones by
#: range (a set with astral members is scanned member by member).
_TO_FOLD = re.compile(
    "["
    + "".join(sorted({c for c in map(chr, FOLD_TABLE) if c < "\U00010000"} | {BARRIER}))
    + "\U00010000-\U0010ffff]"
)
#: A maximal run of CJK characters and ASCII letters/digits holding a CJK character (captured for split).
_CJK_RUN_SPLIT = re.compile(f"([0-9A-Za-z]*+[{_CJK}][{_CJK}0-9A-Za-z]*+)")
_ASCII = re.compile("[0-9A-Za-z]")
#: An ASCII word with CJK on both sides, inside a run (indexed once more after BARRIER).
_INNER_WORD = re.compile(f"(?<=[{_CJK}])[0-9A-Za-z]+(?=[{_CJK}])")
#: ASCII letters and digits, either case -> lower-case full-width (``_MARK`` after ``str.lower``).
_MARK_ANY = str.maketrans({c: chr(ord(c.lower()) + 0xFEE0) for c in string.digits + string.ascii_letters})
_SPACE32 = " ".encode("utf-32-le")
#: In ``_pairs``' output: the pairs spanning two runs and the next run's first pair start, ``c\x00 \x00d d``.
_RUN_BOUNDARY = re.compile("\x00 \x00. ")
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
    # Fast path, same result: full-width forms replaced by their NFKC mapping first (Chinese punctuation
    # is the usual reason a text is not NFKC), then NFKC only when the text still needs it, and the fold
    # only when a character to fold is present (str.translate costs ~30 ns per non-ASCII character).
    quick = text
    for wide, narrow in _COMMON_WIDE:
        if wide in quick:
            quick = quick.replace(wide, narrow)
    if _WIDE.search(quick) is not None:
        quick = quick.translate(_WIDE_TO_NARROW)
    if not unicodedata.is_normalized("NFKC", quick):
        quick = unicodedata.normalize("NFKC", quick)
    return quick.translate(_TEXT_FOLD) if _TO_FOLD.search(quick) is not None else quick


def _bigrams(marked: str) -> list[str]:
    return [marked[i : i + 2] for i in range(len(marked) - 1)]


def _pairs(runs: str) -> str:
    """``ab bc cd d`` for each ``\\x00``-separated run ``abcd`` (still ``\\x00``-separated), built with
    byte slicing of the UTF-32 form (one code point, four bytes) rather than a loop per character."""
    size = len(runs)
    data = runs.encode("utf-32-le")
    out = bytearray(_SPACE32 * (3 * size - 2))
    for k in range(4):  # character i goes to slot 3i, character i + 1 to slot 3i + 1; slot 3i + 2 is a space
        out[k::12] = data[k::4]
        out[4 + k :: 12] = data[4 + k :: 4]
    return _RUN_BOUNDARY.sub("\x00", out.decode("utf-32-le"))


def _mark_word(match: re.Match[str]) -> str:
    return match.group().translate(_MARK_ANY)


def index_text(text: str | None) -> str:
    """The form of ``text`` stored in the index (see the module docstring).

    Each run holding CJK becomes `` [leading word] bigrams last-char [trailing word] ``; its inner words
    go after BARRIER (``用iPhone拍摄`` -> `` 用ｉ ｉｐ … 拍摄 摄 ``, ``iPhone`` after the barrier). All runs
    are bigrammed at once (``_pairs``); only runs with an ASCII word at an edge take a step of their own.
    """
    if not text:
        return ""
    parts = _CJK_RUN_SPLIT.split(normal(text))
    if len(parts) == 1:
        return parts[0]
    runs = parts[1::2]
    joined = "\x00".join(runs)
    has_ascii = _ASCII.search(joined) is not None
    marked = _ASCII_WORD.sub(_mark_word, joined) if has_ascii else joined
    tokens = (" " + _pairs(marked).replace("\x00", " \x00 ") + " ").split("\x00")
    tail = ""
    if has_ascii:
        for n, run in enumerate(runs):
            lead, trail = run[0] < "\x80", run[-1] < "\x80"  # an ASCII letter or digit at an edge
            if lead or trail:
                words = _ASCII_WORD.findall(run)
                tokens[n] = (
                    f" {words[0] + ' ' if lead else ''}{tokens[n][1:-1]}{' ' + words[-1] if trail else ''} "
                )
        if inner := _INNER_WORD.findall(joined):
            tail = f" {BARRIER} {' '.join(inner)}"
    parts[1::2] = tokens
    return "".join(parts) + tail


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
