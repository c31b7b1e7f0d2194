"""The publish date of one page: which candidate wins, and where it came from (``date_source``).

Order: profile selector and Baidu ids, JSON-LD, <meta>, a marked-up ``<time datetime>``, the info line after
the title (relative forms such as 3小时前 or "2 hours ago" resolved against the crawl time), a labelled date
anywhere in the page (then in a removed toolbar or footer), any ``<time datetime>``, a script value named as
the publish time, the URL, the signing date closing a notice, then the first date in the opening paragraphs.
The info line's date beats a declared one (JSON-LD, <meta>, <time>) of the same day (``_prefer_shown``). Each
value keeps the page's precision: a date alone, a naive time when the zone is unknown (``dates``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from lxml import etree

from crawler.pages.dates import DateMatch, labelled_date, relative_date, search_date, url_date

_CJK = re.compile(r"[\u4e00-\u9fff]")
_TIME_CLASS = re.compile(r"publish|pubdate|pub-date|posted|created|date-?time|entry-date", re.IGNORECASE)
#: The issuing body closing a Chinese notice: a short name ending in an organisation word.
_ISSUER = re.compile(
    r"^[\u4e00-\u9fff（）()·\s]{2,38}(?:政府|办公室|办公厅|委员会|管委会|领导小组|指挥部|局|厅|部|署|院|中心|协会|学会|"
    r"联合会|公司|集团|银行|处|委|办|站|所|队|馆|学校|学院|大学|党委|党组|支部|街道办事处|街道|社区|村委会)$"
)
#: An offset written at the end of a declared time (``Z``, ``+08:00``, ``-0500``).
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)
#: A script value named as the publish time (``"pubtime": "2019-09-07 19:02:26"``, ``publish_time: '...'``).
_SCRIPT_DATE = re.compile(
    r"""\b(?:pub_?time|pub_?date|publish_?time|publish_?date|date_?published|first_?published_?time)"""
    r"""["']?\s*[:=]\s*["']([^"'\n]{8,40})["']""",
    re.IGNORECASE,
)
#: Removed blocks that list other pages or follow the article's end (comments): their dates are not this page's.
_LISTING_RULES = frozenset({"related_reading", "prev_next", "after_end_marker"})
SIGNING_WINDOW = 4
_SIGNING_RESIDUE = 4


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """Exactly what the date step reads of one page (``ArticlePage`` gathers it once the page is cleaned)."""

    url: str
    #: IANA zone for dates given without an offset; None when unknown (such times stay naive).
    timezone: str | None
    #: What partial dates resolve against (the URL's date, else a date the page declares, else the crawl time).
    reference: date | datetime | None
    #: The crawl time: relative dates ("3小时前") in the byline resolve against it.
    crawled: datetime | None
    #: Text of the profile's ``published`` selector on the cleaned page ("" without one).
    selected: str
    #: Text of the ``pubtime_baidu`` element still in the cleaned page ("" without one).
    baidu: str
    #: JSON-LD ``datePublished`` ("" without one).
    jsonld: str
    #: <meta> publish dates, in ``meta.DATE_KEYS`` order.
    meta: tuple[str, ...]
    #: ``<time datetime>`` values marked as the publish time, then the others (``time_elements``).
    marked_times: tuple[str, ...]
    other_times: tuple[str, ...]
    #: The info line after the title.
    byline: tuple[str, ...]
    #: Lines of the cleaned page, read only as far as the labelled-date scan goes.
    lines: Iterable[str]
    #: The body's paragraphs, and its last lines before the edge cuts (a notice's signing date).
    paragraphs: Sequence[str]
    tail: Sequence[str]
    #: Rule name -> text of the blocks cleaning removed (an info line inside a toolbar or a footer).
    removed: Mapping[str, Sequence[str]] = field(default_factory=dict)
    #: Texts of the page's scripts, read only when nothing the page shows gives a date.
    scripts: Iterable[str] = ()


def time_elements(root: etree._Element) -> tuple[list[str], list[str]]:
    """``datetime`` values of <time> elements: (marked as the publish time, any other), in page order."""
    marked: list[str] = []
    other: list[str] = []
    for node in root.iter("time"):
        value = (node.get("datetime") or "").strip()
        if not value:
            continue
        names = f"{node.get('class', '')} {node.get('id', '')}"
        is_marked = (
            node.get("itemprop") == "datePublished"
            or node.get("pubdate") is not None
            or bool(_TIME_CLASS.search(names))
        )
        (marked if is_marked else other).append(value)
    return marked, other


def signing_date(
    paragraphs: Sequence[str], tz: str | None, reference: date | datetime | None = None
) -> DateMatch | None:
    """The date closing a notice right after the issuing body's name ("XX市人民政府办公室 / 2020年9月21日")."""
    tail = paragraphs[-SIGNING_WINDOW:]
    for index in range(len(tail) - 1, -1, -1):
        line = tail[index].strip()
        match = search_date(line, tz, reference, cjk=True)
        if match is None:
            continue
        before, after = line[: match.start].strip(), line[match.start + len(match.raw) :]
        if len(re.sub(r"[\W_]+", "", after)) > _SIGNING_RESIDUE:
            continue
        if _ISSUER.match(before) or (not before and index and _ISSUER.match(tail[index - 1].strip())):
            return match
    return None


