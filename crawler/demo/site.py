"""The bundled sample news site: pages rendered in memory from ``crawler.demo.content``, and what a crawl must store.

See README § Demo. Links are root-relative, so any host and port serve the same pages; the few absolute
URLs (robots, sitemap, feed) carry ``BASE_PLACEHOLDER``, which ``Site.resolve`` fills in per request.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TypedDict
from urllib.parse import parse_qsl

from crawler.demo import templates as t
from crawler.demo.content import EN_STORIES, ZH_STORIES, EnStory, ZhStory
from crawler.items import ANONYMOUS

BASE_PLACEHOLDER = t.BASE_PLACEHOLDER
TRACKING_QUERY = "utm_source=wechat&utm_medium=share&spm=1.2.3"
_TRACKING_KEYS = frozenset({"spm", "from", "share_token"})
NOT_FOUND_PATH = "/news/20240101999.shtml"
REDIRECTS = {"/old/2023/zhuangbei-zhanshi.html": "/news/20240315102.shtml"}
HUB_PATHS = ("/", "/news/", "/news/index_2.shtml", "/news/index_3.shtml", "/en/", "/en/?page=2")
FEED_PATH = "/feed.xml"
SITEMAP_PATH = "/sitemap.xml"
_PRINTED = "zh_lab"
_REPRINTED = "zh_canteen"
_RELATED_ONLY = "zh_maker"
_SITEMAP_KEYS = ("zh_lab", "zh_smart", "zh_expo", "en_solar", "en_library")
_PAGE_SIZE = 3

#: Strings that must not appear in any stored body (boilerplate, widgets, credit lines, footers).
BOILERPLATE_MARKERS = (
    "版权与免责声明",
    "凡本网注明",
    "我要投稿",
    "责任编辑",
    "相关阅读",
    "相关新闻",
    "分享到",
    "打印本页",
    "关闭窗口",
    "围观",
    "来源:",
    "作者:",
    "装备商城",
    "免责声明",
    "本文转自",
    "字号",
    "当前位置",
    "研修班",
    "Edited by",
    "All rights reserved",
    "Share this",
    "Related articles",
    "Read more",
    "Morning Brief",
    "©",
)


@dataclass(frozen=True)
class Page:
    """One HTTP response of the sample site."""

    status: int
    headers: dict[str, str]
    body: bytes


class ExpectedArticle(TypedDict):
    """One article a crawl of the sample site must store, and the URLs that must collapse into its row.

    ``aliases`` are other URLs serving the same story (tracking-parameter URL, print copy with
    rel=canonical, reprint under another path with a 本网讯 dateline); ``dateline`` is the lead-in the
    stored body starts with (Chinese only); ``related_paths`` are the articles its related block links.
    """

    path: str
    aliases: list[str]
    title: str
    lang: str
    published_at: str
    source: str | None
    authors: list[str]
    editors: list[str]
    view_count: int | None
    body_snippets: list[str]
    dateline: str | None
    related_paths: list[str]


class Site(Mapping[str, Page]):
    """Path (plus query) -> Page. ``resolve`` adds the lookups a web server makes (tracking params, 404)."""

    def __init__(self, pages: Mapping[str, Page]) -> None:
        self._pages = dict(pages)

    def __getitem__(self, target: str) -> Page:
        return self._pages[target]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)

    def resolve(self, target: str, base_url: str = "") -> Page:
        """Return the page for ``target`` (path?query); tracking-only queries are ignored; else the 404 page."""
        page = self._pages.get(target) or self._pages.get(_without_tracking(target)) or not_found_page()
        if base_url and BASE_PLACEHOLDER.encode() in page.body:
            body = page.body.replace(BASE_PLACEHOLDER.encode(), base_url.rstrip("/").encode())
            page = Page(page.status, dict(page.headers), body)
        return page


def _without_tracking(target: str) -> str:
    path, _, query = target.partition("?")
    keys = [k for k, _ in parse_qsl(query, keep_blank_values=True)]
    if keys and all(k.startswith("utm_") or k in _TRACKING_KEYS for k in keys):
        return path
    return target


def zh_path(story: ZhStory) -> str:
    """Identity path of a Chinese story."""
    return f"/news/{story.page_id}.shtml"


def en_path(story: EnStory) -> str:
    """Identity path of an English story."""
    return f"/en/2024/03/{story.slug}.html"


def _zh(key: str) -> ZhStory:
    return next(s for s in ZH_STORIES if s.key == key)


PRINT_PATH = f"/print{zh_path(_zh(_PRINTED))}"
TRACKING_PATH = f"{zh_path(_zh(_PRINTED))}?{TRACKING_QUERY}"
REPRINT_PATH = "/news/reprint/20240321009.shtml"
RELATED_ONLY_PATH = zh_path(_zh(_RELATED_ONLY))


def _html(text: str, status: int = 200, charset: str = "utf-8", label: str | None = None) -> Page:
    ctype = f"text/html; charset={label or charset}"
    return Page(status, {"Content-Type": ctype}, text.encode(charset))


def not_found_page() -> Page:
    """The 404 page served for unknown paths."""
    return _html(t.not_found(), status=404)


def _redirect(location: str) -> Page:
    body = f'<!DOCTYPE html><html><body><a href="{location}">Moved</a></body></html>'.encode()
    return Page(301, {"Content-Type": "text/html; charset=utf-8", "Location": location}, body)


def _zh_related(keys: tuple[str, ...]) -> list[t.RelatedItem]:
    stories = [_zh(k) for k in keys]
    return [t.RelatedItem(zh_path(s), s.title, f"{s.outlet}{s.time[5:10]}", _summary(s)) for s in stories]


def _summary(story: ZhStory) -> str:
    return "".join(story.paragraphs)[:78] + "..."


def _en(key: str) -> EnStory:
    return next(s for s in EN_STORIES if s.key == key)


def _en_related(keys: tuple[str, ...]) -> list[t.RelatedItem]:
    return [t.RelatedItem(en_path(_en(k)), _en(k).title, "", _en(k).paragraphs[0]) for k in keys]


def _zh_pages() -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for story in ZH_STORIES:
        print_href = PRINT_PATH if story.key == _PRINTED else None
        text = t.zh_article(story, _zh_related(story.related), print_href)
        gbk = story.key == "zh_rural"
        pages[zh_path(story)] = _html(text, charset="gbk", label="gb2312") if gbk else _html(text)
    printed = _zh(_PRINTED)
    pages[PRINT_PATH] = _html(t.zh_print(printed, canonical=zh_path(printed)))
    pages[TRACKING_PATH] = pages[zh_path(printed)]
    reprint_related = _zh_related(("zh_rural", "zh_lab"))
    pages[REPRINT_PATH] = _html(t.zh_reprint(_zh(_REPRINTED), "2024-03-21 10:05", 88, reprint_related))
    return pages


def _en_pages() -> dict[str, Page]:
    return {en_path(s): _html(t.en_article(s, _en_related(s.related), en_path)) for s in EN_STORIES}


def _zh_listing() -> list[t.ListItem]:
    listed = [s for s in ZH_STORIES if s.key != _RELATED_ONLY]
    items = [t.ListItem(zh_path(s), s.title, s.time[:10], _summary(s)) for s in listed]
    reprint = _zh(_REPRINTED)
    items.append(t.ListItem(REPRINT_PATH, reprint.title, "2024-03-21", _summary(reprint)))
    return sorted(items, key=lambda i: i.date, reverse=True)


def _en_listing() -> list[t.ListItem]:
    items = [t.ListItem(en_path(s), s.title, s.published[:10], s.paragraphs[0]) for s in EN_STORIES]
    return sorted(items, key=lambda i: i.date, reverse=True)


def _list_pages() -> dict[str, Page]:
    zh_items, en_items = _zh_listing(), _en_listing()
    zh_urls = ["/news/", "/news/index_2.shtml", "/news/index_3.shtml"]
    en_urls = ["/en/", "/en/?page=2"]
    pages: dict[str, Page] = {}
    for n, url in enumerate(zh_urls):
        chunk = zh_items[n * _PAGE_SIZE : (n + 1) * _PAGE_SIZE]
        pages[url] = _html(t.zh_list(chunk, zh_urls, n))
    for n, url in enumerate(en_urls):
        chunk = en_items[n * _PAGE_SIZE : (n + 1) * _PAGE_SIZE]
        pages[url] = _html(t.en_list(chunk, en_urls, n, FEED_PATH))
    top = [t.ListItem(TRACKING_PATH, _zh(_PRINTED).title, "", "")]
    top += [i for i in zh_items if i.url in (zh_path(_zh("zh_smart")), zh_path(_zh("zh_training")))]
    top += [i for i in en_items if i.url in (en_path(_en("en_solar")), en_path(_en("en_robotics")))]
    old = next(iter(REDIRECTS))
    pages["/"] = _html(t.home(top, old, NOT_FOUND_PATH))
    return pages


def _machine_pages() -> dict[str, Page]:
    sitemap = []
    for key in _SITEMAP_KEYS:
        story = _zh(key) if key.startswith("zh_") else _en(key)
        if isinstance(story, ZhStory):
            sitemap.append((zh_path(story), story.time[:10]))
        else:
            sitemap.append((en_path(story), story.published[:10]))
    feed = [(en_path(s), s.title, s.published, s.paragraphs[0]) for s in EN_STORIES]
    return {
        "/robots.txt": Page(
            200, {"Content-Type": "text/plain; charset=utf-8"}, t.robots(SITEMAP_PATH).encode()
        ),
        SITEMAP_PATH: Page(
            200, {"Content-Type": "application/xml; charset=utf-8"}, t.sitemap(sitemap).encode()
        ),
        FEED_PATH: Page(200, {"Content-Type": "application/rss+xml; charset=utf-8"}, t.rss(feed).encode()),
    }


def build_site() -> Site:
    """Render every page of the sample site; deterministic, nothing touches the disk."""
    pages = {**_list_pages(), **_zh_pages(), **_en_pages(), **_machine_pages()}
    pages.update({old: _redirect(new) for old, new in REDIRECTS.items()})
    return Site(pages)


def _zh_expected(story: ZhStory) -> ExpectedArticle:
    aliases = {_PRINTED: [TRACKING_PATH, PRINT_PATH], _REPRINTED: [REPRINT_PATH]}.get(story.key, [])
    authors = [ANONYMOUS if a == "佚名" else a for a in story.authors]
    return ExpectedArticle(
        path=zh_path(story),
        aliases=aliases,
        title=story.title,
        lang="zh",
        published_at=f"{story.time.replace(' ', 'T')}:00+08:00",
        source=story.outlet,
        authors=authors,
        editors=[story.editor],
        view_count=story.views,
        body_snippets=list(story.snippets),
        dateline=t.zh_dateline(story),
        related_paths=[zh_path(_zh(k)) for k in story.related],
    )


def _en_expected(story: EnStory) -> ExpectedArticle:
    return ExpectedArticle(
        path=en_path(story),
        aliases=[],
        title=story.title,
        lang="en",
        published_at=story.published,
        source=None,
        authors=list(story.authors),
        editors=[story.editor],
        view_count=None,
        body_snippets=list(story.snippets),
        dateline=None,
        related_paths=[en_path(_en(k)) for k in story.related],
    )


#: Every article a full crawl must store, one entry per archive row.
MANIFEST: list[ExpectedArticle] = [_zh_expected(s) for s in ZH_STORIES] + [
    _en_expected(s) for s in EN_STORIES
]
