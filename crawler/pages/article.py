"""ArticlePage: turns one fetched HTML page into Article fields (see crawler/items.py).

Order per field: profile selectors, Baidu-News ids, metadata/JSON-LD, the byline near the title, then
generic detection. Subclasses in ``crawler/pages/sites/`` override single ``_field`` methods.
"""

from __future__ import annotations

import codecs
import gc
import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from crawler.pages import blocks as blk
from crawler.pages import content, dom, textlines, titles
from crawler.pages import meta as md
from crawler.pages import published as pub
from crawler.pages.authors import byline_names, clean_byline, dom_authors, meta_authors, plausible_name
from crawler.pages.byline import info_lines, trailing_credit_lines
from crawler.pages.census import Census, survey
from crawler.pages.credits import (
    Credits,
    closing_names,
    is_credit_line,
    normalize_names,
    parse_credits,
    poster,
)
from crawler.pages.dates import DateMatch, crawl_time, url_date
from crawler.pages.decode import decode_html
from crawler.pages.edges import strip_edges
from crawler.pages.related import related_items
from crawler.pages.titles import find_title
from crawler.sites import SiteProfile

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z]+")
_CMS_ID = re.compile(r"^[A-Za-z]{0,4}[_-]?\d{3,}$|^https?://|www\.|\.com|\.cn")
_SAMPLE_CHARS = 6000
_AUTHOR_LABEL = re.compile(r"(?:^|\s)作者\s*[:：]")


@lru_cache(maxsize=4096)
def _named(names: str | None, ident: str | None) -> bool:
    """Class/id names by which the block finder, the author scan or the Baidu-News fields may take an element
    (``census.survey``)."""
    return (
        blk.names_rule(names, ident)
        or byline_names(names, ident)
        or (ident is not None and ident.endswith("_baidu"))
    )


