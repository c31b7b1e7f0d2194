"""Phase 1 of ArticlePage: what the untouched page says (``Evidence``), read before any block is removed."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from crawler.pages import dom, titles, zones
from crawler.pages import meta as md
from crawler.pages import published as pub
from crawler.pages.authors import dom_authors
from crawler.pages.byline import info_lines
from crawler.pages.census import Census
from crawler.pages.dates import crawl_time, search_date, url_date
from crawler.sites import SiteProfile

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z]+")
_SAMPLE_CHARS = 6000
#: Declared languages written with Han characters: their pages' Han text never overrules them.
HAN_LANGS = frozenset({"zh", "ja", "ko"})
#: Han characters in the opening text that overrule a declaration of another language.
HAN_DECISIVE = 50

#: ``ArticlePage._headline``: (meta, JSON-LD) -> (title, the element showing it or None).
Headline = Callable[[dict[str, str], dict[str, Any]], tuple[str | None, Any]]


@dataclass(frozen=True, slots=True)
class Evidence:
    """What phase 1 read on the untouched tree; the later phases only read it."""

    #: <meta> name/property -> content (``meta.metas``).
    meta: dict[str, str]
    #: The page's main JSON-LD object (``meta.jsonld``).
    ld: dict[str, Any]
    #: The headline (``ArticlePage._headline``) and the element showing it (None when not located).
    title: str | None
    title_node: Any
    #: Link share of the whole page's text, before any block is removed (a not-an-article signal).
    link_density: float
    #: Declared language, else guessed from the opening of the page's text, else the profile's.
    lang: str | None
    #: IANA zone for times the page gives without an offset; None when unknown (such times stay naive).
    timezone: str | None
    #: ``fetched_at`` as a datetime.
    crawled: datetime | None
    #: What partial dates resolve against: the URL's date, else a date the page declares, else the crawl time.
    reference: date | datetime | None
    #: Short date/credit lines right after the title (the info line).
    byline: tuple[str, ...]
    #: Names from rel=author / itemprop=author / byline class markup.
    markup_authors: tuple[str, ...]
    #: Names of the site itself (og:site_name, <title> suffixes, host labels): never an author.
    site_names: tuple[str, ...]
    #: ``<time datetime>`` values marked as the publish time, in page order.
    marked_times: tuple[str, ...]
    #: The other ``<time datetime>`` values, in page order.
    other_times: tuple[str, ...]
    #: schema.org types declared by microdata ``itemtype`` (``meta.microdata_types``).
    microdata_types: tuple[str, ...]


def read_evidence(
    root: etree._Element,
    url: str,
    profile: SiteProfile | None,
    fetched_at: str | None,
    census: Census,
    headline: Headline,
) -> Evidence:
    """Read everything the later phases need from the untouched tree (``census``: its survey)."""
    meta, ld = md.metas(root), md.jsonld(root)
    title, node = headline(meta, ld)
    lang, timezone = lang_and_timezone(root, meta, profile, urlsplit(url).hostname)
    crawled = crawl_time(fetched_at)
    names = site_names(root, url, meta, title)
    marked, other = pub.time_elements(root)
    body = root.find("body")
    density = census.table.get(body if body is not None else root, dom.Stats()).link_density
    return Evidence(
        meta=meta,
        ld=ld,
        title=title,
        title_node=node,
        link_density=round(density, 3),
        lang=lang,
        timezone=timezone,
        crawled=crawled,
        reference=url_date(url) or declared_day(meta, ld, timezone) or crawled,
        byline=tuple(info_lines(root, title, node, timezone or "UTC", crawled, census.table)),
        markup_authors=dom_authors(root, names, node, census.marked),
        site_names=names,
        marked_times=tuple(marked),
        other_times=tuple(other),
        microdata_types=md.microdata_types(root),
    )


def declared_day(meta: dict[str, str], ld: dict[str, Any], tz: str | None) -> date | None:
    """The day of the first publish or update date the page declares (JSON-LD, <meta>): the page's own
    evidence of when it was written, which year-less dates ("10-08 12:00") resolve against."""
    values = [ld.get("datePublished"), ld.get("dateModified")]
    values += [meta.get(key) for key in (*md.DATE_KEYS, *md.UPDATE_KEYS)]
    for value in values:
        found = search_date(value, tz) if isinstance(value, str) and value else None
        if found:
            return date.fromisoformat(found.iso[:10])
    return None


class _Sample:
    """The opening of the page's visible text (about 6000 characters), read only when asked for."""

    def __init__(self, root: etree._Element) -> None:
        self._root = root

    @cached_property
    def text(self) -> str:
        body = self._root.find("body")
        return dom.text_sample(body if body is not None else self._root, _SAMPLE_CHARS)

    @cached_property
    def cjk(self) -> int:
        """Han characters in the sample."""
        return len(self.text) - len(_CJK.sub("", self.text))


def lang_and_timezone(
    root: etree._Element, meta: dict[str, str], profile: SiteProfile | None, host: str | None = None
) -> tuple[str | None, str | None]:
    """The page's language and time zone.

    Language: the declared one, unless the page's opening text plainly contradicts it (at least
    ``HAN_DECISIVE`` Han characters, and Han at least 0.3 of the letters, under a declaration of a language
    not written in Han: templates declare ``lang="en"`` on Chinese pages); without a declaration the text's
    (Han share, else Latin letters), else the profile's. Time zone: the profile's, else Asia/Shanghai for a
    Chinese page, else what the declared locale, the language or the host's country domain clearly say
    (``zones.zone_for``), else None: the zone is unknown and times shown without an offset stay naive.
    """
    sample = _Sample(root)
    lang = md.declared_lang(root, meta)
    if not lang:
        lang = _text_lang(sample) or (profile.lang if profile else None)
    elif lang not in HAN_LANGS and sample.cjk >= HAN_DECISIVE and _text_lang(sample) == "zh":
        lang = "zh"
    if profile and profile.timezone:
        return lang, profile.timezone
    if (lang or "").startswith("zh") or (sample.cjk > 50 and lang not in ("ja", "ko")):
        return lang, "Asia/Shanghai"
    declared = (root.get("lang"), meta.get("content-language"), meta.get("og:locale"))
    locale = next((value for value in declared if zones.locale_country(value)), None)
    return lang, zones.zone_for(lang, locale, host)


def _text_lang(sample: _Sample) -> str | None:
    """``zh`` when Han characters are at least 0.3 of the sample's letters, else ``en`` when it has Latin ones."""
    cjk, latin = sample.cjk, len(sample.text) - len(_LATIN.sub("", sample.text))
    if cjk and cjk >= 0.3 * (cjk + latin):
        return "zh"
    return "en" if latin else None


def site_names(
    root: etree._Element, url: str, meta: dict[str, str], headline: str | None = None
) -> tuple[str, ...]:
    """Names of the site itself (og:site_name, <title> suffixes, host labels): never an author.

    A <title> suffix that is part of the ``headline`` (a title the page shows whole, "事迹介绍——许慧莹")
    names no site.
    """
    title = titles.page_title(root)
    suffixes = (
        tuple(s for s in titles.site_names(title) if not headline or s not in headline) if title else ()
    )
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    declared = (meta.get("og:site_name", ""), meta.get("application-name", ""))
    return (*declared, *suffixes, *host.split(".")[:-1])
