"""The extraction metric of ../shared/corpora/README.md: token multiset P/R/F1, title, author and date."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

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


def author_match(predicted: Iterable[str] | str | None, gold: str) -> bool:
    """True when one predicted author, or all of them joined, equals the gold author (tokens only)."""
    if predicted is None:
        return False
    names = [predicted] if isinstance(predicted, str) else list(predicted)
    wanted = _name(gold)
    candidates = {_name(n) for n in names} | {_name(" ".join(names))}
    return bool(wanted) and wanted in candidates


def date_match(predicted: str | None, gold: str) -> bool:
    """True when the predicted publish date has the gold's calendar day (YYYY-MM-DD)."""
    found = re.search(r"\d{4}-\d{2}-\d{2}", predicted or "")
    wanted = re.search(r"\d{4}-\d{2}-\d{2}", gold)
    return bool(found and wanted and found.group() == wanted.group())
