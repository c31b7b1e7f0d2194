"""A deterministic generated news site for the crawl benchmark: N articles in the sample site's layouts.

Text is recombined from the bundled sample site's invented stories: each paragraph is one of their
sentences plus two sentences of their words in a new order, so articles are distinct stories (as on a real
site: no two near-duplicates) in the sample site's vocabulary. Every article gets a unique title, 3-6
paragraphs, related links, list pages with pagination and a sitemap; every 50th Chinese article is also
linked under a tracking-parameter URL and has a print copy (duplicates the archive must collapse).

Two layouts: ``lean`` is the bare sample-site templates (about 5 KB and 11 links an article page);
``portal`` (the default) wraps every article and list page in the chrome real portals carry (channel
navigation to channel pages, most-read and picture boxes, promos, partner links, a footer with about /
contact / ICP links, share links, inline scripts and styles, attribute-heavy markup), so that page size and
link count are those of the real pages in ``../shared/corpora`` (median 115-126 KB and 128-143 links). The
chrome is spliced in when a page is served (``bench.portal.PortalSite``): the generated site stays small in memory.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from bench.portal import (
    EN_CHANNELS,
    ZH_ABOUT,
    ZH_CHANNELS,
    Chrome,
    PortalSite,
    en_channel_path,
    zh_channel_path,
)
from crawler.demo import templates as t
from crawler.demo.content import EN_SITE_NAME, EN_STORIES, SITE_NAME, ZH_STORIES, EnStory, ZhStory
from crawler.demo.site import Page, Site, en_path, zh_path

PAGE_SIZE = 20
DUP_EVERY = 50
TRACKING = "utm_source=wechat&utm_medium=share&spm=1.2.3"
LAYOUTS = ("portal", "lean")


@dataclass(frozen=True)
class Generated:
    """The site plus its manifest: identity path -> gold body, and the alias paths of duplicates."""

    site: Site
    gold: dict[str, str]
    aliases: dict[str, list[str]]
    layout: str = "lean"


def _sentences(texts: list[str], stop: str) -> list[str]:
    out = []
    for text in texts:
        out += [s + stop for s in text.split(stop) if len(s) > 8]
    return out


def _zh_words(texts: list[str]) -> list[str]:
    """Two-character words of the Chinese stories (letters only)."""
    chars = "".join(c for text in texts for c in text if "\u4e00" <= c <= "\u9fff")
    return sorted({chars[i : i + 2] for i in range(0, len(chars) - 1, 2)})


def _en_words(texts: list[str]) -> list[str]:
    """The words of the English stories."""
    return sorted({w.strip(".,;:'\"()").lower() for text in texts for w in text.split()} - {""})


def _zh_paragraph(rng: random.Random, pool: list[str], words: list[str]) -> str:
    made = ["".join(rng.choices(words, k=rng.randint(8, 16))) + "。" for _ in range(2)]
    return "".join([rng.choice(pool), *made])


def _en_paragraph(rng: random.Random, pool: list[str], words: list[str]) -> str:
    made = [" ".join(rng.choices(words, k=rng.randint(10, 20))).capitalize() + "." for _ in range(2)]
    return " ".join([rng.choice(pool).strip(), *made])


def _html(text: str) -> Page:
    return Page(200, {"Content-Type": "text/html; charset=utf-8"}, text.encode("utf-8"))


def _zh_story(n: int, rng: random.Random, pool: list[str], words: list[str]) -> ZhStory:
    base = ZH_STORIES[n % len(ZH_STORIES)]
    paragraphs = tuple(_zh_paragraph(rng, pool, words) for _ in range(rng.randint(3, 6)))
    day = 1 + n % 28
    return replace(
        base, key=f"zh{n}", page_id=f"202403{day:02d}{n:05d}", title=f"{base.title}（第{n}期）",
        time=f"2024-03-{day:02d} {8 + n % 10:02d}:{n % 60:02d}", paragraphs=paragraphs, layout="AB"[n % 2],
        views=100 + n % 900,
    )  # fmt: skip


def _en_story(n: int, rng: random.Random, pool: list[str], words: list[str]) -> EnStory:
    base = EN_STORIES[n % len(EN_STORIES)]
    paragraphs = tuple(_en_paragraph(rng, pool, words) for _ in range(rng.randint(3, 6)))
    return replace(
        base, key=f"en{n}", slug=f"{base.slug}-{n}", title=f"{base.title}, part {n}", paragraphs=paragraphs,
        meta=("jsonld", "og")[n % 2], published=f"2024-03-{1 + n % 28:02d}T{8 + n % 10:02d}:00:00+00:00",
    )  # fmt: skip


def _related_zh(stories: list[ZhStory], rng: random.Random) -> list[t.RelatedItem]:
    return [t.RelatedItem(zh_path(s), s.title, f"{s.outlet}{s.time[5:10]}", s.paragraphs[0][:60] + "...")
            for s in rng.sample(stories, min(4, len(stories)))]  # fmt: skip


def _related_en(stories: list[EnStory], rng: random.Random) -> list[t.RelatedItem]:
    return [
        t.RelatedItem(en_path(s), s.title, "", s.paragraphs[0][:120])
        for s in rng.sample(stories, min(4, len(stories)))
    ]


def _list_pages(prefix: str, items: list[t.ListItem], zh: bool) -> dict[str, Page]:
    chunks = [items[i : i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
    if zh:
        urls = ["/news/"] + [f"/news/index_{n + 1}.shtml" for n in range(1, len(chunks))]
    else:
        urls = ["/en/"] + [f"/en/?page={n + 1}" for n in range(1, len(chunks))]
    pages = {}
    for n, (url, chunk) in enumerate(zip(urls, chunks, strict=True)):
        pages[url] = _html(t.zh_list(chunk, urls, n) if zh else t.en_list(chunk, urls, n, "/feed.xml"))
    return pages


def _channel_pages(zh: list[ZhStory], en: list[EnStory]) -> dict[str, Page]:
    """Channel (section) fronts the portal navigation links to: the newest 20 stories of each."""
    pages: dict[str, Page] = {}
    for n in range(len(ZH_CHANNELS)):
        items = [
            t.ListItem(zh_path(s), s.title, s.time[:10], s.paragraphs[0][:60])
            for s in zh[n :: len(ZH_CHANNELS)][:PAGE_SIZE]
        ]
        pages[zh_channel_path(n)] = _html(t.zh_list(items, [zh_channel_path(n)], 0))
    for n in range(len(EN_CHANNELS)):
        items = [
            t.ListItem(en_path(s), s.title, s.published[:10], s.paragraphs[0][:100])
            for s in en[n :: len(EN_CHANNELS)][:PAGE_SIZE]
        ]
        pages[en_channel_path(n)] = _html(t.en_list(items, [en_channel_path(n)], 0, "/feed.xml"))
    for i, name in enumerate(ZH_ABOUT):
        body = f'<div class="about"><h1>{name}</h1><p>{SITE_NAME}创办于2008年，是教育装备行业的专业门户网站。</p></div>'
        pages[f"/about/{i}.html"] = _html(t._zh_shell(f"{name}_{SITE_NAME}", body))
    return pages  # fmt: skip


def generate(articles: int = 5000, seed: int = 7, layout: str = "portal") -> Generated:
    """Build the site: about 60 % Chinese and 40 % English articles, in the ``portal`` or ``lean`` layout."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout: {layout!r} is not one of {LAYOUTS}")
    rng = random.Random(seed)
    zh_texts = [p for s in ZH_STORIES for p in s.paragraphs]
    en_texts = [p for s in EN_STORIES for p in s.paragraphs]
    zh_pool, zh_words = _sentences(zh_texts, "。"), _zh_words(zh_texts)
    en_pool, en_words = _sentences(en_texts, ". "), _en_words(en_texts)
    n_zh = articles * 3 // 5
    zh = [_zh_story(n, rng, zh_pool, zh_words) for n in range(n_zh)]
    en = [_en_story(n, rng, en_pool, en_words) for n in range(articles - n_zh)]
    pages: dict[str, Page] = {}
    gold: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    top = []
    for n, story in enumerate(zh):
        path = zh_path(story)
        printed = f"/print{path}" if n % DUP_EVERY == 0 else None
        pages[path] = _html(t.zh_article(story, _related_zh(zh, rng), printed))
        gold[path] = t.zh_dateline(story) + "\n".join(story.paragraphs)
        if printed:
            pages[printed] = _html(t.zh_print(story, canonical=path))
            pages[f"{path}?{TRACKING}"] = pages[path]
            aliases[path] = [printed, f"{path}?{TRACKING}"]
            top.append(t.ListItem(f"{path}?{TRACKING}", story.title, "", ""))
    for story in en:
        pages[en_path(story)] = _html(t.en_article(story, _related_en(en, rng), en_path))
        gold[en_path(story)] = "\n".join(story.paragraphs)
    pages.update(
        _list_pages(
            "/news/", [t.ListItem(zh_path(s), s.title, s.time[:10], s.paragraphs[0][:60]) for s in zh], True
        )
    )
    pages.update(
        _list_pages(
            "/en/",
            [t.ListItem(en_path(s), s.title, s.published[:10], s.paragraphs[0][:100]) for s in en],
            False,
        )
    )
    pages["/"] = _html(t.home(top[:50], "/news/", "/en/"))
    pages["/robots.txt"] = Page(200, {"Content-Type": "text/plain"}, t.robots("/sitemap.xml").encode())
    entries = [(p, "2024-03-01") for p in gold]
    pages["/sitemap.xml"] = Page(200, {"Content-Type": "application/xml"}, t.sitemap(entries).encode())
    if layout == "lean":
        return Generated(Site(pages), gold, aliases, layout)
    pages.update(_channel_pages(zh, en))
    zh_chrome = Chrome(
        True, [(zh_path(s), s.title, s.paragraphs[0][:40]) for s in zh] or [("/", SITE_NAME, "")], seed
    )
    en_chrome = Chrome(
        False,
        [(en_path(s), s.title, s.paragraphs[0][:90]) for s in en] or [("/en/", EN_SITE_NAME, "")],
        seed + 1,
    )
    return Generated(PortalSite(pages, zh_chrome, en_chrome), gold, aliases, layout)
