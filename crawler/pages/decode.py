"""Decode HTML bytes to text, overriding a declared charset when the bytes prove it wrong.

Implements chinese-news.md §4.5: BOM, valid UTF-8, declared (GB family as gb18030, big5 as big5hkscs),
then charset-normalizer, then gb18030 with replacement.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB_LABELS = frozenset({"gb2312", "gbk", "gb18030", "cp936", "euc_cn", "gb2312_1980", "hz", "x_gbk"})
_BIG5_LABELS = frozenset({"big5", "big5hkscs", "cp950", "big5_tw", "csbig5"})
_WEAK = frozenset({"utf_8", "latin_1", "iso8859_1", "cp1252", "ascii"})
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_MAX_REPLACEMENT_RATE = 0.001
_HIGH = re.compile("[\x80-\xff]+")
_CJK = re.compile("[\u4e00-\u9fff]+")


class Decoded(NamedTuple):
    """The decoded text, the codec used, the label the page declared, and how it went."""

    text: str
    encoding: str
    declared: str | None
    overridden: bool
    replacements: int


def sniff_declared(body: bytes) -> str | None:
    """Return the charset named by a <meta> tag in the first 4 KB, if any."""
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _codec_name(label: str | None) -> str | None:
    """Normalise a charset label to a Python codec name, or None when unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name.replace("-", "_")
    except LookupError:
        name = label.strip().lower().replace("-", "_")
        return "gb18030" if name in _GB_LABELS else None
    if name in _GB_LABELS:
        return "gb18030"
    if name in _BIG5_LABELS:
        return "big5hkscs"
    return name


def _looks_mojibake(text: str) -> bool:
    """True when the text has many U+0080–U+00FF characters and almost no CJK (Latin-1 misreading)."""
    high = len(text) - len(_HIGH.sub("", text))
    cjk = len(text) - len(_CJK.sub("", text))
    return high > 20 and cjk < high / 10


def _try(body: bytes, codec: str) -> str | None:
    text = body.decode(codec, errors="replace")
    bad = _replacements(text)
    if bad > max(1, len(text)) * _MAX_REPLACEMENT_RATE or _looks_mojibake(text):
        return None
    return text


def _as_utf8(body: bytes) -> str | None:
    """The body decoded as UTF-8, or None when it is not valid UTF-8."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return _codec_name(best.encoding) if best is not None else None


def _result(text: str, codec: str, declared: str | None) -> Decoded:
    label = _codec_name(declared)
    overridden = declared is not None and label != codec
    return Decoded(text, codec.replace("_", "-"), declared, overridden, _replacements(text))


def _replacements(text: str) -> int:
    """The U+FFFD characters in ``text`` (a literal one in valid UTF-8 counts too). Looking for one first is
    some ten times faster than counting on a page that has none: ``in`` finds a character with memchr."""
    return text.count("\ufffd") if "\ufffd" in text else 0


def decode_html(body: bytes, declared: str | None = None) -> Decoded:
    """Decode ``body``; ``declared`` is the HTTP header charset (the <meta> one is sniffed here)."""
    declared = declared or sniff_declared(body)
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _result(body.decode(codec, errors="replace"), codec.replace("-sig", ""), declared)
    as_utf8 = _as_utf8(body)
    if as_utf8 is not None:
        if not body.isascii():
            return _result(as_utf8, "utf_8", declared)
        label = _codec_name(declared)
        codec = label if label and not label.startswith(("utf_16", "utf_32")) else "utf_8"
        return _result(as_utf8, codec, declared)
    if _codec_name(declared) == "utf_8":
        # Declared UTF-8 with a few bad bytes: keep UTF-8 unless GB18030 fits the bytes better.
        as_utf8 = body.decode("utf-8", errors="replace")
        if as_utf8.count("\ufffd") <= body.decode("gb18030", errors="replace").count("\ufffd"):
            return _result(as_utf8, "utf_8", declared)
    candidates = [c for c in (_codec_name(declared), "gb18030") if c and c not in _WEAK]
    for codec in dict.fromkeys(candidates):
        text = _try(body, codec)
        if text is not None:
            return _result(text, codec, declared)
    detected = _detect(body)
    if detected and not detected.startswith(("utf_16", "utf_32")):
        text = _try(body, detected)
        if text is not None:
            return _result(text, detected, declared)
    return _result(body.decode("gb18030", errors="replace"), "gb18030", declared)
