"""The magazine's chrome: header navigation, "Most read" sidebar and footer around every page, and teasers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

MAGAZINE = "The Lantern Review"
SECTIONS = ("world", "culture", "science")
TAGS = ("climate", "elections", "housing", "health", "transport", "education")
UTILITY = ("about", "contact", "subscribe", "newsletters", "advertise", "privacy", "terms", "masthead")
SOCIAL = ("social.example.net", "video.example.net", "photos.example.net", "podcasts.example.org")

#: Turns a site path into the href a page writes (root-relative on hubs, relative on story pages).
Href = Callable[[str], str]


@dataclass(frozen=True)
class Author:
    """A writer: ``key`` is the author page's folder name."""

    key: str
    name: str
    bio: str

    @property
    def path(self) -> str:
        """The author page."""
        return f"/author/{self.key}/index.html"


@dataclass(frozen=True)
class Story:
    """One story of the archive; ``template`` and ``form`` name its markup and its URL shape."""

    path: str
    title: str
    authors: tuple[Author, ...]
    published: datetime
    standfirst: str
    paragraphs: tuple[str, ...]
    template: str
    form: str
    section: str
    tags: tuple[str, ...]


def section_path(name: str, page: int = 1) -> str:
    """A section front or one of its pages."""
    return f"/section/{name}/index.html" if page == 1 else f"/section/{name}/page/{page}/index.html"


def tag_path(name: str) -> str:
    """A tag page."""
    return f"/tag/{name}/index.html"


def utility_path(name: str) -> str:
    """An about/contact/... page."""
    return f"/{name}/index.html"


def printed(when: datetime, style: int = 0) -> str:
    """A date as printed on the page, in one of three styles."""
    if style == 1:
        return f"{when.day} {when:%B %Y}"
    if style == 2:
        return f"{when:%A} {when.day} {when:%B %Y}"
    return f"{when:%B} {when.day}, {when.year}"


def iso(when: datetime) -> str:
    """ISO 8601 with the UTC offset."""
    return when.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def a(href: str, text: str, attrs: str = "") -> str:
    """An anchor."""
    return f'<a href="{escape(href)}"{attrs}>{escape(text)}</a>'


def bylines(authors: Sequence[Author], href: Href | None = None) -> str:
    """ "Jane Doe and John Roe", linked to the author pages when ``href`` is given."""
    names = [a(href(x.path), x.name) if href else escape(x.name) for x in authors]
    return " and ".join(names)


def teaser(story: Story, href: Href) -> str:
    """A teaser: headline link, standfirst, byline and date."""
    return (
        f'<div class="teaser">\n  <h3>{a(href(story.path), story.title)}</h3>\n'
        f'  <p class="standfirst">{escape(story.standfirst)}</p>\n'
        f'  <p class="meta">By {bylines(story.authors)} &middot; '
        f'<time datetime="{story.published:%Y-%m-%d}">{printed(story.published)}</time></p>\n</div>'
    )


def _nav(href: Href) -> str:
    items = [("Home", "/index.html")]
    items += [(s.title(), section_path(s)) for s in SECTIONS]
    items += [(t.title(), tag_path(t)) for t in TAGS]
    items += [("Live", "/live/election-night/index.html"), ("Storm watch", "/live/storm-watch/index.html")]
    items += [(u.title(), utility_path(u)) for u in UTILITY[:4]]
    links = "".join(f"<li>{a(href(p), label)}</li>" for label, p in items)
    return f'<nav class="primary"><ul>{links}</ul></nav>'


def _footer(href: Href) -> str:
    cols = [
        ("Sections", [(s.title(), href(section_path(s))) for s in SECTIONS]),
        ("Topics", [(t.title(), href(tag_path(t))) for t in TAGS]),
        ("The magazine", [(u.title(), href(utility_path(u))) for u in UTILITY]),
        ("Follow us", [(h.split(".")[0].title(), f"https://{h}/lanternreview") for h in SOCIAL]),
    ]
    html = "".join(
        f'<div class="col"><h4>{name}</h4><ul>{"".join(f"<li>{a(u, t)}</li>" for t, u in links)}</ul></div>'
        for name, links in cols
    )
    return (
        f'<footer class="site-footer">{html}\n<p class="legal">&copy; 2006-2024 {MAGAZINE}. '
        f"All rights reserved. {a(href(utility_path('terms')), 'Terms of use')}</p></footer>"
    )


def _most_read(stories: Sequence[Story], href: Href) -> str:
    items = "".join(f"<li>{a(href(s.path), s.title)}</li>" for s in stories)
    return f'<section class="most-read"><h2>Most read</h2><ol>{items}</ol></section>'


def jsonld(data: dict[str, object]) -> str:
    """A JSON-LD script element."""
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def page(title: str, main: str, href: Href, most_read: Sequence[Story], head: str = "") -> str:
    """A whole page: head, header navigation, ``main``, the sidebar and the footer."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)} | {MAGAZINE}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{href("/assets/site.css")}">
{head}
</head>
<body>
<header class="site-header">
<div class="logo">{a(href("/index.html"), MAGAZINE)}</div>
{_nav(href)}
<form class="search" action="https://search.example.net/find"><input name="q" placeholder="Search"></form>
</header>
<div class="wrap">
<main id="main">
{main}
</main>
<aside class="sidebar">
{_most_read(most_read, href)}
<section class="newsletter"><h2>The weekly lantern</h2><p>Our editors' picks, every Friday.</p>
{a(href(utility_path("newsletters")), "Sign up")}</section>
</aside>
</div>
{_footer(href)}
</body>
</html>
"""
