"""HTML, XML and text templates of the sample site; pure functions from story data to markup."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from email.utils import format_datetime
from html import escape
from typing import NamedTuple

from crawler.demo.content import EN_SITE_NAME, SITE_NAME, EnStory, ZhStory

BASE_PLACEHOLDER = "__BASE_URL__"
INDENT = "\u3000\u3000"


class RelatedItem(NamedTuple):
    """One entry of a related-reading block."""

    url: str
    title: str
    meta: str
    summary: str


class ListItem(NamedTuple):
    """One entry of a list (section) page."""

    url: str
    title: str
    date: str
    summary: str


ZH_NAV = (
    '<div class="nav"><a href="/">首页</a> <a href="/news/">教育资讯</a> '
    '<a href="/news/index_2.shtml">装备动态</a> <a href="/en/">English</a></div>'
)
EN_NAV = '<nav class="navbar"><a href="/">Home</a> <a href="/en/">News</a> <a href="/news/">中文</a></nav>'
COPYRIGHT_ZH = (
    '<div class="bqsm"><h4>版权与免责声明:</h4>'
    f"<p>① 凡本网注明“来源:{SITE_NAME}”的作品，版权均属本网所有，未经本网书面许可，"
    "任何单位和个人不得转载、摘编或以其他方式使用；经许可使用的，须在显著位置注明出处。</p>"
    "<p>② 本网转载其他媒体的作品，仅为分享行业资讯之用，文中观点不代表本网立场，"
    "本网亦不对其内容的准确性和完整性负责。</p>"
    "<p>③ 对作品内容或版权有异议的，请于作品发布之日起三十日内来函告知，逾期本网不再受理。</p></div>"
)
EN_FOOTER = f"<footer><p>© 2024 {EN_SITE_NAME}. All rights reserved.</p></footer>"


def _zh_shell(title: str, main: str, head: str = "", charset_meta: str = '<meta charset="utf-8">') -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n{charset_meta}\n<title>{escape(title)}</title>\n{head}'
        f'</head>\n<body>\n<div class="logo">{SITE_NAME}</div>\n'
        '<div class="banner">第三届实验教学 创新课例研修班</div>\n'
        f'{ZH_NAV}\n{main}\n<div class="footer">装备商城产品 | 关于我们 | 联系我们</div>\n</body>\n</html>\n'
    )


def zh_dateline(story: ZhStory) -> str:
    """The dateline the original story opens with (``江城在线3月12日讯``)."""
    month, day = int(story.time[5:7]), int(story.time[8:10])
    return f"{story.outlet}{month}月{day}日讯"


def _paragraphs(paragraphs: Sequence[str], dateline: str) -> str:
    first, *rest = paragraphs
    lines = [f"<p>{INDENT}{escape(dateline + first)}</p>"] + [f"<p>{INDENT}{escape(p)}</p>" for p in rest]
    return "\n".join(lines)


def _zh_related(items: Sequence[RelatedItem], heading: str = "相关阅读", css: str = "xgyd related") -> str:
    lis = "".join(
        f'<li><a href="{i.url}">{escape(i.title)}</a><div class="xg-meta">{escape(i.meta)}</div>'
        f"<p>{escape(i.summary)}</p></li>\n"
        for i in items
    )
    return f'<div class="{css}"><h3>{heading}</h3><ul>\n{lis}</ul></div>'


def zh_article(story: ZhStory, related: Sequence[RelatedItem], print_href: str | None) -> str:
    """A caigou-style article; layout B nests credit, related and copyright inside the body container."""
    gbk = story.key == "zh_rural"
    credit = (
        f'<div class="credit">来源:{story.outlet} 作者:{"、".join(story.authors)} 责任编辑:{story.editor} '
        '<a class="tougao" href="mailto:tougao@example.com">我要投稿</a></div>'
    )
    tools = (
        f'<div class="tools"><a href="{print_href or "javascript:window.print()"}">【打印本页】</a> '
        '<a href="javascript:window.close()">【关闭窗口】</a> 分享到：<span>微信</span> <span>微博</span></div>'
    )
    extras = "\n".join(
        [
            credit,
            tools,
            '<div class="ad"><img src="/static/ad-mall.gif" alt="装备商城终极页"></div>',
            _zh_related(related),
            COPYRIGHT_ZH,
        ]
    )
    paras = _paragraphs(story.paragraphs, zh_dateline(story))
    info = f'<div class="info">{SITE_NAME} {story.time} 围观{story.views}次</div>'
    if story.layout == "B":
        main = f'<div class="article">\n<h1>{escape(story.title)}</h1>\n{info}\n<div class="content">\n{paras}\n{extras}\n</div>\n</div>'
    else:
        main = f'<div class="article">\n<h1>{escape(story.title)}</h1>\n{info}\n<div class="content" id="content">\n{paras}\n</div>\n</div>\n{extras}'
    meta = (
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        if gbk
        else '<meta charset="utf-8">'
    )
    return _zh_shell(f"{story.title}_{SITE_NAME}", main, charset_meta=meta)


def zh_print(story: ZhStory, canonical: str) -> str:
    """The printer-friendly copy: rel=canonical to the article, no boilerplate at all."""
    paras = _paragraphs(story.paragraphs, zh_dateline(story))
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{story.title}</title>\n'
        f'<link rel="canonical" href="{canonical}">\n</head>\n<body>\n<h1>{story.title}</h1>\n'
        f'<div class="info">{story.time}</div>\n<div class="content">\n{paras}\n</div>\n</body>\n</html>\n'
    )


def zh_reprint(story: ZhStory, time: str, views: int, related: Sequence[RelatedItem]) -> str:
    """The same story reposted under another path: 本网讯 dateline, other boilerplate, no canonical."""
    paras = _paragraphs(story.paragraphs, "本网讯")
    main = (
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news/">教育资讯</a> &gt; 转载</div>\n'
        f'<div class="main">\n<h1 class="title">{story.title}</h1>\n'
        f'<div class="meta">发布时间：{time}　浏览：{views}　字号：[大] [中] [小]</div>\n'
        f'<div class="content">\n{paras}\n<p class="zz">本文转自{story.outlet}，版权归原作者所有。</p>\n'
        '<p class="tools">【打印本页】【关闭窗口】</p>\n</div>\n'
        '<div class="share">分享到：<span>微信</span> <span>微博</span> <span>QQ空间</span></div>\n'
        f"{_zh_related(related, '相关新闻', 'xgxw')}\n"
        '<div class="mzsm">免责声明：本网转载的稿件仅供交流学习，不代表本网观点，如有侵权请联系删除。</div>\n</div>'
    )
    return _zh_shell(f"{story.title}-转载-{SITE_NAME}", main)


def _en_head(story: EnStory) -> str:
    if story.meta == "og":
        return (
            f'<meta property="og:type" content="article">\n<meta property="og:title" content="{escape(story.title)}">\n'
            f'<meta property="og:site_name" content="{EN_SITE_NAME}">\n'
            f'<meta property="article:published_time" content="{story.published}">\n'
            f'<meta name="author" content="{escape(", ".join(story.authors))}">\n'
        )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "datePublished": story.published,
        "author": [{"@type": "Person", "name": a} for a in story.authors],
        "publisher": {"@type": "Organization", "name": EN_SITE_NAME},
    }
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'


def _human_date(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    return f"{moment.day} {moment.strftime('%B %Y')}"


def en_article(story: EnStory, related: Sequence[RelatedItem], path_of: Callable[[EnStory], str]) -> str:
    """An English article; JSON-LD pages keep the editor and read-more lines inside the body container."""
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    first = related[0]
    extras = (
        f'<p class="editor">Edited by {story.editor}</p>\n'
        f'<p class="read-more"><a href="{first.url}">Read more: {escape(first.title)}</a></p>\n'
        '<p class="promo">Sign up for the Morning Brief newsletter.</p>'
    )
    inside, outside = (extras, "") if story.meta == "jsonld" else ("", extras)
    lis = "".join(
        f'<li><a href="{i.url}">{escape(i.title)}</a><p>{escape(i.summary)}</p></li>\n' for i in related
    )
    byline = " and ".join(story.authors)
    main = (
        f'<main>\n<article>\n<h1>{escape(story.title)}</h1>\n<p class="byline">By {byline}</p>\n'
        f'<time datetime="{story.published}">{_human_date(story.published)}</time>\n'
        f'<div class="article-body">\n{paras}\n{inside}\n</div>\n{outside}\n'
        '<div class="share-widget">Share this: <button>Facebook</button> <button>X</button> '
        "<button>Email</button></div>\n</article>\n"
        f'<aside class="related"><h2>Related articles</h2><ul>\n{lis}</ul></aside>\n</main>'
    )
    return _en_shell(f"{story.title} | {EN_SITE_NAME}", main, _en_head(story))


def _en_shell(title: str, main: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
        f'{head}</head>\n<body>\n<header class="masthead"><a class="brand" href="/en/">{EN_SITE_NAME}</a>'
        f"{EN_NAV}</header>\n{main}\n{EN_FOOTER}\n</body>\n</html>\n"
    )


def _pager(urls: Sequence[str], current: int, prev_label: str, next_label: str) -> str:
    links = [f'<a href="{u}">{n + 1}</a>' if n != current else f"<b>{n + 1}</b>" for n, u in enumerate(urls)]
    if current > 0:
        links.insert(0, f'<a class="prev" href="{urls[current - 1]}">{prev_label}</a>')
    if current + 1 < len(urls):
        links.append(f'<a class="next" href="{urls[current + 1]}">{next_label}</a>')
    return f'<div class="pages">{" ".join(links)}</div>'


def zh_list(items: Sequence[ListItem], urls: Sequence[str], current: int) -> str:
    """A page of the Chinese news section."""
    lis = "".join(
        f'<li><a href="{i.url}">{escape(i.title)}</a><span class="date">{i.date}</span>'
        f'<p class="summary">{escape(i.summary)}</p></li>\n'
        for i in items
    )
    main = f'<div class="list">\n<h2>教育资讯</h2>\n<ul class="news-list">\n{lis}</ul>\n{_pager(urls, current, "上一页", "下一页")}\n</div>'
    return _zh_shell(f"教育资讯_{SITE_NAME}", main)


def en_list(items: Sequence[ListItem], urls: Sequence[str], current: int, feed: str) -> str:
    """A page of the English section; it declares the RSS feed."""
    lis = "".join(
        f'<li><a href="{i.url}">{escape(i.title)}</a> <time>{_human_date(i.date)}</time>'
        f"<p>{escape(i.summary)}</p></li>\n"
        for i in items
    )
    main = f'<main>\n<h1>Latest news</h1>\n<ul class="stories">\n{lis}</ul>\n{_pager(urls, current, "Newer stories", "Older stories")}\n</main>'
    head = f'<link rel="alternate" type="application/rss+xml" title="{EN_SITE_NAME}" href="{feed}">\n'
    return _en_shell(f"News | {EN_SITE_NAME}", main, head)


def home(top: Sequence[ListItem], old_path: str, missing_path: str) -> str:
    """The home page: top stories, an old (redirected) link and a link to a deleted story."""
    lis = "".join(f'<li><a href="{escape(i.url)}">{escape(i.title)}</a></li>\n' for i in top)
    main = (
        f'<div class="home">\n<h2>头条推荐</h2>\n<ul class="top">\n{lis}</ul>\n'
        f'<h2>专题回顾</h2>\n<ul>\n<li><a href="{old_path}">教育装备应用展示专题</a></li>\n'
        f'<li><a href="{missing_path}">往期资讯：校园安全月活动回顾</a></li>\n</ul>\n</div>'
    )
    return _zh_shell(SITE_NAME, main)


def not_found() -> str:
    """Body of the 404 page."""
    return _zh_shell(
        f"页面不存在_{SITE_NAME}", '<div class="error"><h1>404 页面不存在</h1><a href="/">返回首页</a></div>'
    )


def robots(sitemap_path: str) -> str:
    """robots.txt: everything allowed, sitemap declared."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {BASE_PLACEHOLDER}{sitemap_path}\n"


def sitemap(entries: Sequence[tuple[str, str]]) -> str:
    """A sitemap of (path, lastmod date) entries."""
    urls = "".join(
        f"<url><loc>{BASE_PLACEHOLDER}{path}</loc><lastmod>{day}</lastmod></url>\n" for path, day in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )


def rss(entries: Sequence[tuple[str, str, str, str]]) -> str:
    """RSS 2.0 feed of (path, title, ISO published, summary) entries."""
    items = "".join(
        f"<item><title>{escape(title)}</title><link>{BASE_PLACEHOLDER}{path}</link>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(when))}</pubDate>"
        f"<description>{escape(summary)}</description></item>\n"
        for path, title, when, summary in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
        f"<title>{EN_SITE_NAME}</title><link>{BASE_PLACEHOLDER}/en/</link>"
        f"<description>News from {EN_SITE_NAME}</description>\n{items}</channel></rss>\n"
    )
