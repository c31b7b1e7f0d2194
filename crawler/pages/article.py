"""ArticlePage: turns one fetched HTML page into Article fields (see crawler/items.py), in three phases.

Order per field: profile selectors, Baidu-News ids, metadata/JSON-LD, the byline near the title, then
generic detection. Site subclasses in ``crawler/pages/sites/`` override single field hooks.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from functools import cached_property, lru_cache
from itertools import islice
from typing import Any, ClassVar
from urllib.parse import urlsplit

from lxml import etree

from crawler.cleaning.credits import Credits, normalize_names, parse_all, parse_credits
from crawler.cleaning.infoline import dateline_authors, info_credits, segment_credits
from crawler.cleaning.pagecredits import (
    closing_names,
    editor_runs,
    first_author_line,
    first_editor_line,
)
from crawler.pages import blocks as blk
from crawler.pages import dom, textlines
from crawler.pages import meta as md
from crawler.pages import published as pub
from crawler.pages.authors import byline_names, clean_byline, meta_authors, plausible_name
from crawler.pages.blocktokens import STRUCTURAL, names_rule
from crawler.pages.byline import lines_after_title
from crawler.pages.census import Census, survey
from crawler.pages.cleanup import Cleaned, clean
from crawler.pages.dates import DateMatch
from crawler.pages.decode import decode_html
from crawler.pages.evidence import Evidence, read_evidence
from crawler.pages.titles import find_title
from crawler.sites import SiteProfile

_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Paragraphs at the opening of the text where a dateline's reporters are looked for.
_DATELINE_PARAGRAPHS = 8
#: Lines of the cleaned page read to find the line showing the headline (it stands near the top).
_HEADLINE_LINES = 150
#: The body's opening paragraphs: an info-line candidate among them is the text's own line (a subtitle).
_TEXT_HEAD = 3


@lru_cache(maxsize=4096)
def _named(names: str | None, ident: str | None) -> bool:
    """Class/id names by which the block finder, the author scan or the Baidu-News fields may take an element
    (``census.survey``)."""
    return (
        names_rule(names, ident)
        or byline_names(names, ident)
        or (ident is not None and ident.endswith("_baidu"))
    )


class ArticlePage:
    """Extraction for one page, in three phases that each run once, in order, when first needed.

    1. ``evidence`` (``crawler.pages.evidence.Evidence``) reads the untouched tree: <meta>, JSON-LD, the
       headline, link density, language and time zone, the info line after the title, author markup,
       ``<time datetime>`` values; ``census`` surveys the tree for the block finders. Nothing is changed.
    2. ``cleaned`` (``Cleaned``) removes boilerplate blocks (related reading, widgets, comments, navigation,
       the profile's ``drop_selectors``), keeping the related links they held, then finds the body and cuts
       its edges (datelines, credit lines). ``removed`` is complete afterwards; the tree and ``census.table``
       describe the cleaned page and change no more.
    3. The field hooks derive the fields from the two, and may read the cleaned tree (``self.cleaned.root``),
       in any order: none changes the tree or depends on another having run.

    A site subclass (``crawler/pages/sites/<name>.py``, one per module, named by the profile's ``page`` key)
    overrides only the hooks in ``FIELD_HOOKS``, each changing one field:

      _headline(meta, ld)  phase 1, untouched tree: (title, the element showing it or None); the info line
                           and the body's edge cuts are found from it. Default: the profile's ``title``
                           selector, else ``titles.find_title``.
      _title()             ``title``. Default: the headline.
      _body()              ``body`` as a list of paragraphs. Default: the cleaned body.
      _related()           ``related``. Default: the items of the removed related-reading blocks and of the
                           profile's ``links.related`` selectors.
      _published()         (``DateMatch`` or None, ``date_source`` or None). Default: ``published.published``.
      _source(), _authors(), _editors(), _view_count()
                           one each. Default: ``credits`` (selectors, Baidu ids, JSON-LD, byline, edges, ...).
      _canonical_url()     ``canonical_url``. Default: rel=canonical, else og:url.

    ``_headline`` reads ``self.root`` (untouched) and its arguments, never ``self.evidence`` (being built).
    The others may read ``self.url``, ``self.profile``, ``self.evidence``, ``self.cleaned``, ``self.credits``
    and ``self.select(selector)`` (on the cleaned tree), and call the base hook with ``super()``.
    """

    FIELD_HOOKS: ClassVar[frozenset[str]] = frozenset(
        {
            "_headline",
            "_title",
            "_body",
            "_related",
            "_published",
            "_source",
            "_authors",
            "_editors",
            "_view_count",
            "_canonical_url",
        }
    )

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
        self._html = html  # the page's text: an editor line the cleaner removed is read from it
        # ``root``: dom.parse(html), done by the caller
        self.root = dom.parse(html, utf8) if root is None else root

    # -- phase 1: the untouched tree ----------------------------------------------------------------
    @cached_property
    def census(self) -> Census:
        """One walk over the untouched tree: statistics, heading-word holders, elements named in markup
        (phase 2 updates ``table`` to the cleaned tree)."""
        return survey(self.root, blk.hint, STRUCTURAL, _named)

    @cached_property
    def evidence(self) -> Evidence:
        """Phase 1: what the untouched tree says."""
        return read_evidence(self.root, self.url, self.profile, self.fetched_at, self.census, self._headline)

    def _headline(self, meta: dict[str, str], ld: dict[str, Any]) -> tuple[str | None, Any]:
        selected = self._selected("title", self.root)
        return (selected, None) if selected else find_title(self.root, meta, ld, self.census.table)

    # -- phase 2: cleaning --------------------------------------------------------------------------
    @cached_property
    def cleaned(self) -> Cleaned:
        """Phase 2: drop the boilerplate blocks, then find the body and cut its edges."""
        return clean(self.root, self.census, self.evidence, self.url, self.profile)

    # -- phase 3: fields ----------------------------------------------------------------------------
    def select(self, selector: str) -> list[etree._Element]:
        """Elements of the cleaned tree matching a CSS selector (XPath when it starts with ``/`` or ``(``)."""
        return dom.select(self.cleaned.root, selector)

    def _selected(self, name: str, root: etree._Element) -> str | None:
        """Text of the profile's selector for field ``name`` in ``root``, spaces collapsed; None without."""
        selector = self.profile.selectors.get(name) if self.profile else None
        nodes = dom.select(root, selector) if selector else []
        text = textlines.text_of(nodes) if nodes else ""
        return dom.clean_space(text) or None

    @cached_property
    def _baidu_ids(self) -> list[etree._Element]:
        """Elements with a Baidu-News id (``source_baidu``, ``author_baidu`` ...), from the census."""
        return [node for node, _, _, ident, _, _ in self.census.marked if ident and ident.endswith("_baidu")]

    def _baidu(self, name: str) -> str | None:
        """Text of the ``<name>_baidu`` elements still in the cleaned tree (a removed block took its own)."""
        wanted, root = f"{name}_baidu", self.cleaned.root
        nodes = [
            node
            for node in self._baidu_ids
            if node.get("id") == wanted and (node is root or any(a is root for a in node.iterancestors()))
        ]
        return dom.clean_space(textlines.text_of(nodes)) or None if nodes else None

    @cached_property
    def credits(self) -> Credits:
        """Source, authors, editors and view count, merged in order of trust (see the module docstring)."""
        evidence, cleaned = self.evidence, self.cleaned
        picked = Credits(
            source=self._selected("source", cleaned.root) or self._baidu("source"),
            authors=normalize_names(self._selected("authors", cleaned.root) or self._baidu("author") or ""),
            editors=normalize_names(self._selected("editors", cleaned.root) or self._baidu("editor") or ""),
        )
        if picked.source:
            source = parse_credits("来源：" + picked.source).source or picked.source
            picked = Credits(source, picked.authors, picked.editors)
        names, meta = evidence.site_names, evidence.meta
        ld_authors = tuple(
            n
            for a in md.jsonld_names(evidence.ld.get("author"))
            for n in clean_byline(a)
            if plausible_name(n, names)
        )
        chinese = evidence.timezone == "Asia/Shanghai"
        # on a Chinese page, a Latin JSON-LD author gives way to a Chinese byline (a CMS account, an English
        # desk name)
        latin_ld = chinese and not any(_HAN.search(name) for name in ld_authors)
        merged = picked.merged(Credits(authors=() if latin_ld else ld_authors))
        merged = merged.merged(parse_all(evidence.byline)).merged(segment_credits(evidence.byline))
        merged = merged.merged(cleaned.credits).merged(Credits(authors=ld_authors))
        # the dateline opening the text (after captions and a standfirst) adds its reporters to a byline's
        opening = (dateline_authors(p) for p in cleaned.paragraphs[:_DATELINE_PARAGRAPHS])
        reporters = next((a for a in opening if a), ())
        if reporters:
            authors = merged.authors + tuple(a for a in reporters if a not in merged.authors)
            merged = Credits(merged.source, authors, merged.editors, merged.view_count)
        merged = merged.merged(Credits(authors=meta_authors(meta, names, handles=chinese)))
        merged = merged.merged(Credits(authors=evidence.markup_authors))
        if not merged.authors and cleaned.paragraphs:
            merged = merged.merged(Credits(authors=closing_names(cleaned.paragraphs[-1])))
        if not merged.authors:  # last resort, read only when needed: it scans the whole cleaned page
            merged = merged.merged(Credits(authors=first_author_line(self.page_lines).authors))
        if not merged.authors and chinese and evidence.title:  # a dateline under the headline: the body
            top = islice(self.page_lines, _HEADLINE_LINES)  # missed the text (lines read above, replayed)
            below = lines_after_title(top, evidence.title, _DATELINE_PARAGRAPHS)
            merged = merged.merged(Credits(authors=next((a for a in map(dateline_authors, below) if a), ())))
        if not merged.editors:  # read only when needed, as far as the first editor line
            merged = merged.merged(Credits(editors=first_editor_line(self.page_lines)))
        if not merged.editors and evidence.timezone == "Asia/Shanghai":  # in a block the cleaner removed
            merged = merged.merged(Credits(editors=first_editor_line(editor_runs(self._html))))
        if not merged.source and meta.get("source"):
            merged = merged.merged(Credits(source=parse_credits("来源：" + meta["source"]).source))
        if not merged.source and chinese:  # a Chinese page's info line
            text = set(
                cleaned.paragraphs[:_TEXT_HEAD]
            )  # a line the body keeps is the text's, not the info line's
            info = [line for line in evidence.byline if line not in text]
            merged = merged.merged(info_credits(info, merged.authors, evidence.title or ""))
        if merged.source and merged.source in merged.authors:  # the outlet or account is no author
            merged = Credits(merged.source, (), merged.editors, merged.view_count).merged(
                Credits(authors=tuple(a for a in merged.authors if a != merged.source))
            )
        if picked.editors:  # the profile's selector names them all
            merged = Credits(merged.source, merged.authors, picked.editors, merged.view_count)
        views = self._selected("view_count", cleaned.root)
        if views and merged.view_count is None:
            merged = merged.merged(Credits(view_count=parse_credits(views).view_count))
        return merged

    @cached_property
    def page_lines(self) -> Iterable[str]:
        """Lines of the cleaned page, read as far as a reader goes (the scans stop at their first match)."""
        cleaned = self.cleaned
        body = cleaned.root.find("body")
        page = textlines.iter_lines(body if body is not None else cleaned.root, shown=cleaned.table)
        return dom.Replayable(line.text for line in page)

    def date_evidence(self) -> pub.DateEvidence:
        """What the date step reads, gathered from the evidence and the cleaned page."""
        evidence, cleaned = self.evidence, self.cleaned
        return pub.DateEvidence(
            url=self.url,
            timezone=evidence.timezone,
            reference=evidence.reference,
            crawled=evidence.crawled,
            selected=self._selected("published", cleaned.root) or "",
            baidu=self._baidu("pubtime") or "",
            jsonld=str(evidence.ld.get("datePublished") or ""),
            meta=tuple(evidence.meta[key] for key in md.DATE_KEYS if key in evidence.meta),
            marked_times=evidence.marked_times,
            other_times=evidence.other_times,
            byline=evidence.byline,
            lines=self.page_lines,
            paragraphs=cleaned.paragraphs,
            tail=cleaned.tail,
            removed=cleaned.removed,
            scripts=(node.text or "" for node in cleaned.root.iter("script")),
        )

    def _title(self) -> str | None:
        return self.evidence.title

    def _body(self) -> list[str]:
        return self.cleaned.paragraphs

    def _related(self) -> list[dict[str, Any]]:
        return self.cleaned.related

    def _published(self) -> tuple[DateMatch | None, str | None]:
        return pub.published(self.date_evidence())

    def _source(self) -> str | None:
        return self.credits.source

    def _authors(self) -> tuple[str, ...]:
        return self.credits.authors

    def _editors(self) -> tuple[str, ...]:
        return self.credits.editors

    def _view_count(self) -> int | None:
        return self.credits.view_count

    def _canonical_url(self) -> str | None:
        return md.canonical(self.cleaned.root, self.evidence.meta, self.url)

    def to_dict(self) -> dict[str, Any]:
        """All extracted fields, keyed as in the public contract of ``crawler.pages.extract``."""
        evidence = self.evidence
        found, date_source = self._published()
        paragraphs = self._body()
        body = "\n\n".join(paragraphs)
        return {
            "url": self.url,
            "canonical_url": self._canonical_url(),
            "site": self.profile.name if self.profile else urlsplit(self.url).hostname,
            "title": self._title(),
            "published_at": found.iso if found else None,
            "published_raw": found.raw if found else None,
            "date_source": date_source,
            "authors": list(self._authors()),
            "source": self._source(),
            "editors": list(self._editors()),
            "view_count": self._view_count(),
            "lang": evidence.lang,
            "body": body,
            "related": self._related(),
            "fetched_at": self.fetched_at,
            "removed": self.cleaned.removed,
            "encoding": self.encoding,
            "signals": {
                "og_type": evidence.meta.get("og:type"),
                "jsonld_type": md.jsonld_type(evidence.ld),
                "body_chars": len(body),
                "paragraphs": len(paragraphs),
                "link_density": evidence.link_density,
                "has_byline": bool(evidence.byline),
                "dated": found is not None,
                "microdata_type": " ".join(evidence.microdata_types) or None,
                "teaser_items": self.cleaned.teasers.items,
                "teaser_share": self.cleaned.teasers.share,
                "body_link_share": self.cleaned.link_share,
            },
        }
