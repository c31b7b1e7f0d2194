"""A generated school-news site that only a crawl reaching everything archives whole.

Sections whose list pages all share one file-name pattern (``info/iList_N.htm``, numbered the way a site
copier numbers them), each a list of ``PAGES`` pages chained page to page; half of the chains link on with
absolute URLs to the site's original host (``ORIGINAL``: a site copy), and so does the home page's "更多"
box; stories that only author pages list, author after author; and an endless calendar that never leads
to a story. Served by ``crawler.demo.server.SampleSiteServer``.
"""

from __future__ import annotations

import json
import random
from html import escape

from crawler.demo.site import Page, Site, not_found_page

#: The host the copy's absolute links name: never resolvable, never to be fetched.
ORIGINAL = "http://www.school-news.invalid"
SECTIONS = 6
PAGES = 9
STORIES_PER_PAGE = 2
#: Authors listed only on the author page before them: each one's story is a hop further away.
CHAIN = 8

_VOCABULARY = (
    "学校老师同学课堂活动比赛实践社团阅读科学实验校园讲座家长志愿服务劳动艺术音乐美术书法诗歌数学物理"
    "化学生物历史地理英语演讲辩论航模编程足球篮球长跑合唱舞蹈展览参观交流研讨教研成长梦想青春传承创新"
    "合作探究分享"
)
_WORDS = tuple(_VOCABULARY[i : i + 2] for i in range(0, len(_VOCABULARY), 2))
_SECTION_NAMES = ("校园新闻", "通知公告", "教学动态", "德育天地", "党建工作", "社团风采")


def _text(seed: int, sentences: int = 5) -> list[str]:
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(3):
        said = [
            "".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 9))) + rng.choice("。！；")
            for _ in range(sentences)
        ]
        paragraphs.append("".join(said))
    return paragraphs


def _nav() -> str:
    items = "".join(
        f'<li><a href="/info/iList_{k}.htm">{_SECTION_NAMES[k - 1]}</a></li>' for k in range(1, SECTIONS + 1)
    )
    return f'<div class="nav"><ul><li><a href="/index.htm">首页</a></li>{items}</ul></div>'


def list_path(section: int, page: int) -> str:
    """A list page: ``info/iList_<section>.htm``, then numbers the copier gave the next pages."""
    return f"/info/iList_{section}.htm" if page == 1 else f"/info/iList_{100 + 10 * section + page}.htm"


def story_path(section: int, page: int, index: int) -> str:
    """A story listed on a section's list page."""
    return f"/s{section}/{200000 + 1000 * section + 10 * page + index}.htm"


def hidden_path(step: int) -> str:
    """A story that only the author page of the chain's previous author lists."""
    return f"/more/{300000 + step}.htm"


def _author(step: int) -> str:
    return f"/author/a{step}.htm"


def _html(body: str, title: str, head: str = "") -> Page:
    page = (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}'
        f'</head><body>{_nav()}{body}<div class="footer">版权所有 实验中学</div></body></html>'
    )
    return Page(200, {"Content-Type": "text/html; charset=utf-8"}, page.encode())


def _story(path: str, title: str, author: int, seed: int, section: int | None) -> Page:
    day = f"2024-03-{seed % 28 + 1:02d}"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": day,
        "author": {"@type": "Person", "name": f"作者{author}"},
    }
    head = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    crumb = f'<a href="{list_path(section, 1)}">{_SECTION_NAMES[section - 1]}</a>' if section else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in _text(seed))
    body = (
        f'<div class="crumb"><a href="/index.htm">首页</a> &gt; {crumb}</div><article><h1>{escape(title)}</h1>'
        f'<p class="byline">作者：<a href="{_author(author)}">作者{author}</a> <time datetime="{day}">{day}</time>'
        f"</p>{paragraphs}</article>"
    )
    return _html(body, title, head)


def _list(links: list[tuple[str, str]], heading: str, pager: str = "") -> str:
    items = "".join(
        f'<li><a href="{href}">{escape(text)}</a><span>2024-03-01</span></li>' for href, text in links
    )
    return f'<div class="list"><h2>{escape(heading)}</h2><ul>{items}</ul>{pager}</div>'


def build() -> tuple[dict[str, Page], list[str]]:
    """The site's pages and the paths of every story a complete crawl archives."""
    pages: dict[str, Page] = {}
    stories: list[str] = []
    for k in range(1, SECTIONS + 1):
        host = ORIGINAL if k % 2 == 0 else ""  # even sections: the copy's pager names the original host
        for n in range(1, PAGES + 1):
            links = []
            for i in range(STORIES_PER_PAGE):
                path, title = (
                    story_path(k, n, i),
                    f"{_SECTION_NAMES[k - 1]}第{n}页第{i + 1}条：{_WORDS[n + i]}活动",
                )
                pages[path] = _story(path, title, (k + n + i) % 4, k * 100 + n * 10 + i, k)
                stories.append(path)
                links.append((path, title))
            pager = f'<div class="pages"><span>当前第{n}/{PAGES}页</span><a href="{host}{list_path(k, 1)}">首页</a>'
            if n < PAGES:
                pager += f'<a href="{host}{list_path(k, n + 1)}">下一页</a>'
            pages[list_path(k, n)] = _html(
                _list(links, _SECTION_NAMES[k - 1], pager + "</div>"), _SECTION_NAMES[k - 1]
            )
    for author in range(4 + CHAIN):
        listed = [(p, "更多文章") for p in stories if f'"{_author(author)}"'.encode() in pages[p].body]
        if 3 <= author < 3 + CHAIN:  # from author 3 on, each author page lists the next author's only story
            listed.append((hidden_path(author - 2), f"作者{author + 1}的文章"))
        pages[_author(author)] = _html(_list(listed, f"作者{author}的文章"), f"作者{author}")
    for step in range(1, CHAIN + 1):
        pages[hidden_path(step)] = _story(
            hidden_path(step), f"只在作者页上的文章{step}", step + 3, 9000 + step, None
        )
        stories.append(hidden_path(step))
    more = "".join(f'<a href="{ORIGINAL}{list_path(k, 1)}">更多</a>' for k in range(1, SECTIONS + 1))
    home = f'<div class="more">{more}</div><a href="/calendar/15.htm">校历</a>'
    pages["/index.htm"] = _html(home, "实验中学")
    pages["/"] = pages["/index.htm"]
    return pages, stories


class ReachSite(Site):
    """The generated pages, plus an endless calendar: ``/calendar/<n>.htm`` links days n-1 and n+1."""

    def resolve(self, target: str, base_url: str = "") -> Page:
        """The page for ``target``; any calendar day exists."""
        if target.startswith("/calendar/") and target.endswith(".htm"):
            day = target[len("/calendar/") : -len(".htm")]
            if day.lstrip("-").isdigit():
                n = int(day)
                links = [(f"/calendar/{n - 1}.htm", "前一天"), (f"/calendar/{n + 1}.htm", "后一天")]
                return _html(_list(links, f"校历第{n}天"), f"校历第{n}天")
            return not_found_page()
        return super().resolve(target, base_url)