def _candidates(page: DateEvidence) -> list[tuple[str, str]]:
    out = [("selector", page.selected), ("selector", page.baidu), ("jsonld", page.jsonld)]
    out += [("meta", value) for value in page.meta]
    out += [("time", value) for value in page.marked_times[:1]]
    out.append(("byline", "\n".join(page.byline)))
    return [(source, raw) for source, raw in out if raw]


def _local_day(iso: str, tz: str | None) -> date:
    """The calendar day of an ISO value, read in the page's zone when it has an offset and the zone is known."""
    value = datetime.fromisoformat(iso)
    return (value.astimezone(ZoneInfo(tz)) if tz and value.tzinfo else value).date()


def _zoned_time(match: DateMatch) -> bool:
    """True for a time of day other than midnight with an explicit offset: a deliberate, precise declaration
    that a line showing the day alone does not overrule (a zone-less CMS time or a midnight does not hold)."""
    value = datetime.fromisoformat(match.iso)
    return bool(_OFFSET.search(match.raw)) and "T" in match.iso and value.time() != datetime.min.time()


def _prefer_shown(page: DateEvidence, match: DateMatch, source: str) -> tuple[DateMatch, str]:
    """The date the info line shows beats a declared one (meta, JSON-LD, <time>) of the same day: the page
    shows the publish time, declarations often carry the update time, a UTC time or a midnight. A line
    showing the day alone gives way to a declared time with an offset (``_zoned_time``)."""
    if source not in ("meta", "jsonld", "time") or not page.byline:
        return match, source
    text = "\n".join(page.byline)
    line = search_date(text, page.timezone, page.reference, cjk=bool(_CJK.search(text)))
    same_day = line is not None and _local_day(line.iso, page.timezone) == _local_day(
        match.iso, page.timezone
    )
    if line is not None and same_day and ("T" in line.iso or not _zoned_time(match)):
        return _declared_zone(line, match), "byline"
    return match, source


def _declared_zone(line: DateMatch, declared: DateMatch) -> DateMatch:
    """A time the page shows without a zone, given the offset of the declared time when that tells the page's
    zone: an offset other than UTC, or UTC with the same time of day as shown (a UTC offset alone is often
    a server's normalisation, not the page's zone)."""
    shown = datetime.fromisoformat(line.iso)
    if "T" not in line.iso or shown.tzinfo is not None or not _OFFSET.search(declared.raw):
        return line
    given = datetime.fromisoformat(declared.iso)
    offset = given.utcoffset()
    if offset is None or (offset == timedelta(0) and given.strftime("%H:%M") != shown.strftime("%H:%M")):
        return line
    return line._replace(iso=shown.replace(tzinfo=given.tzinfo).isoformat())


def _labelled(page: DateEvidence) -> DateMatch | None:
    """A date after a publish label anywhere in the cleaned page (blog and forum post footers)."""
    for text in page.lines:
        if len(text) <= 120:
            match = labelled_date(text, page.timezone, page.reference, cjk=bool(_CJK.search(text)))
            if match:
                return match
    return None


def _removed_labelled(page: DateEvidence) -> DateMatch | None:
    """A date after a publish label in a block cleaning removed (an info line kept in a toolbar or footer)."""
    for rule, texts in page.removed.items():
        if rule in _LISTING_RULES:
            continue
        for text in texts:
            match = labelled_date(text, page.timezone, page.reference, cjk=bool(_CJK.search(text)))
            if match:
                return match
    return None


def _script_date(page: DateEvidence) -> DateMatch | None:
    """The first date a script gives under a publish-time name (pages that render their info line by script)."""
    for text in page.scripts:
        for found in _SCRIPT_DATE.finditer(text):
            match = search_date(found.group(1), page.timezone, page.reference)
            if match:
                return match
    return None


def published(page: DateEvidence) -> tuple[DateMatch | None, str | None]:
    """The publish date and its source name (see the module docstring for the order)."""
    tz, ref = page.timezone, page.reference
    for source, raw in _candidates(page):
        match = search_date(raw, tz, ref, cjk=bool(_CJK.search(raw)) or tz == "Asia/Shanghai")
        if match is None and source == "byline" and page.crawled is not None:
            match = relative_date(raw, page.crawled, tz)
            source = "relative" if match else source
        if match:
            return _prefer_shown(page, match, source)
    match = _labelled(page) or _removed_labelled(page)
    if match:
        return match, "labelled"
    for raw in page.other_times[:1]:
        match = search_date(raw, tz, ref)
        if match:
            return match, "time"
    match = _script_date(page)
    if match:
        return match, "script"
    found = url_date(page.url)
    if found:
        return DateMatch(found.isoformat(), found.isoformat(), 0), "url"
    match = signing_date(page.tail, tz, ref)
    if match:
        return match, "signing"
    text = "\n".join(page.paragraphs[:3])
    match = search_date(text, tz, ref, cjk=True) if text else None
    return (match, "text") if match else (None, None)
