"""Generated fixture sites in the shapes of real sites nobody here wrote (issue 15), with their truth."""

from __future__ import annotations

from dataclasses import dataclass

from crawler.demo.site import Page, Site

#: What a crawl should do with a page: store it ("article") or only follow its links ("hub": fronts,
#: lists, author and tag pages, live-blog fronts, utility pages; anything that is not an article).
LABELS = ("article", "hub")


@dataclass(frozen=True)
class FixtureSite:
    """A generated site and its truth: label and shape of every HTML page, and the page a crawl starts at.

    ``shapes`` names each page's template and URL form (``story/microdata/long_slug``, ``section_page``),
    so a measurement can be broken down by the shape that fails.
    """

    name: str
    site: Site
    start: str
    labels: dict[str, str]
    shapes: dict[str, str]

    def html_paths(self) -> list[str]:
        """Every path whose page is served as HTML, in the site's order."""
        return [p for p in self.site if is_html(self.site[p])]


def is_html(page: Page) -> bool:
    """True for a page served as ``text/html``."""
    return page.headers.get("Content-Type", "").startswith("text/html")


def html_page(text: str, charset: str = "utf-8", header_charset: bool = True) -> Page:
    """A 200 HTML page encoded in ``charset`` (characters it lacks as references); ``header_charset=False``
    leaves the charset to the page's ``<meta>``, as a static file server does."""
    ctype = f"text/html; charset={charset}" if header_charset else "text/html"
    return Page(200, {"Content-Type": ctype}, text.encode(charset, "xmlcharrefreplace"))


def file_page(body: bytes, ctype: str) -> Page:
    """A 200 non-HTML file (an attachment)."""
    return Page(200, {"Content-Type": ctype}, body)
