"""Pure text helpers: whitespace normalisation, title sanitising and applying boilerplate rules.

See README § Boilerplate rules and chinese-news.md §2.9 (how to strip) and reliability-checklist §4.4.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from crawler.cleaning.rules import Rule

# C0 controls except \t and \n, DEL, C1 controls.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings/overrides/isolates and marks, zero-width characters and the BOM.
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
_DROP_RE = re.compile(f"[{_CONTROL}{_INVISIBLE}]")
_SPACES_RE = re.compile(r"[^\S\n]+")
_ANY_SPACE_RE = re.compile(r"\s+")
_LINE_BREAKS_RE = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")


@dataclass(frozen=True)
class CleanResult:
    """Cleaned text and, per rule name, the lines that rule removed (in body order)."""

    text: str
    hits: dict[str, list[str]] = field(default_factory=dict)


def normalize_whitespace(text: str) -> str:
    """Return ``text`` with one paragraph per non-empty line, paragraphs separated by one blank line.

    CRLF/CR and Unicode line separators become newlines; \\u3000, \\xa0 and other spaces become one
    ASCII space; zero-width, bidi and control characters (NUL included) are removed; lines are stripped.
    """
    text = _DROP_RE.sub("", _LINE_BREAKS_RE.sub("\n", text))
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def sanitize_title(title: str, max_chars: int = 500) -> str:
    """Remove control, bidi and zero-width characters, collapse whitespace and cap the length."""
    text = _ANY_SPACE_RE.sub(" ", _DROP_RE.sub("", title)).strip()
    return text[:max_chars].rstrip()


def apply_rules(text: str, rules: Sequence[Rule]) -> CleanResult:
    """Remove boilerplate lines from ``text`` and report which rule removed which line.

    Order: the first ``tail_block`` heading cuts itself and everything after it; then ``anywhere``
    lines go; then leading and trailing ``edge`` lines are peeled until a line no rule recognises.
    Text with no hit is returned unchanged; otherwise blank-line runs collapse to one blank line.
    """
    raw = text.split("\n")
    lines = [line.strip() for line in raw]  # matched once stripped; the output keeps ``raw``
    keep = [True] * len(lines)
    hits: dict[str, list[str]] = {}
    _cut_tail(lines, keep, [r for r in rules if r.where == "tail_block"], hits)
    anywhere = [r for r in rules if r.where == "anywhere"]
    for i, line in enumerate(lines):
        rule = _first_match(line, anywhere) if keep[i] else None
        if rule is not None:
            keep[i] = False
            _record(hits, rule.name, line)
    edge = [r for r in rules if r.where == "edge"]
    _peel(lines, keep, edge, range(len(lines)), hits)
    _peel(lines, keep, edge, range(len(lines) - 1, -1, -1), hits)
    if not hits:
        return CleanResult(text)
    return CleanResult(_join(line for line, kept in zip(raw, keep, strict=True) if kept), hits)


def _first_match(line: str, rules: Iterable[Rule]) -> Rule | None:
    """The first rule recognising an already stripped line."""
    return next((rule for rule in rules if rule.matches_stripped(line)), None)


def _record(hits: dict[str, list[str]], name: str, line: str) -> None:
    hits.setdefault(name, []).append(line.strip())


def _cut_tail(lines: list[str], keep: list[bool], rules: Sequence[Rule], hits: dict[str, list[str]]) -> None:
    for i, line in enumerate(lines):
        rule = _first_match(line, rules) if keep[i] else None
        if rule is None:
            continue
        for j in range(i, len(lines)):
            # A later heading (版权与免责声明 after 相关阅读) names the lines that follow it.
            rule = _first_match(lines[j], rules) or rule
            if keep[j] and lines[j].strip():
                _record(hits, rule.name, lines[j])
            keep[j] = False
        return


def _peel(
    lines: list[str], keep: list[bool], rules: Sequence[Rule], order: range, hits: dict[str, list[str]]
) -> None:
    """Remove edge lines walking in ``order`` (front to back or back to front) until one is content."""
    plain = [r for r in rules if not r.beside_boilerplate]
    beside = [r for r in rules if r.beside_boilerplate]
    kept = [i for i in order if keep[i] and lines[i].strip()]
    for pos, i in enumerate(kept):
        rule = _first_match(lines[i], plain)
        if rule is None and pos + 1 < len(kept) and _first_match(lines[kept[pos + 1]], plain):
            rule = _first_match(lines[i], beside)
        if rule is None:
            return
        keep[i] = False
        _record(hits, rule.name, lines[i])


def _join(lines: Iterable[str]) -> str:
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)
