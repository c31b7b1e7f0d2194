"""DOM helpers over one lxml tree: parsing, visibility, per-node text statistics, CSS/XPath selection."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from lxml import etree
from parsel.csstranslator import HTMLTranslator

from crawler.pages.tags import INLINE

T = TypeVar("T")
_PUNCT = re.compile(r"[，。！？；、：,.!?;:“”]")
_PUNCT_FINDALL = _PUNCT.findall
_ASCII_PUNCT = b",.!?;:"
#: Below this length a text's punctuation is counted by ``_PUNCT`` (one scan), above by str.count.
_SHORT = 256
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HTML_END = re.compile(r"</html\s*>", re.IGNORECASE)
#: An element's start tag (not a comment, not an end tag).
_ELEMENT = re.compile(r"<[A-Za-z]")
_TRANSLATOR = HTMLTranslator()
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


#: A link to a document file (a notice's attachment: 附件): part of the content, not navigation.
_ATTACHMENT = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|wps|et|dps|odt|ods|odp|rtf|txt|csv|zip|rar|7z)(?:[?#]|$)", re.IGNORECASE
)


def is_link(node: etree._Element) -> bool:
    """True for an ``<a href>`` that leads to another page: an anchor without href is a styling wrapper, and a
    link to an attached document is the document's name, part of the text it stands in."""
    href = node.get("href")
    return href is not None and node.tag == "a" and _ATTACHMENT.search(href.strip()) is None


def clean_space(text: str) -> str:
    """Collapse all whitespace (including full-width and no-break spaces) to single spaces.

    Whitespace is what ``str.split()`` splits on (Unicode spaces, which includes U+3000 and U+00A0) plus the
    zero-width space and the byte-order mark, which it does not.
    """
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(text.split())


def punct(text: str) -> int:
    """Number of ``_PUNCT`` characters in ``text``: a regex for short texts, str.count/bytes.translate for
    long ones (each is the faster on its side of ``_SHORT``)."""
    if len(text) < _SHORT:
        return len(_PUNCT_FINDALL(text))
    if text.isascii():
        return len(text) - len(text.encode().translate(None, _ASCII_PUNCT))
    count = text.count
    return (
        count(",") + count(".") + count("!") + count("?") + count(";") + count(":")
        + count("，") + count("。") + count("！") + count("？") + count("；") + count("、") + count("：")
        + count("“") + count("”")
    )  # fmt: skip


def chars(text: str | None) -> int:
    """Number of non-whitespace characters (whitespace as in ``clean_space``)."""
    if not text or text.isspace():
        return 0
    count = len("".join(text.split()))
    if "\u200b" in text or "\ufeff" in text:
        count -= text.count("\u200b") + text.count("\ufeff")
    return count


#: Folded as an IGNORECASE match sees it: the dotted capital I is a plain "i" (casefold adds a dot).
_DOTTED_I = str.maketrans({"\u0130": "i"})


def fold(text: str) -> str:
    """``text`` casefolded, for case-sensitive patterns written in lower case (faster than IGNORECASE)."""
    if "\u0130" in text:
        text = text.translate(_DOTTED_I)
    return text.casefold()


def tag_of(node: etree._Element) -> str:
    tag = node.tag
    return tag if isinstance(tag, str) else ""  # lxml's HTML parser lower-cases element names


#: The attributes by which ``hidden`` may find an element hidden.
HIDING = frozenset(["style", "hidden", "aria-hidden"])


def hidden(node: etree._Element) -> bool:
    """True for an element the browser does not show (hidden attribute, display:none, visibility:hidden)."""
    names = node.keys()
    if not names or HIDING.isdisjoint(names):
        return False
    if node.get("hidden") is not None or (node.get("aria-hidden") == "true" and tag_of(node) not in INLINE):
        return True
    style = node.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


#: Plain lxml elements (no lxml.html class lookup per element: a Python call each time one is touched);
#: comments and processing instructions are left out, their surrounding text kept; no id table (nothing
#: here looks elements up by id).
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
#: The same for UTF-8 bytes: libxml2 reads them directly (a str goes through a UCS-4 conversion first).
_UTF8_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, encoding="utf-8")


