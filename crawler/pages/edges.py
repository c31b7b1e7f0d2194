"""Leading and trailing lines of a detected body that are credits, tools or promos: captured, then cut."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date

from crawler.cleaning.credits import Credits, is_credit_line, opens_with_label, parse_credits
from crawler.cleaning.rules import tool_line
from crawler.pages.byline import names_only
from crawler.pages.dates import find_dates
from crawler.pages.textlines import Line

_TAIL_RULES: list[tuple[str, re.Pattern[str]]] = [
    # The print edition's or the first outlet's headline (原标题：…), a credit of the story (LABELS.md).
    ("original_title", re.compile(r"^[\s【\[（(]*原标题\s*[:：]")),
    ("submit_link", re.compile(r"^(我要投稿|投稿|我要纠错|我要评论|我来说两句)$")),
    (
        "read_more",
        re.compile(
            r"^(Read more|Read More|READ MORE|More:|Continue reading|点击阅读全文|阅读全文|查看更多)\b"
        ),
    ),
    ("nav_promo", re.compile(r"^点击(?:进入|查看)[^，。！？]{0,20}$")),
    (
        "copyright",
        re.compile(
            r"^(©|\(c\)|Copyright|版权所有|All Rights Reserved)|All rights reserved\.?$", re.IGNORECASE
        ),
    ),
    ("share_widget", re.compile(r"^(Share this|Share on|Share:|Tweet|分享到|扫一扫)", re.IGNORECASE)),
    ("print_widget", re.compile(r"^[【\[]?(打印|关闭|收藏|纠错|发表评论|查看评论|推荐给朋友|Print)")),
    # A counter shows its number, or an empty slot a script fills ("阅读中的快乐" is a title).
    (
        "view_counter",
        re.compile(r"^(围观|浏览|阅读|点击)(次数|量|数|人次)?\s*[:：]?\s*[(（]?\s*[\d,]*\s*[)）]?\s*次?$"),
    ),
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
    r"(published|updated|posted|last modified|modified|on|at|(?:发布|发表|更新|发稿)(?:时间|日期)|发布于)[:：]?",
    re.IGNORECASE,
)
#: A time field opening a line ("时间：", "会议时间：", "日期："): when a notice's event takes place, not when
#: the page was published (unless the label says so: ``_DATE_LABEL``).
_FIELD = re.compile(r"^\s*[\u4e00-\u9fff]{0,6}(?:时间|日期|时段)\s*[:：]")
_DATE_RESIDUE = 12
_TIME_RESIDUE = 2
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?(?![\d:])", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.IGNORECASE
)
_ZONE = re.compile(r"\b(?:GMT|UTC|[ECMP][SD]T|BST|CES?T|IST|JST|HKT|AE[SD]T|ET|PT)\b")
_DATE_LINE_MAX = 80
#: A piece of a date a template splits over lines ("2019" / "09/07" / "19:02").
_DATE_PIECE = re.compile(r"^(?=.*\d)[\d\s/.:-]{1,10}$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BY = re.compile(r"(?:^|[\s/|·•-])(?:by|von|por|par|作者)\s*[:：]?\s*\S+(?:\s+\S+){0,2}\s*$", re.IGNORECASE)


def is_date_line(text: str) -> bool:
    """A short line that is only dates and times (with labels, or a short "by" credit): metadata, not body."""
    if len(text) > _DATE_LINE_MAX:
        return False
    field = _FIELD.match(text)
    if field and not _DATE_LABEL.fullmatch(field[0].strip()):
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
    if tool_line(text):
        return "print_widget"
    if is_credit_line(text):
        if _ENGLISH_BY.match(text):
            return "english_credit"
        return "credit_line"
    if head and _DATE_PIECE.match(text):
        return "date_piece"
    if head and is_date_line(text):
        return "english_credit" if _BY.search(text) else "date_line"  # "2012-10-29 by Herb Sutter"
    if not head and line.link_ratio >= 0.9 and len(text) <= _MAX_PROMO:
        return "nav_promo"
    return None


def _take(line: Line, rule: str, removed: dict[str, list[str]], credits: Credits) -> Credits:
    if rule in ("title", "date_line", "date_piece"):
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
#: Head lines that mark where the page's header ends when the title is not among the body's lines.
_ANCHORS = ("credit_line", "english_credit")
_DATED = ("date_line", "info_line")
#: A clause mark: an info line (a short dated line after the title) holding one is the text's first sentence.
_CLAUSE = re.compile(r"[，。！？；]|[.!?]$")
_INFO_ITEM = 12
_TAIL_SHARE = 0.3
#: Paragraphs of prose after an end marker that show the article goes on (a disclaimer is one).
_PROSE_AFTER_END = 2
_PROSE_CHARS = 80
_PROSE_LINKS = 0.5
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?:\s|$)")


def _info_like(text: str) -> bool:
    """A line of short items (date, outlet, names), not a sentence or a notice's time field: what phase 1's
    info lines (short dated lines after the title) must also be to count here."""
    if _CLAUSE.search(text) or _FIELD.match(text):
        return False
    return all(len(item) <= _INFO_ITEM for item in text.split())


@dataclass(frozen=True)
class PageInfo:
    """What the page says about itself elsewhere, by which a head line no rule knows is still chrome: the
    names of its authors and of the site (a bare "Tom Krisher, AP Auto Writer" line) and its info lines (the
    dated lines phase 1 read right after the title element)."""

    names: Collection[str] = field(default_factory=frozenset)
    info: Collection[str] = field(default_factory=frozenset)

    def rule(self, text: str) -> str | None:
        """``credit_line`` for a line naming only known names, ``info_line`` for an info line, else None."""
        if self.names and names_only(text, self.names):
            return "credit_line"
        return "info_line" if text in self.info and _info_like(text) else None


def _head_cuts(
    lines: list[Line], rule_of: Callable[[int, bool], str | None], page: PageInfo
) -> dict[int, str]:
    """Rule per line cut among the first few (up to the first long line no rule knows): title, credit and
    date lines, lines the page names as its own (``page``), and the lines above the title (above the last
    credit or info line when the title is not among the lines: the headline and the site's header).

    A line below the title that nothing marks (a "——" subtitle, a notice's first field) is text and stays; a
    date line after such text and after the page's own info line is the text's (a table's first row). Past
    the first long line, only a run of credit lines right after it goes (a byline under a standfirst).
    """
    window: list[tuple[int, str | None]] = []
    text_at = None  # the first long line no rule knows: the text (or a standfirst) starts there
    for index, line in enumerate(lines[:_HEAD_WINDOW]):
        rule = rule_of(index, True) or page.rule(line.text)
        if rule is None and len(line.text) > _HEAD_SHORT:
            text_at = index
            break
        window.append((index, rule))
    top = next((index for index, rule in window if rule == "title"), None)
    if top is None:
        top = max((i for i, rule in window if rule in _ANCHORS or page.rule(lines[i].text)), default=-1)
    cuts: dict[int, str] = {}
    opened = dated = False  # a line of text has been kept; an info (credit or date) line has been cut
    for index, rule in window:
        if opened and dated and rule in (*_DATED, "date_piece"):
            rule = None
        dated = dated or rule in _DATED or rule in _ANCHORS  # a piece ("3.409", "2019") may be a count
        if rule is None and index < top:
            rule = "head_promo"
        if rule is None:
            opened = True
        else:
            cuts[index] = "date_line" if rule == "info_line" else rule
    if text_at is not None and not opened:  # a byline right under a standfirst, the first text: credits
        run = []
        for index in range(text_at + 1, min(len(lines), _HEAD_WINDOW)):
            rule = rule_of(index, True)
            if rule not in _ANCHORS and rule not in _DATED:
                break
            run.append((index, rule))
        if any(rule in _ANCHORS for _, rule in run):
            cuts.update((index, "date_line" if rule == "info_line" else str(rule)) for index, rule in run)
    return cuts


def _tail_cut(lines: list[Line], start: int, end: int) -> int:
    """Index of the first end marker (editor line, statement, copyright) in the last part of the body that
    no more article text follows: a compilation of reprints has an editor line after each of its parts."""
    total = sum(len(line.text) for line in lines[start:end]) or 1
    prose = [index for index in range(start, end) if _prose(lines[index])]
    seen = 0
    for index in range(start, end):
        marker = seen >= _TAIL_SHARE * total and _end_marker(lines[index].text)
        if marker and sum(1 for later in prose if later > index) < _PROSE_AFTER_END:
            return index
        seen += len(lines[index].text)
    return end


_CREDIT_MAX = 160


def _end_marker(text: str) -> bool:
    """An editor line, a statement or copyright, or a whole credit line naming the source or the editors
    (来源:某某在线 作者:佚名 责任编辑:王一): what closes an article's text, in its container or not."""
    if _END_MARKER.search(text):
        return True
    if len(text) > _CREDIT_MAX or not opens_with_label(text) or not is_credit_line(text):
        return False
    found = parse_credits(text)
    return bool(found.source or found.editors)


def _prose(line: Line) -> bool:
    """A paragraph of article text: long, with a sentence end, not link text nor a teaser's cut excerpt."""
    text = line.text
    return (
        len(text) >= _PROSE_CHARS
        and _SENTENCE_END.search(text) is not None
        and not text.endswith(("...", "…"))
        and line.link_ratio < _PROSE_LINKS
    )


def strip_edges(
    lines: list[Line], title: str | None, removed: dict[str, list[str]], page: PageInfo | None = None
) -> tuple[list[str], Credits]:
    """Cut credit/tool/promo lines at both ends and ad-slot labels anywhere (recording them) and return
    paragraphs plus their credits; ``page`` is what the page says about itself (``PageInfo``)."""
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

    head = _head_cuts(lines, rule_of, page or PageInfo())
    for index, name in head.items():
        credits = _take(lines[index], name, removed, credits)
    start = next((index for index in range(end) if index not in head), end)
    cut = _tail_cut(lines, start, end)
    unnamed = False  # a line after the end marker that no rule names (else each is recorded by its rule)
    for index in range(cut, end):
        rule = rule_of(index, False)
        if rule is not None and index not in head:
            credits = _take(lines[index], rule, removed, credits)
        unnamed = unnamed or (rule is None and index not in head)
    if unnamed:
        removed.setdefault("after_end_marker", []).append(" ".join(x.text for x in lines[cut:end])[:200])
    end = cut
    while start < end and (rule := rule_of(start, True)) is not None:  # past the head window
        credits = _take(lines[start], rule, removed, credits)
        start += 1
    while end > start and end - 1 not in head and (rule := rule_of(end - 1, False)) not in (None, "title"):
        credits = _take(lines[end - 1], rule, removed, credits)
        end -= 1
    kept = [line.text for index, line in enumerate(lines[start:end], start) if index not in head]
    return kept, credits
