"""Content fingerprints: the SHA-1 of a body normalised so reposts of one story hash the same.

See chinese-news.md §6.2. Volatile and outlet-specific parts (boilerplate, dateline, 原标题, counters, （完）)
are removed, then NFKC, casefold, and only letters and digits are kept.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from crawler.cleaning.rules import SHARED_RULES
from crawler.cleaning.text import apply_rules

_ORIGINAL_TITLE = re.compile(r"^[\s【\[]*原标题\s*[:：]")
_DATELINE = re.compile(
    r"^[\s【\[]*"
    r"(?:[\u4e00-\u9fffA-Za-z·]{1,20}?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电(?![话脑视力器子影池源])|讯)"
    r"|(?:本报|本网|本站|本台|本刊)[\u4e00-\u9fff]{0,6}?讯"
    r"|[\u4e00-\u9fff]{1,8}?[网报台社]讯)"
    r"[】\]]?\s*(?:\([^)]{0,40}\))?[\s:,—-]*"
)
_VOLATILE = re.compile(
    r"围观\s*\d+\s*次|(?:浏览次数|阅读量|阅读数|点击数|点击量|浏览量|浏览|阅读|点击|人气)\s*:\s*[\d,]*\s*次?"
    r"|(?:阅读|浏览)\s*\(\s*\d*\s*\)|[(\[【]\s*完\s*[)\]】]"
)
_TRAILING_EDITOR = re.compile(r"[(\[【]\s*(?:责任编辑|值班编辑|责编|编辑)\s*[:/]?[^)\]】]{0,30}[)\]】]\s*$")
# Everything that is not a letter or a digit (str.isalnum: Unicode categories L* and N*).
_NOT_ALNUM = re.compile(r"[\W_]+")


#: The last body fingerprinted (the str object itself) and its normalised form. The store normalises the
#: body the boilerplate pipeline has just hashed once more, for its clusters: that second call is free.
_last: tuple[str, str] = ("", "")


def fingerprint_text(body: str, *, cleaned: bool = False) -> str:
    """Return the normalised form of ``body`` that ``content_hash`` digests.

    ``cleaned=True`` skips re-applying SHARED_RULES to a body the boilerplate pipeline has just cleaned
    (the result is the same: the rules are idempotent). Calling again with the same str object returns
    the form already made, whichever ``cleaned`` was given.
    """
    global _last
    last = _last
    if body is last[0]:
        return last[1]
    cleaned_text = body if cleaned else apply_rules(body, SHARED_RULES).text
    lines = [line.strip() for line in unicodedata.normalize("NFKC", cleaned_text).split("\n") if line.strip()]
    head = [line for line in lines[:3] if not _ORIGINAL_TITLE.match(line)]
    lines = head + lines[3:]
    if lines:
        lines[0] = _DATELINE.sub("", lines[0], count=1)
        lines[-1] = _TRAILING_EDITOR.sub("", lines[-1])
    text = _NOT_ALNUM.sub("", _VOLATILE.sub("", "".join(lines)).casefold())
    _last = (body, text)
    return text


def content_hash(body: str, *, cleaned: bool = False) -> str:
    """SHA-1 hex digest of ``fingerprint_text(body)`` (``cleaned`` as there)."""
    return hashlib.sha1(fingerprint_text(body, cleaned=cleaned).encode("utf-8")).hexdigest()