class ArticlePage:
    """Extraction for one page. Override ``_title``, ``_body`` ... in a site subclass to change one field."""

    def __init__(
        self,
        url: str,
        html: bytes | str,
        profile: SiteProfile | None = None,
        *,
        declared_encoding: str | None = None,
        fetched_at: str | None = None,
        root: etree._Element | None = None,
    ) -> None:
        self.url, self.profile, self.fetched_at = url, profile, fetched_at
        self.encoding: str | None = None
        utf8 = None
        if isinstance(html, bytes):
            decoded = decode_html(html, declared_encoding)
            if html.isascii() or (
                decoded.encoding == "utf-8"
                and not decoded.replacements
                and not html.startswith(codecs.BOM_UTF8)
            ):
                utf8 = html  # the text's own UTF-8 encoding: parsed as it is
            html, self.encoding = decoded.text, decoded.encoding
        # ``root``: dom.parse(html), done by the caller
        self.root = dom.parse(html, utf8) if root is None else root
        self.removed: dict[str, list[str]] = {}
        self.body_tail: list[str] = []  # last body lines before edge cutting (a notice's signing date)

    # -- shared state -------------------------------------------------------------------------------
    @cached_property
    def meta(self) -> dict[str, str]:
        return md.metas(self.root)

    @cached_property
    def ld(self) -> dict[str, Any]:
        return md.jsonld(self.root)

    @cached_property
    def title_info(self) -> tuple[str | None, Any]:
        selected = self._selected("title")
        return (selected, None) if selected else find_title(self.root, self.meta, self.ld)

    @cached_property
    def census(self) -> Census:
        """One walk over the untouched tree: statistics, heading-word holders, elements named in markup."""
        return survey(self.root, blk.hint, blk.STRUCTURAL, _named)

    @cached_property
    def page_stats(self) -> dict[etree._Element, dom.Stats]:
        return self.census.table

    @cached_property
    def page_link_density(self) -> float:
        """Link share of the whole page's text, before any block is removed (a not-an-article signal)."""
        body = self.root.find("body")
        return round(
            self.page_stats.get(body if body is not None else self.root, dom.Stats()).link_density, 3
        )

    @cached_property
    def page_text_sample(self) -> str:
        """The opening of the page's visible text (about 6000 characters), for language and time zone."""
        body = self.root.find("body")
        return dom.text_sample(body if body is not None else self.root, _SAMPLE_CHARS)

    @cached_property
    def sample_cjk(self) -> int:
        """Han characters in the text sample."""
        sample = self.page_text_sample
        return len(sample) - len(_CJK.sub("", sample))

    @cached_property
    def lang(self) -> str | None:
        declared = md.declared_lang(self.root, self.meta)
        if declared:
            return declared
        sample = self.page_text_sample
        cjk, latin = self.sample_cjk, len(sample) - len(_LATIN.sub("", sample))
        if cjk and cjk >= 0.3 * (cjk + latin):
            return "zh"
        if latin:
            return "en"
        return self.profile.lang if self.profile else None

    @cached_property
    def timezone(self) -> str:
        if self.profile and self.profile.timezone:
            return self.profile.timezone
        chinese = (self.lang or "").startswith("zh") or self.sample_cjk > 50
        return "Asia/Shanghai" if chinese else "UTC"

    @cached_property
    def reference(self) -> date | datetime | None:
        return url_date(self.url) or self.crawled

    def _selected(self, name: str) -> str | None:
        selector = self.profile.selectors.get(name) if self.profile else None
        nodes = dom.select(self.root, selector) if selector else []
        text = textlines.text_of(nodes) if nodes else ""
        return dom.clean_space(text) or None

    @cached_property
    def _baidu_ids(self) -> list[etree._Element]:
        """Elements with a Baidu-News id (``source_baidu``, ``author_baidu`` ...), from the census."""
        return [node for node, _, _, ident, _, _ in self.census.marked if ident and ident.endswith("_baidu")]

    def _baidu(self, name: str) -> str | None:
        wanted = f"{name}_baidu"
        root = self.root
        nodes = [  # still in the page: a removed block takes its Baidu ids with it
            node
            for node in self._baidu_ids
            if node.get("id") == wanted and (node is root or any(a is root for a in node.iterancestors()))
        ]
        return dom.clean_space(textlines.text_of(nodes)) or None if nodes else None

    # -- byline -------------------------------------------------------------------------------------
    @cached_property
    def byline(self) -> list[str]:
        """Short date/credit lines right after the title (the info line)."""
        headline, node = self.title_info
        return info_lines(self.root, headline, node, self.timezone, self.crawled, self.page_stats)

    @cached_property
    def byline_credits(self) -> Credits:
        found = Credits()
        for text in self.byline:
            found = found.merged(parse_credits(text))
        return found

    @cached_property
    def markup_authors(self) -> tuple[str, ...]:
        """Names from rel=author / itemprop=author / byline class markup, read on the untouched tree."""
        return dom_authors(self.root, self.site_names, self.title_info[1], self.census.marked)

    # -- body ---------------------------------------------------------------------------------------
    @cached_property
    def related_and_body(self) -> tuple[list[dict[str, Any]], list[str], Credits]:
        self.page_link_density  # noqa: B018 - read on the untouched tree
        self.byline  # noqa: B018 - read before the tree is cleaned
        self.markup_authors  # noqa: B018 - read before the tree is cleaned
        self.title_info  # noqa: B018
        self.time_dates  # noqa: B018
        found = blk.find_blocks(self.root, self.page_stats, self.census)
        related_nodes = [n for b in found if b.rule == "related_reading" for n in b.nodes]
        if self.profile:
            for selector in (*self.profile.related_selectors,):
                related_nodes.extend(dom.select(self.root, selector))
            for selector in self.profile.drop_selectors:
                found.append(blk.Block("profile", dom.select(self.root, selector)))
        related = related_items(related_nodes, self.url, self.timezone, self.reference, self.page_stats)
        blk.remove_blocks(found, self.removed, self.page_stats)  # page_stats now describe the cleaned tree
        paragraphs, credits = self._paragraphs()
        return related, paragraphs, credits

    def _paragraphs(self) -> tuple[list[str], Credits]:
        selector = self.profile.selectors.get("body") if self.profile else None
        nodes = dom.select(self.root, selector) if selector else []
        table = self.page_stats
        if not nodes:
            nodes = content.main_nodes(self.root, table)
        found = content.body_lines(nodes, table)
        article_body = self.ld.get("articleBody")
        detected = sum(len(line.text) for line in found)
        if not selector and isinstance(article_body, str) and len(article_body) >= max(300, 0.6 * detected):
            found = [textlines.Line(dom.clean_space(p)) for p in article_body.splitlines() if p.strip()]
        title, _ = self.title_info
        self.body_tail = [line.text for line in found[-pub.SIGNING_WINDOW :]]
        paragraphs, credits = strip_edges(found, title, self.removed)
        return paragraphs, credits.merged(self._trailing_credits(nodes[-1] if nodes else None))

    def _trailing_credits(self, last: Any) -> Credits:
        """Credit lines in the few elements right after the body container (layout A)."""
        found = Credits()
        for text in trailing_credit_lines(last, shown=self.page_stats):
            found = found.merged(parse_credits(text))
            self.removed.setdefault("credit_line", []).append(text[:200])
        return found

    # -- fields -------------------------------------------------------------------------------------
    @cached_property
    def credits(self) -> Credits:
        picked = Credits(
            source=self._selected("source") or self._baidu("source"),
            authors=normalize_names(self._selected("authors") or self._baidu("author") or ""),
            editors=normalize_names(self._selected("editors") or self._baidu("editor") or ""),
        )
        if picked.source:
            picked = Credits(
                parse_credits("来源：" + picked.source).source or picked.source,
                picked.authors,
                picked.editors,
            )
        names = self.site_names
        ld_authors = tuple(
            n
            for a in md.jsonld_names(self.ld.get("author"))
            for n in clean_byline(a)
            if plausible_name(n, names)
        )
        merged = picked.merged(Credits(authors=ld_authors)).merged(self.byline_credits)
        merged = merged.merged(self.related_and_body[2])
        merged = merged.merged(Credits(authors=meta_authors(self.meta, names)))
        merged = merged.merged(Credits(authors=self.markup_authors))
        paragraphs = self.related_and_body[1]
        if not merged.authors and paragraphs:
            merged = merged.merged(Credits(authors=closing_names(paragraphs[-1])))
        if not merged.authors:  # last resort, read only when needed: it scans the whole cleaned page
            merged = merged.merged(Credits(authors=self.page_credits.authors))
        if not merged.source and self.meta.get("source"):
            merged = merged.merged(Credits(source=parse_credits("来源：" + self.meta["source"]).source))
        views = self._selected("view_count")
        if views and merged.view_count is None:
            merged = merged.merged(Credits(view_count=parse_credits(views).view_count))
        return merged

    @cached_property
    def site_names(self) -> tuple[str, ...]:
        """Names of the site itself (og:site_name, <title> suffixes, host labels): never an author."""
        head = self.root.find(".//title")
        suffixes = titles.site_names(dom.text_content(head)) if head is not None else ()
        host = (urlsplit(self.url).hostname or "").removeprefix("www.")
        declared = (self.meta.get("og:site_name", ""), self.meta.get("application-name", ""))
        return (*declared, *suffixes, *host.split(".")[:-1])

    @cached_property
    def published(self) -> tuple[DateMatch | None, str | None]:
        return pub.published(self)

    @cached_property
    def time_dates(self) -> tuple[list[str], list[str]]:
        """<time datetime> values (marked publish times, others), read on the untouched tree."""
        return pub.time_elements(self.root)

    @cached_property
    def crawled(self) -> datetime | None:
        return crawl_time(self.fetched_at)

    @cached_property
    def page_lines(self) -> Iterable[str]:
        """Lines of the page after related, comment and boilerplate blocks were removed.

        Read as far as a reader goes (the scans below stop at their first match) and remembered.
        """
        self.related_and_body  # noqa: B018 - the tree is cleaned there
        body = self.root.find("body")
        page = textlines.iter_lines(body if body is not None else self.root, shown=self.page_stats)
        return dom.Replayable(line.text for line in page)

    @cached_property
    def page_credits(self) -> Credits:
        """The first credit line naming an author anywhere in the cleaned page (last resort)."""
        for text in self.page_lines:
            labelled = len(text) <= 100 and _AUTHOR_LABEL.search(text)
            if is_credit_line(text) or labelled:
                found = parse_credits(text)
                if found.authors:
                    return found
            names = poster(text) if len(text) <= 100 else ()
            if names:
                return Credits(authors=names)
        return Credits()

    def to_dict(self) -> dict[str, Any]:
        """All extracted fields, keyed as in the public contract of ``crawler.pages.extract``."""
        related, paragraphs, _ = self.related_and_body
        credits = self.credits
        found, date_source = self.published
        iso = found.iso if found else None
        title, _ = self.title_info
        body = "\n\n".join(paragraphs)
        return {
            "url": self.url,
            "canonical_url": md.canonical(self.root, self.meta, self.url),
            "site": self.profile.name if self.profile else urlsplit(self.url).hostname,
            "title": title,
            "published_at": iso,
            "published_raw": found.raw if found else None,
            "date_source": date_source,
            "authors": list(credits.authors),
            "source": credits.source,
            "editors": list(credits.editors),
            "view_count": credits.view_count,
            "lang": self.lang,
            "body": body,
            "related": related,
            "fetched_at": self.fetched_at,
            "removed": self.removed,
            "encoding": self.encoding,
            "signals": {
                "og_type": self.meta.get("og:type"),
                "jsonld_type": md.jsonld_type(self.ld),
                "body_chars": len(body),
                "paragraphs": len(paragraphs),
                "link_density": self.page_link_density,
                "has_byline": bool(self.byline),
            },
        }


def extract(
    html: bytes | str,
    url: str,
    profile: SiteProfile | None = None,
    *,
    declared_encoding: str | None = None,
    fetched_at: str | None = None,
    root: etree._Element | None = None,
) -> dict[str, Any]:
    """Extract Article fields from one page (see ArticlePage); ``root``: the page already parsed by dom.parse.

    The cyclic garbage collector is paused meanwhile (and resumed if it was running): a page makes some
    thousands of short-lived objects (element proxies, statistics, attribute tuples) that reference counting
    frees, and without the pause the collector would scan them several times per page. Nothing on this path
    makes reference cycles of any size (``census.survey`` breaks its walker's own).
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        page = ArticlePage(
            url, html, profile, declared_encoding=declared_encoding, fetched_at=fetched_at, root=root
        )
        return page.to_dict()
    finally:
        if paused:
            gc.enable()
