"""The magazine's page templates: four story templates (as across CMS generations) and the hub pages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from tests.sites.magazine_chrome import (
    Author,
    Href,
    Story,
    a,
    bylines,
    iso,
    jsonld,
    printed,
    section_path,
    tag_path,
    teaser,
)

TEMPLATES = ("microdata", "jsonld", "article", "plain")


def _more_by(story: Story, more: Sequence[Story], href: Href) -> str:
    items = "".join(f"<li>{a(href(s.path), s.title)}</li>" for s in more)
    name = escape(story.authors[0].name)
    return f'<aside class="more-by"><h2>More by {name}</h2><ul>{items}</ul></aside>'


def _tags(story: Story, href: Href) -> str:
    return ", ".join(a(href(tag_path(t)), t.title()) for t in story.tags)


def _paras(story: Story) -> str:
    return "\n".join(f"<p>{p}</p>" for p in story.paragraphs)


def _microdata(story: Story, href: Href) -> tuple[str, str]:
    people = " and ".join(
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        f'<a itemprop="url" href="{href(x.path)}"><span itemprop="name">{escape(x.name)}</span></a></span>'
        for x in story.authors
    )
    main = f"""<div class="story" itemscope itemtype="https://schema.org/Article">
<p class="kicker">{a(href(section_path(story.section)), story.section.title())}</p>
<h1 itemprop="headline">{escape(story.title)}</h1>
<p class="standfirst" itemprop="description">{escape(story.standfirst)}</p>
<p class="byline">By {people} |
<time itemprop="datePublished" datetime="{iso(story.published)}">{printed(story.published)}</time></p>
<div class="story-body" itemprop="articleBody">
{_paras(story)}
</div>
<p class="topics">Topics: {_tags(story, href)}</p>
</div>"""
    return main, ""


def _jsonld(story: Story, href: Href) -> tuple[str, str]:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.standfirst,
        "datePublished": iso(story.published),
        "author": [{"@type": "Person", "name": x.name} for x in story.authors],
        "publisher": {"@type": "Organization", "name": "The Lantern Review"},
    }
    main = f"""<div class="entry">
<h1 class="entry-title">{escape(story.title)}</h1>
<div class="entry-meta">By {bylines(story.authors, href)} &mdash; {printed(story.published, 1)}</div>
<div class="entry-content">
{_paras(story)}
</div>
<div class="entry-tags">Filed under {_tags(story, href)}</div>
</div>"""
    return main, jsonld(data)


def _article(story: Story, href: Href) -> tuple[str, str]:
    people = " and ".join(a(href(x.path), x.name, ' rel="author"') for x in story.authors)
    main = f"""<article class="post">
<header>
<h1>{escape(story.title)}</h1>
<p class="dek">{escape(story.standfirst)}</p>
<p class="byline">by {people}</p>
<time datetime="{iso(story.published)}">{printed(story.published, 2)}</time>
</header>
{_paras(story)}
<footer>Tagged: {_tags(story, href)}</footer>
</article>"""
    return main, ""


def _plain(story: Story, href: Href) -> tuple[str, str]:
    # Old templates: no headline element, a printed or <time> date, and half of them break paragraphs
    # with <br><br> instead of <p>.
    when = (
        f'<time datetime="{story.published:%Y-%m-%d}">{printed(story.published)}</time>'
        if len(story.paragraphs) % 2
        else printed(story.published, 1)
    )
    text = (
        "<br><br>\n".join(story.paragraphs)
        if story.published.day % 2
        else "\n".join(f'<div class="para">{p}</div>' for p in story.paragraphs)
    )
    main = f"""<div id="content-area">
<div class="crumbs">{a(href("/index.html"), "Home")} &gt; {a(href(section_path(story.section)), story.section.title())}</div>
<div class="headline">{escape(story.title)}</div>
<div class="post-info">By {bylines(story.authors, href)} | {when}</div>
<div class="post-text">
{text}
</div>
<div class="post-tags">{_tags(story, href)}</div>
</div>"""
    return main, ""


def story_main(story: Story, more: Sequence[Story], href: Href) -> tuple[str, str]:
    """The story's main column (article plus "More by" list) and the extra head markup, by template."""
    render = {"microdata": _microdata, "jsonld": _jsonld, "article": _article, "plain": _plain}
    main, head = render[story.template](story, href)
    return f"{main}\n{_more_by(story, more, href)}", head


def front(heading: str, stories: Sequence[Story], href: Href, pager: str = "", intro: str = "") -> str:
    """A list of teasers under a heading (home, section page, tag page)."""
    teasers = "\n".join(teaser(s, href) for s in stories)
    return f'<h1 class="front-title">{escape(heading)}</h1>\n{intro}\n<div class="teasers">\n{teasers}\n</div>\n{pager}'


def pager(prev_path: str | None, next_path: str | None, number: int, href: Href) -> str:
    """Previous/next links only, as on the magazine's section fronts."""
    prev = a(href(prev_path), "\u2190 Newer stories", ' rel="prev"') if prev_path else ""
    nxt = a(href(next_path), "Older stories \u2192", ' rel="next"') if next_path else ""
    return f'<nav class="pager">{prev} <span>Page {number}</span> {nxt}</nav>'


def author_main(author: Author, stories: Sequence[Story], href: Href) -> str:
    """An author page: name, bio and every story, newest first."""
    rows = "\n".join(
        f"<li>{a(href(s.path), s.title)} <time>{printed(s.published)}</time>"
        f"<p>{escape(s.standfirst)}</p></li>"
        for s in stories
    )
    return (
        f'<h1>{escape(author.name)}</h1>\n<p class="bio">{escape(author.bio)}</p>\n'
        f'<h2>Stories by {escape(author.name)}</h2>\n<ul class="archive">\n{rows}\n</ul>'
    )


def live_main(title: str, intro: str, entries: Sequence[tuple[datetime, Story]], href: Href) -> str:
    """A live-blog front: an intro and timestamped teasers (newest first) linking to stories."""
    rows = "\n".join(
        f'<li><time datetime="{iso(when)}">{when:%H:%M}</time> '
        f"{a(href(s.path), s.title)} <span>{escape(s.standfirst)}</span></li>"
        for when, s in entries
    )
    return f'<h1>{escape(title)}</h1>\n<p class="intro">{escape(intro)}</p>\n<ul class="live-feed">\n{rows}\n</ul>'


def live_head(title: str, kind: str, start: datetime, canonical: str) -> str:
    """Head markup of a live front: og:type=article plus JSON-LD of ``kind``."""
    data = {"@context": "https://schema.org", "@type": kind, "headline": title}
    data["datePublished" if kind == "NewsArticle" else "coverageStartTime"] = iso(start)
    return (
        f'<meta property="og:type" content="article">\n<meta property="og:title" content="{escape(title)}">\n'
        f'<link rel="canonical" href="{canonical}">\n{jsonld(data)}'
    )
