"""Leading and trailing lines of a detected body that are credits, tools or promos: captured, then cut."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from crawler.cleaning.credits import Credits, is_credit_line, parse_credits
from crawler.pages.dates import find_dates
from crawler.pages.textlines import Line

_TAIL_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("submit_link", re.compile(r"^(我要投稿|投稿|我要纠错|我要评论|我来说两句)$")),
    (
        "read_more",
        re.compile(
            r"^(Read more|Read More|READ MORE|More:|Continue reading|点击阅读全文|阅读全文|查看更多)\b"
        ),
    ),
    (
        "copyright",
        re.compile(
            r"^(©|\(c\)|Copyright|版权所有|All Rights Reserved)|All rights reserved\.?$", re.IGNORECASE
        ),
    ),
    ("share_widget", re.compile(r"^(Share this|Share on|Share:|Tweet|分享到|扫一扫)", re.IGNORECASE)),
    ("print_widget", re.compile(r"^[【\[]?(打印|关闭|收藏|纠错|发表评论|查看评论|推荐给朋友|Print)")),
    ("view_counter", re.compile(r"^(围观|浏览|阅读|点击)[^，。]{0,12}$")),
    (
        "newsletter_promo",
        re.compile(
            r"^(Sign up|Subscribe)\b.*\b(newsletters?|inbox)\b|right in(to)? your inbox", re.IGNORECASE
        ),
    ),
    (
        "contact_line",
        re.compile(
            r"(?:be reached|contact|e-?mail|write to)\b[^.]{0,80}?[\w.+-]+@[\w-]+\.\w"
            r"|^Follow (?:him|her|them|us|me) on (?:Twitter|Facebook|Instagram)",
            re.IGNORECASE,
        ),
    ),
]
#: The label of an ad slot, alone on its line: never article text, wherever it sits in the body.
_AD_LABEL = re.compile(
    r"^(?:advert|advertisement|advertising|anzeige|publicidad|publicité|pubblicità|реклама|广告)\s*[:：]?$",
    re.IGNORECASE,
)
_MAX_PROMO = 15
_TITLE_SLACK = 40
_TITLE_CLOSE = 12
_SENTENCE = re.compile(r"[，。！？；]|[,.!?;](?:\s|$)")
_DATE_LABEL = re.compile(
    r"(published|updated|posted|last modified|modified|on|at|发布时间|发表时间|更新时间|时间|日期|发布于)[:：]?",
    re.IGNORECASE,
)
_DATE_RESIDUE = 12
_TIME_RESIDUE = 2
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?(?![\d:])", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.IGNORECASE
)
_ZONE = re.compile(r"\b(?:GMT|UTC|[ECMP][SD]T|BST|CES?T|IST|JST|HKT|AE[SD]T|ET|PT)\b")
_DATE_LINE_MAX = 80
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BY = re.compile(r"(?:^|[\s/|·•-])(?:by|von|por|par|作者)\s*[:：]?\s*\S+(?:\s+\S+){0,2}\s*$", re.IGNORECASE)


def is_date_line(text: str) -> bool:
    """A short line that is only dates and times (with labels, or a short "by" credit): metadata, not body."""
    if len(text) > _DATE_LINE_MAX:
        return False
    found = find_dates(text, "UTC", date.today())
    if not found and not _CLOCK.search(text):
        return False
    residue = text
    for match in found:
        residue = residue.replace(match.raw, " ")
    residue = _ZONE.sub(" ", _CLOCK.sub(" ", _WEEKDAY.sub(" ", residue)))
    residue = _DATE_LABEL.sub(" ", residue)
    if not found:
        return len(re.sub(r"[\W_]+", "", residue)) <= _TIME_RESIDUE
    if _BY.search(residue):
        return True
    plain = re.sub(r"[\W_]+", "", residue)
    return len(plain) + len(_CJK.findall(plain)) <= _DATE_RESIDUE


def _title_line(text: str, title: str) -> bool:
    """A head line showing the title plus a little more (site name, section): not a sentence opening with it."""
    if title not in text:
        return False
    residue = len(text) - len(title)
    if residue <= _TITLE_CLOSE:
        return True
    return residue <= _TITLE_SLACK and not _SENTENCE.search(text.replace(title, " ", 1))


_ENGLISH_BY = re.compile(r"^\s*(Edited\s+)?[Bb]y\s")


def _rule(line: Line, title: str | None, head: bool) -> str | None:
    text = line.text
    if title and (text == title or (head and _title_line(text, title))):
        return "title"
    for rule, pattern in _TAIL_RULES:
        if len(text) <= 120 and pattern.search(text):
            return rule
    if is_credit_line(text):
        if _ENGLISH_BY.match(text):
            return "english_credit"
        return "credit_line"
    if head and is_date_line(text):
        return "date_line"
    if not head and line.link_ratio >= 0.9 and len(text) <= _MAX_PROMO:
        return "nav_promo"
    return None


def _take(line: Line, rule: str, removed: dict[str, list[str]], credits: Credits) -> Credits:
    if rule in ("title", "date_line"):
        return credits
    removed.setdefault(rule, []).append(line.text[:200])
    if "我要投稿" in line.text and rule != "submit_link":
        removed.setdefault("submit_link", []).append("我要投稿")
    return credits.merged(parse_credits(line.text))


_END_MARKER = re.compile(
    r"^\s*[(（【\[]?\s*(?:责任编辑|责编|编辑|值班编辑|审核|校对)\s*[:：/]"
    r"|^(?:免责声明|特别声明|声明|平台声明|版权声明|版权与免责声明)[:：]|版权所有|^(?:微信)?扫一扫|^分享到"
)
_HEAD_WINDOW = 6
_HEAD_SHORT = 60
_TAIL_SHARE = 0.3


def _head_cut(lines: list[Line], rule_of: Callable[[int, bool], str | None]) -> int:
    """Index after the last credit/date/title line among the first few, when only short lines precede it."""
    cut = 0
    for index, line in enumerate(lines[:_HEAD_WINDOW]):
        if rule_of(index, True) is not None:
            cut = index + 1
        elif len(line.text) > _HEAD_SHORT:
            break
    return cut


def _tail_cut(lines: list[Line], start: int, end: int) -> int:
    """Index of the first end marker (editor line, statement, copyright) in the last part of the body."""
    total = sum(len(line.text) for line in lines[start:end]) or 1
    seen = 0
    for index in range(start, end):
        if seen >= _TAIL_SHARE * total and _END_MARKER.search(lines[index].text):
            return index
        seen += len(lines[index].text)
    return end


def strip_edges(
    lines: list[Line], title: str | None, removed: dict[str, list[str]]
) -> tuple[list[str], Credits]:
    """Cut credit/tool/promo lines at both ends and ad-slot labels anywhere (recording them) and return
    paragraphs plus their credits."""
    credits = Credits()
    if labels := [line for line in lines if _AD_LABEL.match(line.text)]:
        removed.setdefault("nav_promo", []).extend(line.text for line in labels)
        lines = [line for line in lines if line not in labels]
    start, end = 0, len(lines)
    known: dict[tuple[int, bool], str | None] = {}

    def rule_of(index: int, head: bool) -> str | None:
        """``_rule`` of a line, read once (the cuts below ask again about the same lines)."""
        key = (index, head)
        if key not in known:
            known[key] = _rule(lines[index], title, head)
        return known[key]

    for index in range(_head_cut(lines, rule_of)):
        rule = rule_of(index, True)
        credits = _take(lines[index], rule or "head_promo", removed, credits)
        start = index + 1
    cut = _tail_cut(lines, start, end)
    for index in range(cut, end):
        rule = rule_of(index, False) or "after_end_marker"
        credits = credits if rule == "after_end_marker" else _take(lines[index], rule, removed, credits)
    if cut < end:
        removed.setdefault("after_end_marker", []).append(" ".join(x.text for x in lines[cut:end])[:200])
    end = cut
    while start < end:
        rule = rule_of(start, True)
        if rule is None:
            break
        credits = _take(lines[start], rule, removed, credits)
        start += 1
    while end > start:
        rule = rule_of(end - 1, False)
        if rule is None or rule == "title":
            break
        credits = _take(lines[end - 1], rule, removed, credits)
        end -= 1
    return [line.text for line in lines[start:end]], credits
