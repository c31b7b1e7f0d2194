"""Phase 2 of ArticlePage: drop the boilerplate blocks from the tree, then find the body and cut its edges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from crawler.cleaning.credits import Credits, parse_credits
from crawler.pages import blocks as blk
from crawler.pages import content, dom, textlines
from crawler.pages.byline import trailing_credit_lines
from crawler.pages.census import Census
from crawler.pages.edges import PageInfo, strip_edges
from crawler.pages.evidence import Evidence
from crawler.pages.headlines import headlines, lead
from crawler.pages.published import SIGNING_WINDOW
from crawler.pages.related import related_items
from crawler.pages.teasers import Teasers, teasers
from crawler.pages.titles import page_title
from crawler.sites import SiteProfile


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What phase 2 leaves: the cleaned tree, related links read before the cleaning, and the body."""

    #: The tree without the removed blocks (the same element as ``ArticlePage.root``).
    root: etree._Element
    #: ``census.table``, updated to describe the cleaned tree.
    table: dict[etree._Element, dom.Stats]
    related: list[dict[str, Any]]
    paragraphs: list[str]
    #: Credit lines cut from the body's edges and found right after it.
    credits: Credits
    #: The body's last lines before the edge cuts (a notice's signing date).
    tail: tuple[str, ...]
    #: Rule name -> snippets of what was removed.
    removed: dict[str, list[str]]
    #: The largest run of teaser items in the body region (a list page's evidence).
    teasers: Teasers
    #: The share of the body lines' characters (before the edge cuts) that is link text.
    link_share: float


def clean(
    root: etree._Element,
    census: Census,
    evidence: Evidence,
    url: str,
    profile: SiteProfile | None,
) -> Cleaned:
    """Remove the blocks ``blocks.find_blocks`` and the profile's ``drop_selectors`` find, keeping the related
    links they hold; then find the body and cut its edges. What goes is recorded in ``removed`` by rule."""
    removed: dict[str, list[str]] = {}
    table = census.table
    title = page_title(root)
    headings = headlines(root, table, title)
    found = blk.find_blocks(root, table, census, headings)
    related_nodes = [n for b in found if b.rule == "related_reading" for n in b.nodes]
    if profile:
        for selector in profile.related_selectors:
            related_nodes.extend(dom.select(root, selector))
        for selector in profile.drop_selectors:
            found.append(blk.Block("profile", dom.select(root, selector)))
    related = related_items(related_nodes, url, evidence.timezone, evidence.reference, table)
    blk.remove_blocks(found, removed, table)  # the table now describes the cleaned tree
    nodes, lines = _body_lines(root, table, profile, evidence.ld, lead(headings, table, title))
    lines = _without_keywords(_without_summary(lines, removed), evidence.meta.get("keywords"), removed)
    tail = tuple(line.text for line in lines[-SIGNING_WINDOW:])
    paragraphs, credits = strip_edges(
        _joined_title(lines, evidence.title), evidence.title, removed, _page_info(evidence)
    )
    credits = credits.merged(_trailing_credits(nodes[-1] if nodes else None, table, removed))
    found_teasers = teasers(nodes, table, url)
    shown = sum(len(line.text.replace(" ", "")) for line in lines)
    link_share = round(sum(line.link_chars for line in lines) / shown, 3) if shown else 0.0
    return Cleaned(root, table, related, paragraphs, credits, tail, removed, found_teasers, link_share)


#: What separates the items of a keyword list (in <meta name="keywords"> and on the page).
_KEYWORD_GAP = re.compile(r"\s*[,，;；|、/]\s*")


def _without_keywords(
    lines: list[textlines.Line], keywords: str | None, removed: dict[str, list[str]]
) -> list[textlines.Line]:
    """The lines less those that only list two or more of the page's ``<meta name="keywords">`` (its tags
    shown as a line: what the page itself says is a keyword list is no paragraph), recorded as ``tag_list``."""
    items = set(_KEYWORD_GAP.split(keywords.strip().casefold())) - {""} if keywords else set()
    if len(items) < 2:
        return lines
    out = []
    for line in lines:
        words = set(_KEYWORD_GAP.split(line.text.strip().casefold())) - {""}
        if len(words) < 2 or not words <= items:
            out.append(line)
        else:
            removed.setdefault("tag_list", []).append(line.text)
    return out


