"""An English news-magazine archive as a static export (issue 15): ``build(n_stories, seed)``.

Stories live at ``/story/<long-slug>/index.html``; a share at clean short-slug URLs (``/story/dry-run/``), a
few at unusual paths (``/misc/a1018.html``) and a few old ones at dated URLs (``/2009/03/14/<slug>.html``).
Four story templates, as across CMS generations: schema.org ``Article`` microdata only, JSON-LD
``NewsArticle`` only, a bare ``<article>``, and plain divs (byline, ``<time>`` or printed date, no headline
element, paragraphs as divs or ``<br><br>``); about one story in ten is two short paragraphs. Every page
carries a 16-link navigation, a "Most read" sidebar of 9 headlines and a 22-link footer; stories add a
"More by <author>" list of the author's 5 earlier stories, and link their author pages and their section
and tags relatively (``../../author/x/index.html``), as site copiers write links.

Hubs (label "hub"): the home page ``/index.html`` (the start: latest 10 teasers), three section fronts
paginated page to page with prev/next links only (``/section/<name>/page/<n>/index.html``, 3 teasers a page,
10 pages each at the default size), author pages listing each author's stories with dates and
standfirsts, tag pages (latest 6), utility pages, and two live-blog fronts (``/live/<slug>/index.html``)
that declare ``og:type=article`` (JSON-LD ``LiveBlogPosting``, ``NewsArticle``) but hold only timestamped
teasers.

Reach: section fronts list 30 % of each section's stories; with the home page, tags, live fronts and
"Most read", 132 of the 300 stories are linked from a hub other than an author page; the other 168 are
reached only through author pages (bylines) and "More by" lists. Writers work in overlapping eras and
co-write across them, so each step back in time is two links deeper. Breadth-first depth from
``/index.html`` of the 300 stories at the default size and seed (``tests.sites.graph.depths``):
1: 16, 2: 46, 3: 30, 4: 16, 5: 26, 6: 18, 7: 22, 8: 21, 9: 29, 10: 35, 11: 21, 12: 14, 13: 6; so 134
(45 %) lie within depth 5 and 259 within depth 10 (pinned by tests/unit/test_sites.py).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from functools import partial
from html import escape

from crawler.demo.site import Site
from tests.sites import FixtureSite, file_page, html_page
from tests.sites import words_en as w
from tests.sites.graph import relative
from tests.sites.magazine_chrome import (
    SECTIONS,
    TAGS,
    UTILITY,
    Author,
    Story,
    page,
    section_path,
    tag_path,
    utility_path,
)
from tests.sites.magazine_pages import (
    TEMPLATES,
    author_main,
    front,
    live_head,
    live_main,
    pager,
    story_main,
)

SEED = 15
PER_PAGE = 3
#: Share of a section's stories its front pages list; the rest are reached through authors only.
LISTED = 0.3
LIVE = (("election-night", "LiveBlogPosting", 0.5), ("storm-watch", "NewsArticle", 0.8))
_LINK_LABELS = ("the full report", "court filing", "consultation paper", "committee's findings", "audit")


def _root(path: str) -> str:
    return path


def _authors(rng: random.Random, count: int) -> list[Author]:
    names: set[str] = set()
    while len(names) < count:
        names.add(w.person(rng))
    ordered = sorted(names)
    rng.shuffle(ordered)
    return [
        Author(w.slugify(n), n, f"{n} reports on {rng.choice(w.OBJECTS)} and {rng.choice(w.SUBJECTS)}.")
        for n in ordered
    ]


def _paragraphs(rng: random.Random, short: bool) -> tuple[str, ...]:
    if short:
        return tuple(escape(w.paragraph(rng, 2)) for _ in range(2))
    paras = [escape(w.paragraph(rng, rng.randint(2, 4))) for _ in range(rng.randint(5, 10))]
    for i in rng.sample(range(len(paras)), rng.randint(1, 3)):
        label = rng.choice(_LINK_LABELS)
        url = f"https://records.example.org/{w.slugify(label)}/{rng.randint(100, 999)}"
        paras[i] += f' The <a href="{url}">{label}</a> has the detail.'
    return tuple(paras)


def _form(rng: random.Random, when: datetime, short_slugs: list[str]) -> str:
    roll = rng.random()
    if when.year < 2011 and roll < 0.12:
        return "dated"
    if roll < 0.03:
        return "misc"
    if roll < 0.18 and short_slugs:
        return "short_slug"
    return "long_slug"


def _path(form: str, title: str, when: datetime, index: int, short_slugs: list[str], used: set[str]) -> str:
    if form == "short_slug":
        return f"/story/{w.slugify(short_slugs.pop())}/"
    if form == "misc":
        return f"/misc/a{1000 + index}.html"
    slug = w.slugify(title)
    while f"/{slug}/" in used:
        slug += "-2"
    used.add(f"/{slug}/")
    return f"/{when:%Y/%m/%d}/{slug}.html" if form == "dated" else f"/story/{slug}/index.html"


def _stories(rng: random.Random, count: int, authors: list[Author]) -> list[Story]:
    short_slugs = sorted(w.SHORT_SLUGS, key=lambda _: rng.random())
    titles: set[str] = set()
    used: set[str] = set()
    when = datetime(2006, 1, 9, 9, 0)
    step = 6570 / count
    stories = []
    for i in range(count):
        when += timedelta(days=step * rng.uniform(0.4, 1.6), hours=rng.randint(-3, 3))
        title = w.headline(rng)
        while title in titles:
            title = w.headline(rng)
        titles.add(title)
        era = i * len(authors) // count
        pair = (authors[max(era - 1, 0)], authors[era])
        byline = pair if rng.random() < 0.15 and era else (rng.choice(pair),)
        form = _form(rng, when, short_slugs)
        short = rng.random() < 0.1
        stories.append(
            Story(
                path=_path(form, title, when, i, short_slugs, used),
                title=title,
                authors=byline,
                published=when,
                standfirst=w.standfirst(rng),
                paragraphs=_paragraphs(rng, short),
                template=rng.choice(TEMPLATES),
                form=form,
                section=SECTIONS[i % len(SECTIONS)],
                tags=tuple(rng.sample(TAGS, rng.randint(1, 2))),
            )
        )
    return stories


def _listed(rng: random.Random, mine: list[Story]) -> list[Story]:
    return rng.sample(mine, round(len(mine) * LISTED))


def _story_pages(stories: list[Story], most_read: list[Story]) -> dict[str, str]:
    pages = {}
    for story in stories:
        mine = [s for s in stories if story.authors[0] in s.authors and s is not story]
        earlier = [s for s in mine if s.published < story.published][::-1]
        more = (earlier + [s for s in mine[::-1] if s not in earlier])[:5]
        href = partial(relative, story.path)
        main, head = story_main(story, more, href)
        pages[story.path] = page(story.title, main, href, most_read, head)
    return pages


def _section_pages(stories: list[Story], listed: set[str], most_read: list[Story]) -> dict[str, str]:
    pages = {}
    for name in SECTIONS:
        mine = [s for s in reversed(stories) if s.section == name and s.path in listed]
        chunks = [mine[k : k + PER_PAGE] for k in range(0, len(mine), PER_PAGE)] or [[]]
        for n, chunk in enumerate(chunks, start=1):
            prev = section_path(name, n - 1) if n > 1 else None
            nxt = section_path(name, n + 1) if n < len(chunks) else None
            heading = name.title() if n == 1 else f"{name.title()} \u2013 page {n}"
            main = front(heading, chunk, _root, pager(prev, nxt, n, _root))
            pages[section_path(name, n)] = page(heading, main, _root, most_read)
    return pages


def _other_hubs(
    rng: random.Random, stories: list[Story], authors: list[Author], most_read: list[Story]
) -> dict[str, str]:
    newest = stories[::-1]
    pages = {"/index.html": page("Latest stories", front("Latest", newest[:10], _root), _root, most_read)}
    for author in authors:
        mine = [s for s in newest if author in s.authors]
        pages[author.path] = page(author.name, author_main(author, mine, _root), _root, most_read)
    for tag in TAGS:
        mine = [s for s in newest if tag in s.tags][:6]
        pages[tag_path(tag)] = page(
            f"Topic: {tag.title()}", front(f"Topic: {tag.title()}", mine, _root), _root, most_read
        )
    for slug, kind, at in LIVE:
        middle = int(len(stories) * at)
        linked = stories[max(middle - 6, 0) : middle + 6][::-1]
        night = linked[-1].published.replace(hour=18, minute=0)
        entries = [(night + timedelta(minutes=500 - 37 * k), s) for k, s in enumerate(linked)]
        title = f"Live: {slug.replace('-', ' ')} as it happened"
        intro = f"Our reporters follow the {slug.replace('-', ' ')} through the night. {w.standfirst(rng)}"
        path = f"/live/{slug}/index.html"
        head = live_head(title, kind, night, f"https://lanternreview.example{path}")
        pages[path] = page(title, live_main(title, intro, entries, _root), _root, most_read, head)
    for name in UTILITY:
        text = f"<h1>{name.title()}</h1>\n<p>{escape(w.standfirst(rng))}</p>\n<ul><li>Lantern House, 4 Quay Street</li><li>Telephone 01632 960 000</li></ul>"
        pages[utility_path(name)] = page(name.title(), text, _root, most_read)
    return pages


def build(n_stories: int = 300, seed: int = SEED) -> FixtureSite:
    """Generate the archive with ``n_stories`` stories (deterministic for a seed)."""
    rng = random.Random(seed)
    authors = _authors(rng, max(4, n_stories // 12))
    stories = _stories(rng, n_stories, authors)
    most_read = rng.sample(stories[-30:], min(9, len(stories)))
    listed = {s.path for name in SECTIONS for s in _listed(rng, [s for s in stories if s.section == name])}
    texts = {
        **_other_hubs(rng, stories, authors, most_read),
        **_section_pages(stories, listed, most_read),
        **_story_pages(stories, most_read),
    }
    labels = dict.fromkeys(texts, "hub") | {s.path: "article" for s in stories}
    shapes = {
        s.path: f"story/{s.template}/{s.form}" + ("+short" if len(s.paragraphs) == 2 else "") for s in stories
    }
    for p in texts:
        shapes.setdefault(p, _hub_shape(p))
    pages = {p: html_page(t) for p, t in texts.items()}
    pages["/assets/site.css"] = file_page(b"body{font-family:Georgia,serif}\n", "text/css")
    return FixtureSite("magazine", Site(pages), "/index.html", labels, shapes)


def _hub_shape(path: str) -> str:
    first = path.strip("/").split("/")[0]
    if path == "/index.html":
        return "home"
    if first == "section":
        return "section_page" if "/page/" in path else "section_front"
    return {"author": "author", "tag": "tag", "live": "live"}.get(first, "utility")