def parse(text: str, utf8: bytes | None = None) -> etree._Element:
    """Parse an HTML document once; XML declarations are dropped so lxml accepts a str, and so are
    ``</html>`` end tags when elements follow the first one (an included header that ends its own document:
    libxml2 would drop the rest of the page, a browser shows it).

    Comments are not kept: the tree walks skip them, and React-style ``<!-- -->`` separators inside
    paragraphs would otherwise cut the rest of the sentence. ``utf8``: the bytes ``text`` was decoded from
    when they are exactly its UTF-8 encoding (valid UTF-8 or ASCII, no BOM), which spares encoding it again.
    """
    stripped = _XML_DECLARATION.sub("", text) or "<html></html>"
    early = _HTML_END.search(stripped)
    if early is not None and _ELEMENT.search(stripped, early.end()) is not None:
        stripped = _HTML_END.sub("", stripped)  # libxml2 drops all after the first </html>; browsers do not
    data = utf8 if utf8 is not None and len(stripped) == len(text) else None
    text = stripped
    try:
        try:
            root = etree.fromstring(data if data is not None else text.encode("utf-8"), _UTF8_PARSER)
        except UnicodeEncodeError:  # lone surrogates: let lxml convert the str itself
            root = etree.fromstring(text, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None or tag_of(root) != "html":
        root = etree.fromstring("<html><body></body></html>", _PARSER) if root is None else root
    if root.find("body") is None and tag_of(root) == "html":
        etree.SubElement(root, "body")
    return root


def text_content(node: etree._Element) -> str:
    """All text under ``node`` (its own tail excluded), like lxml.html's ``text_content()``."""
    return "".join(node.itertext())


class Replayable(Generic[T]):
    """An iterator's items, read only as far as some reader has gone, and replayed to later readers."""

    def __init__(self, items: Iterable[T]) -> None:
        self._source = iter(items)
        self._seen: list[T] = []

    def __iter__(self) -> Iterator[T]:
        seen = self._seen
        index = 0
        while True:
            if index < len(seen):
                yield seen[index]
            else:
                try:
                    item = next(self._source)
                except StopIteration:
                    return
                seen.append(item)
                yield item
            index += 1


@dataclass(slots=True)
class Stats:
    """Text statistics of one element's subtree."""

    text: int = 0
    links: int = 0
    inline: int = 0
    punct: int = 0

    @property
    def link_density(self) -> float:
        return self.links / self.text if self.text else 0.0


_NO_TEXT = frozenset(["script", "style", "noscript", "template"])


def text_sample(root: etree._Element, size: int) -> str:
    """About the first ``size`` characters of text under ``root`` outside scripts and styles, spaces collapsed.

    A lazy walk that stops early (tails may come a little out of order): for statistics such as language
    and script share, not for display.
    """
    out: list[str] = []
    add = out.append
    count = 0
    no_text = _NO_TEXT
    for node in root.iter():
        text = node.text
        if text and not text.isspace() and node.tag not in no_text:
            piece = clean_space(text)
            if piece:
                add(piece)
                count += len(piece) + 1
        if node is not root:
            text = node.tail
            if text and not text.isspace():
                piece = clean_space(text)
                if piece:
                    add(piece)
                    count += len(piece) + 1
        if count >= size:
            break
    return "\n".join(out)[:size]


def discount(table: dict[etree._Element, Stats], node: etree._Element) -> None:
    """Update ``table`` as if ``node`` were dropped (tail kept): ancestors lose its text, its subtree goes."""
    gone = table.get(node)
    if gone is None or node.getparent() is None:
        return
    parent = node.getparent()
    if tag_of(node) in INLINE and parent in table:
        table[parent].inline -= gone.text
        table[parent].punct -= gone.punct
    for ancestor in node.iterancestors():
        stat = table.get(ancestor)
        if stat is not None:
            stat.text -= gone.text
            stat.links -= gone.links
    for inner in node.iter():
        table.pop(inner, None)


def select(root: etree._Element, selector: str) -> list[etree._Element]:
    """Elements matching a CSS selector, or an XPath when it starts with ``/`` or ``(``."""
    try:
        xpath = selector if selector.startswith(("/", "(")) else _TRANSLATOR.css_to_xpath(selector)
        found = root.xpath(xpath)
    except (etree.XPathError, ValueError, SyntaxError):
        return []
    return [node for node in found if isinstance(node, etree._Element)] if isinstance(found, list) else []


def drop(node: etree._Element) -> None:
    """Remove ``node`` from the tree, keeping its tail text."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)
