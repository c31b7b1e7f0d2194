"""The extraction metric of ../shared/corpora/README.md: token multiset P/R/F1, title, fields, author and date."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Any

# One token per Han/kana character; any other run of letters or digits is one token.
_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
    r"|[^\W_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
)


def tokens(text: str | None) -> list[str]:
    """Tokenise per the corpus metric (NFKC, casefold, punctuation and symbols dropped)."""
    if not text:
        return []
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def prf(predicted: str | None, gold: str | None) -> tuple[float, float, float]:
    """Return body precision, recall and F1 as multiset token overlap; empty prediction scores 0."""
    gold_tokens = Counter(tokens(gold))
    pred_tokens = Counter(tokens(predicted))
    if not gold_tokens or not pred_tokens:
        return 0.0, 0.0, 0.0
    overlap = sum((gold_tokens & pred_tokens).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(pred_tokens.values())
    recall = overlap / sum(gold_tokens.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def title_match(predicted: str | None, gold: str | None) -> bool:
    """Exact match after collapsing whitespace."""
    return " ".join((predicted or "").split()) == " ".join((gold or "").split())


def _name(text: str) -> str:
    return "".join(tokens(text))


#: Gold author fields are raw byline text: "By Erin Cunningham", "Par X", "Written by Y\nEdited by Z".
_BY_WORD = re.compile(
    r"^\s*(?:written\s+by|posted\s+by|by|par|por|von|文\s*[/|｜]|作者\s*[:：])\s*", re.IGNORECASE
)


def gold_author(gold: str) -> str:
    """The name in a gold author field: its first line without a leading "By"/"Par"/"作者：" word."""
    first = next((line for line in gold.splitlines() if line.strip()), "")
    return _BY_WORD.sub("", first).strip()


def author_match(predicted: Iterable[str] | str | None, gold: str) -> bool:
    """True when one predicted author, or all of them joined, equals the gold author (tokens only)."""
    if predicted is None:
        return False
    names = [predicted] if isinstance(predicted, str) else list(predicted)
    wanted = _name(gold_author(gold))
    candidates = {_name(n) for n in names} | {_name(" ".join(names))}
    return bool(wanted) and wanted in candidates


_GOLD_DAY = re.compile(r"((?:19|20)\d{2})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?)?")


def gold_date(gold: str) -> str | None:
    """The gold date at its own precision ("2021-01-29", "2003-05", "2018"), or None when it is no date."""
    found = _GOLD_DAY.search(gold or "")
    if not found:
        return None
    year, month, day = found.groups()
    parts = [year] + [f"{int(x):02d}" for x in (month, day) if x]
    return "-".join(parts)


def date_match(predicted: str | None, gold: str) -> bool:
    """True when the predicted publish date agrees with the gold at the gold's precision (day, month or year)."""
    wanted = gold_date(gold)
    found = re.search(r"\d{4}-\d{2}-\d{2}", predicted or "")
    return bool(found and wanted and found.group().startswith(wanted))


#: The labelled fields of the README metric (``zh-news``), scored wherever a corpus's gold holds them.
FIELDS = ("published", "source", "editors", "authors")

_WRITTEN_TIME = re.compile(
    r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?(?:(?:\s+|\s*T\s*)(\d{1,2})\s*[:：]\s*(\d{2}))?"
)


def iso_minute(predicted: str | None) -> str:
    """A predicted publish time as ISO 8601 cut at the minute: ``2019-09-07T13:43``, or the date alone when
    it gives no time (an anchor's ``2019-09-07 13:43:45`` is written the ISO way; nothing is inferred)."""
    found = _WRITTEN_TIME.search(predicted or "")
    if not found:
        return ""
    year, month, day, hour, minute = found.groups()
    date = f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{date}T{int(hour):02d}:{minute}" if hour else date


def published_match(predicted: str | None, gold: str) -> bool:
    """True when the prediction equals the gold to the minute (first 16 characters of ISO 8601); a date-only
    gold wants a date-only prediction."""
    return bool(gold) and iso_minute(predicted) == gold[:16]


def source_match(predicted: str | None, gold: str) -> bool:
    """True when the predicted source is exactly the gold one."""
    return predicted == gold


def names(values: Iterable[str] | None) -> set[str]:
    """The set of names with all whitespace removed (an empty name is none)."""
    return {"".join(value.split()) for value in values or ()} - {""}


def names_match(predicted: Iterable[str] | None, gold: Iterable[str]) -> bool:
    """True when the predicted and gold names are the same set, whitespace ignored."""
    return names(predicted) == names(gold)


_FIELD_MATCH = {
    "published": published_match,
    "source": source_match,
    "editors": names_match,
    "authors": names_match,
}


def field_hits(predicted: dict[str, Any], gold: dict[str, Any]) -> dict[str, bool]:
    """{field: correct} for each field of FIELDS the extractor gives (a key of ``predicted``) and the gold
    holds with a non-empty value."""
    return {
        name: _FIELD_MATCH[name](predicted[name], gold[name])
        for name in FIELDS
        if name in predicted and gold.get(name)
    }
