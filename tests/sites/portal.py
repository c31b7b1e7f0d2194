"""A Chinese school portal in a TRS-like template (issue 15): ``build(n_articles, seed)``.

Articles live at ``/a/<digits>.html``; one column (党建工作) is GBK-encoded, declared only in a ``<meta>``
(the server sends ``text/html`` with no charset, as a static file server does). Article shapes: plain news;
news whose whole article area sits inside ``<a class="wrap">`` without href; short notices (about 120
characters plus a .doc/.pdf attachment link, files served too); notices opening with 时间：/地点：/主题：/
参加人员： lines and signed by an office. Under every article: a share bar, 上一篇/下一篇 links and a
"相关信息" list of five articles of the same column.

Hubs (label "hub"): the home page ``/index.html`` (the start: a box of the latest titles per column), list
pages of two columns at ``/list/<column>/index.html``, ``/list/<column>/2.html`` … titled "<栏目> 第2页"
(学校新闻's rows carry a 60-character summary under each title, so its list pages hold as much text as an
article), list pages of three columns sharing one TRS-style pattern ``/info/list_N.htm`` (N numbered across
columns in no order, titled "<栏目>_明川实验中学" on every page), and a special-topic front ``/zt/kjj/index.html``
that declares ``og:type=article`` but holds only teasers.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from crawler.demo.site import Page, Site
from tests.sites import FixtureSite, file_page, html_page
from tests.sites import words_zh as z
from tests.sites.portal_pages import (
    SCHOOL,
    Item,
    Section,
    article_main,
    home_main,
    list_main,
    page,
    topic_head,
    topic_main,
)

SEED = 15
SECTIONS = (
    Section("xwzx", "学校新闻", "list", "utf-8"),
    Section("tzgg", "通知公告", "list", "utf-8"),
    Section("jyhd", "教研活动", "info", "utf-8"),
    Section("dytd", "德育天地", "info", "utf-8"),
    Section("djgz", "党建工作", "info", "gbk"),
)
#: Column -> (share of the articles, article shapes to draw from).
MIX = {
    "xwzx": (0.3, ("news", "news", "wrapped")),
    "tzgg": (0.2, ("notice_short", "notice_fields", "notice_fields", "news")),
    "jyhd": (0.2, ("wrapped", "news", "notice_fields")),
    "dytd": (0.15, ("news", "wrapped")),
    "djgz": (0.15, ("news", "news", "notice_fields")),
}
PER_PAGE = {"list": 12, "info": 10}
TOPIC = ("第十届校园科技节专题", "/zt/kjj/index.html")
SOURCES = ("教务处", "德育处", "校办", "团委", "总务处", "党支部")


def _body(
    rng: random.Random, shape: str, when: datetime, title: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if shape == "notice_short":
        text = (
            f"各教研组、各年级组：请于{when.month}月{when.day + 5 if when.day < 20 else 28}日前将{title[2:-3]}"
            "的相关材料报送至教务处202室，逾期不再受理。请各部门高度重视，按时报送。具体要求及报名表详见附件，如有疑问请与教务处联系，"
            "联系电话55550188。"
        )
        return (text,), ()
    count = rng.randint(2, 3) if shape == "notice_fields" else rng.randint(3, 7)
    paras = tuple(z.paragraph(rng, when) for _ in range(count))
    if shape == "notice_fields":
        return ("请各部门做好组织安排，相关人员准时参加，不得无故缺席。", *paras), tuple(
            z.notice_fields(rng, when, rng.choice(z.EVENTS))
        )
    return paras, ()


def _items(rng: random.Random, count: int) -> list[Item]:
    weights = [MIX[s.key][0] for s in SECTIONS]
    when, number = datetime(2019, 9, 2, 8, 0), 230000
    titles: set[str] = set()
    items = []
    for _ in range(count):
        when += timedelta(hours=rng.randint(20, 200))
        number += rng.randint(1, 40)
        section = rng.choices(SECTIONS, weights)[0]
        shape = rng.choice(MIX[section.key][1])
        title = z.title(rng, when, notice=shape.startswith("notice"))
        while title in titles:
            title = z.title(rng, when, notice=shape.startswith("notice"))
        titles.add(title)
        paragraphs, fields = _body(rng, shape, when, title)
        ext = rng.choice((".doc", ".pdf"))
        attachment = f"/uploads/{when:%Y%m}/{number}{ext}" if shape == "notice_short" else None
        source = rng.choice(SOURCES)
        items.append(
            Item(
                f"/a/{number}.html",
                title,
                section,
                when,
                shape,
                source,
                z.person(rng),
                paragraphs,
                fields,
                attachment,
            )
        )
    return items


def _list_paths(rng: random.Random, sizes: dict[str, int]) -> dict[str, list[str]]:
    info = [s.key for s in SECTIONS if s.style == "info"]
    numbers = list(range(1, sum(sizes[k] for k in info) + 1))
    rng.shuffle(numbers)
    paths = {}
    for section in SECTIONS:
        if section.style == "list":
            paths[section.key] = [f"/list/{section.key}/index.html"] + [
                f"/list/{section.key}/{n}.html" for n in range(2, sizes[section.key] + 1)
            ]
        else:
            paths[section.key] = [f"/info/list_{numbers.pop()}.htm" for _ in range(sizes[section.key])]
    return paths


def build(n_articles: int = 200, seed: int = SEED) -> FixtureSite:
    """Generate the portal with ``n_articles`` articles (deterministic for a seed)."""
    rng = random.Random(seed)
    items = _items(rng, n_articles)
    by_section = {s.key: [i for i in reversed(items) if i.section is s] for s in SECTIONS}
    sizes = {s.key: max(1, -(-len(by_section[s.key]) // PER_PAGE[s.style])) for s in SECTIONS}
    lists = _list_paths(rng, sizes)
    nav = [("首页", "/index.html")] + [(s.name, lists[s.key][0]) for s in SECTIONS] + [("专题", TOPIC[1])]
    texts: dict[str, tuple[str, str]] = {}
    shapes: dict[str, str] = {}
    for section in SECTIONS:
        column, per = by_section[section.key], PER_PAGE[section.style]
        for n, path in enumerate(lists[section.key], start=1):
            title = (
                f"{section.name}_{SCHOOL}"
                if section.style == "info"
                else (section.name if n == 1 else f"{section.name} 第{n}页")
            )
            main = list_main(
                section, column[(n - 1) * per : n * per], lists[section.key], n, section.key == "xwzx"
            )
            texts[path] = (page(title, main, nav, section.charset), section.charset)
            shapes[path] = (
                "info_list" if section.style == "info" else ("list_front" if n == 1 else "list_page")
            )
        for k, item in enumerate(column):
            newer, older = (column[k - 1] if k else None), (column[k + 1] if k + 1 < len(column) else None)
            related = (column[k + 1 : k + 6] + column[:k])[:5]
            main = article_main(item, lists[section.key][0], (older, newer), related)
            texts[item.path] = (page(f"{item.title}_{SCHOOL}", main, nav, section.charset), section.charset)
            shapes[item.path] = f"article/{item.shape}" + ("+gbk" if section.charset == "gbk" else "")
    boxes = [(s, lists[s.key][0], by_section[s.key][:6]) for s in SECTIONS]
    texts["/index.html"] = (page(SCHOOL, home_main(boxes, TOPIC), nav), "utf-8")
    picked = [i for i in items if "科技" in i.title][-10:] or items[-10:]
    intro = "第十届校园科技节以“创新点亮未来”为主题，历时两周，设科创展评、实验挑战赛、科普讲座等板块，全校师生共同参与。"
    texts[TOPIC[1]] = (
        page(TOPIC[0], topic_main(TOPIC[0], intro, picked[::-1]), nav, head=topic_head(TOPIC[0])),
        "utf-8",
    )
    shapes.update({"/index.html": "home", TOPIC[1]: "topic_front"})
    pages: dict[str, Page] = {p: html_page(t, c, header_charset=False) for p, (t, c) in texts.items()}
    for item in items:
        if item.attachment:
            pdf = item.attachment.endswith(".pdf")
            body = b"%PDF-1.4\n%fixture\n" if pdf else b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1fixture"
            pages[item.attachment] = file_page(body, "application/pdf" if pdf else "application/msword")
    labels = {
        p: ("hub" if s in ("home", "topic_front") or "list" in s else "article") for p, s in shapes.items()
    }
    return FixtureSite("portal", Site(pages), "/index.html", labels, shapes)