#: A summary box's label ("摘要：", "导语：", "Summary:").
_SUMMARY = re.compile(r"^[【\[]?(?:内容)?(?:摘要|提要|导语|导读|summary)[】\]]?\s*[:：]?\s*", re.IGNORECASE)
#: The share of a summary's pieces the rest of the text holds when the summary only repeats it.
_REPEATED = 0.8
_PIECE = 4


def _pieces(text: str) -> set[str]:
    """The runs of ``_PIECE`` letters or digits of a text (spaces and punctuation left out)."""
    kept = "".join(char for char in text if char.isalnum())
    return {kept[i : i + _PIECE] for i in range(len(kept) - _PIECE + 1)}


def _without_summary(lines: list[textlines.Line], removed: dict[str, list[str]]) -> list[textlines.Line]:
    """The lines less a labelled summary (摘要：…) that the rest of the text repeats: a box set above the
    story, not a paragraph of it (a 内容摘要 paragraph the text does not repeat stays); recorded as
    ``summary_box``."""
    for index, line in enumerate(lines[:_HEAD_LINES]):
        found = _SUMMARY.match(line.text)
        if found is None:
            continue
        mine = _pieces(line.text[found.end() :])
        rest = _pieces(" ".join(other.text for other in lines[index + 1 :]))
        if mine and len(mine & rest) >= _REPEATED * len(mine):
            removed.setdefault("summary_box", []).append(line.text)
            return [*lines[:index], *lines[index + 1 :]]
    return lines


#: The head lines in which a headline set over several lines (a multi-deck headline) is looked for.
_HEAD_LINES = 8


def _joined_title(lines: list[textlines.Line], title: str | None) -> list[textlines.Line]:
    """The lines with a run of two or more head lines that together spell the headline made one line holding
    it (a long headline broken over lines), so that it is cut as the headline is."""
    wanted = "".join((title or "").split())
    if len(wanted) < 10:
        return lines
    for start in range(min(len(lines), _HEAD_LINES)):
        joined = ""
        for end in range(start, min(len(lines), start + _HEAD_LINES)):
            joined += "".join(lines[end].text.split())
            if not wanted.startswith(joined):
                break
            if joined == wanted and end > start:
                return [*lines[:start], textlines.Line(title or ""), *lines[end + 1 :]]
    return lines


def _page_info(evidence: Evidence) -> PageInfo:
    """The names (author markup, site names) and info lines by which ``strip_edges`` knows chrome; a "name"
    the headline holds is none (author markup that took the headline)."""
    headline = (evidence.title or "").casefold()
    names = {name.casefold() for name in (*evidence.markup_authors, *evidence.site_names) if name}
    return PageInfo({name for name in names if name not in headline}, set(evidence.byline))


def _body_lines(
    root: etree._Element,
    table: dict[etree._Element, dom.Stats],
    profile: SiteProfile | None,
    ld: dict[str, Any],
    headline: etree._Element | None = None,
) -> tuple[list[etree._Element], list[textlines.Line]]:
    """The body's elements and lines: the profile's ``body`` selector, else detection (after the story's
    ``headline``); JSON-LD's ``articleBody`` instead when it holds at least 300 characters and 60 % of what
    was detected."""
    selector = profile.selectors.get("body") if profile else None
    nodes = dom.select(root, selector) if selector else []
    if not nodes:
        nodes = content.main_nodes(root, table, headline)
    lines = content.body_lines(nodes, table)
    article_body = ld.get("articleBody")
    detected = sum(len(line.text) for line in lines)
    if not selector and isinstance(article_body, str) and len(article_body) >= max(300, 0.6 * detected):
        lines = [textlines.Line(dom.clean_space(p)) for p in article_body.splitlines() if p.strip()]
    return nodes, lines


def _trailing_credits(
    last: Any, table: dict[etree._Element, dom.Stats], removed: dict[str, list[str]]
) -> Credits:
    """Credit lines in the few elements right after the body container (layout A)."""
    found = Credits()
    for text in trailing_credit_lines(last, shown=table):
        found = found.merged(parse_credits(text))
        removed.setdefault("credit_line", []).append(text[:200])
    return found
