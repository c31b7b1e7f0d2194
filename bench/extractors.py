"""Adapters giving ours and each anchor extractor one signature: (html bytes, url) -> Prediction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from crawler.pages.decode import decode_html


@dataclass
class Prediction:
    """What an extractor returned for one page."""

    body: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    source: str | None = None
    editors: list[str] = field(default_factory=list)


def ours(html: bytes, url: str) -> Prediction:
    """newsarchive's crawler.pages.extract."""
    from crawler.pages import extract

    fields = extract(html, url)
    return Prediction(
        fields["body"] or "",
        fields["title"],
        list(fields["authors"] or []),
        fields["published_at"],
        fields["source"],
        list(fields["editors"] or []),
    )


def trafilatura_(html: bytes, url: str) -> Prediction:
    """trafilatura.bare_extraction with metadata (it decodes the bytes itself)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    if doc is None:
        return Prediction()
    authors = (getattr(doc, "author", None) or "").split("; ")  # trafilatura joins several with "; "
    return Prediction(doc.text or "", doc.title, [a for a in authors if a], getattr(doc, "date", None))


def readability_(html: bytes, url: str) -> Prediction:
    """readability-lxml: summary HTML turned into text (page decoded with our decoder)."""
    import lxml.html
    from readability import Document

    text = decode_html(html).text
    doc = Document(text, url=url or None)
    summary = lxml.html.fromstring(doc.summary(html_partial=True))
    blocks = [" ".join(el.text_content().split()) for el in summary.iter("p", "li", "h1", "h2", "h3", "pre")]
    body = "\n\n".join(b for b in blocks if b) or summary.text_content()
    return Prediction(body, doc.short_title())


def newspaper_(html: bytes, url: str) -> Prediction:
    """newspaper4k Article parsed from the given HTML (image fetching off: it would go to the network)."""
    from newspaper import Article

    article = Article(url or "http://example.invalid/", fetch_images=False)
    article.download(input_html=decode_html(html).text)
    article.parse()
    date = article.publish_date.isoformat() if article.publish_date else None
    return Prediction(article.text or "", article.title, list(article.authors or []), date)


def gne_(html: bytes, url: str) -> Prediction:
    """GNE's GeneralNewsExtractor."""
    from gne import GeneralNewsExtractor

    result = GeneralNewsExtractor().extract(decode_html(html).text)
    author = result.get("author")
    return Prediction(
        result.get("content") or "",
        result.get("title"),
        [author] if author else [],
        result.get("publish_time"),
    )


EXTRACTORS: dict[str, Callable[[bytes, str], Prediction]] = {
    "newsarchive": ours,
    "trafilatura": trafilatura_,
    "readability": readability_,
    "newspaper4k": newspaper_,
    "gne": gne_,
}

#: The Prediction fields each extractor gives (body and title: all of them); a field an extractor does not
#: give is not scored for it (the benchmark shows "-"). An extractor not named here gives every field.
GIVES: dict[str, frozenset[str]] = {
    "newsarchive": frozenset({"authors", "date", "source", "editors"}),
    "trafilatura": frozenset({"authors", "date"}),
    "readability": frozenset(),
    "newspaper4k": frozenset({"authors", "date"}),
    "gne": frozenset({"authors", "date"}),
}


def available(names: list[str]) -> dict[str, Callable[[bytes, str], Prediction]]:
    """Return the named extractors whose packages import (the ``bench`` extra installs the anchors)."""
    modules = {
        "trafilatura": "trafilatura",
        "readability": "readability",
        "newspaper4k": "newspaper",
        "gne": "gne",
    }
    out = {}
    for name in names:
        module = modules.get(name)
        if module:
            try:
                __import__(module)
            except ImportError:
                print(f"skipping {name}: not installed (pip install -e '.[bench]')")
                continue
        out[name] = EXTRACTORS[name]
    return out
