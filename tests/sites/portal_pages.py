"""The school portal's templates: chrome, the article shapes (plain, wrapped in ``<a>``, notices), list pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

SCHOOL = "明川实验中学"
_MORE = ' class="more"'
FRIENDS = (
    ("区教育局", "edu.example.gov"),
    ("区教育学院", "jyxy.example.edu"),
    ("青少年活动中心", "qshd.example.org"),
)


@dataclass(frozen=True)
class Section:
    """A column of the portal: its list pages are ``/list/<key>/…`` or TRS-style ``/info/list_N.htm``."""

    key: str
    name: str
    style: str
    charset: str


@dataclass(frozen=True)
class Item:
    """One article: ``shape`` is news, wrapped (inside ``<a class="wrap">``), notice_short or notice_fields."""

    path: str
    title: str
    section: Section
    published: datetime
    shape: str
    source: str
    author: str
    paragraphs: tuple[str, ...]
    fields: tuple[str, ...] = ()
    attachment: str | None = None


def _a(href: str, text: str, attrs: str = "") -> str:
    return f'<a href="{escape(href)}"{attrs}>{escape(text)}</a>'


def page(
    title: str, main: str, nav: Sequence[tuple[str, str]], charset: str = "utf-8", head: str = ""
) -> str:
    """A whole page in the portal's chrome; ``charset`` is declared in a ``<meta>`` (the server sends none)."""
    label = "gb2312" if charset == "gbk" else charset
    links = "".join(f"<li>{_a(href, name)}</li>" for name, href in nav)
    friends = " ".join(_a(f"http://{host}/", name, ' target="_blank"') for name, host in FRIENDS)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={label}" />
<title>{escape(title)}</title>
<meta name="keywords" content="{SCHOOL},校园新闻,通知公告" />
{head}
</head>
<body>
<div class="top"><div class="logo">{_a("/index.html", SCHOOL)}</div>
<div class="search"><form action="/search/search.htm" method="get"><input name="q" type="text" /><button type="submit">搜索</button></form></div></div>
<div class="nav"><ul>{links}</ul></div>
<div class="main">
{main}
</div>
<div class="footer">
<div class="yqlj">友情链接：{friends}</div>
<p>版权所有 &copy; {SCHOOL}　地址：明川市滨江路88号　邮编：200240　电话：021-55550188</p>
<p>沪ICP备00000000号-1</p>
</div>
</body>
</html>
"""


def _titled(item: Item) -> str:
    return f' title="{escape(item.title)}" target="_blank"'


def _info(item: Item) -> str:
    return (
        f'<div class="info">发布时间：{item.published:%Y-%m-%d %H:%M}&nbsp;&nbsp;来源：{escape(item.source)}'
        f'&nbsp;&nbsp;作者：{escape(item.author)}&nbsp;&nbsp;浏览次数：<span class="hits">{item.published.day * 37}</span></div>'
    )


def _text(item: Item) -> str:
    lines = [f"<p>{escape(f)}</p>" for f in item.fields]
    lines += [f'<p style="text-indent:2em;">{escape(p)}</p>' for p in item.paragraphs]
    if item.attachment:
        name = (
            f"{item.title[2:-3] if item.title.startswith('关于') else item.title}附件{item.attachment[-4:]}"
        )
        lines.append(f"<p>附件：{_a(item.attachment, name)}</p>")
    if item.shape.startswith("notice"):
        lines.append(f'<p style="text-align:right;">{escape(item.source)}</p>')
        lines.append(
            f'<p style="text-align:right;">{item.published.year}年{item.published.month}月{item.published.day}日</p>'
        )
    return "\n".join(lines)


def article_main(item: Item, crumb: str, neighbours: Sequence[Item | None], related: Sequence[Item]) -> str:
    """Breadcrumb, the article area in the item's shape, share bar, previous/next and the 相关信息 list."""
    if item.shape == "wrapped":
        area = (
            f'<a class="wrap"><div class="content">\n<div class="bt">{escape(item.title)}</div>\n{_info(item)}\n'
            f"{_text(item)}\n</div></a>"
        )
    else:
        area = f'<div class="article">\n<h1 class="title">{escape(item.title)}</h1>\n{_info(item)}\n<div class="content">\n{_text(item)}\n</div>\n</div>'
    prev, nxt = neighbours
    fy = "".join(
        f"<p>{label}：{_a(n.path, n.title) if n else '没有了'}</p>"
        for label, n in (("上一篇", prev), ("下一篇", nxt))
    )
    rel = "".join(f"<li>{_a(r.path, r.title, _titled(r))}</li>" for r in related)
    return f"""<div class="location">当前位置：{_a("/index.html", "首页")} &gt; {_a(crumb, item.section.name)}</div>
{area}
<div class="share">分享到：<a href="#" class="bds_weixin">微信</a><a href="#" class="bds_tsina">微博</a>
<a href="#" onclick="window.print();return false;">打印本页</a> <a href="#" onclick="window.close();return false;">关闭窗口</a></div>
<div class="fy">{fy}</div>
<div class="xglj"><div class="xgxx1">相关信息</div></div>
<div class="xgxx_list"><ul>{rel}</ul></div>"""


def list_main(
    section: Section, rows: Sequence[Item], pages: Sequence[str], number: int, summaries: bool
) -> str:
    """One list page: dated title rows (with summaries when ``summaries``) and 首页/上一页/下一页/尾页 links."""
    items = []
    for item in rows:
        summary = f'<p class="summary">{escape(item.paragraphs[0][:60])}…</p>' if summaries else ""
        items.append(
            f'<li><span class="date">{item.published:%Y-%m-%d}</span>'
            f"{_a(item.path, item.title, _titled(item))}{summary}</li>"
        )
    links = [("首页", pages[0]), ("上一页", pages[max(number - 2, 0)])] if number > 1 else []
    if number < len(pages):
        links += [("下一页", pages[number]), ("尾页", pages[-1])]
    pager = " ".join(_a(href, label) for label, href in links)
    return f"""<div class="location">当前位置：{_a("/index.html", "首页")} &gt; {escape(section.name)}</div>
<div class="list-title">{escape(section.name)}</div>
<ul class="list">
{chr(10).join(items)}
</ul>
<div class="page">第{number}/{len(pages)}页 {pager}</div>"""


def home_main(boxes: Sequence[tuple[Section, str, Sequence[Item]]], topic: tuple[str, str]) -> str:
    """The home page: a box of the latest titles per column, with a 更多 link, and the topic banner."""
    html = [f'<div class="banner">{_a(topic[1], topic[0])}</div>']
    for section, more, items in boxes:
        rows = "".join(f"<li>{_a(i.path, i.title)}<span>{i.published:%m-%d}</span></li>" for i in items)
        html.append(
            f'<div class="box"><div class="box-t"><span>{escape(section.name)}</span>'
            f"{_a(more, '更多>>', _MORE)}</div><ul>{rows}</ul></div>"
        )
    return "\n".join(html)


def topic_main(heading: str, intro: str, items: Sequence[Item]) -> str:
    """A special-topic front (专题): an intro and teasers with summaries."""
    rows = "\n".join(
        f'<div class="zt-item"><h3>{_a(i.path, i.title)}</h3><p>{escape(i.paragraphs[0][:70])}…</p>'
        f'<span class="date">{i.published:%Y-%m-%d}</span></div>'
        for i in items
    )
    return f'<div class="zt"><h1>{escape(heading)}</h1>\n<p class="intro">{escape(intro)}</p>\n{rows}\n</div>'


def topic_head(heading: str) -> str:
    """The topic front's head: it declares itself an article."""
    return f'<meta property="og:type" content="article" />\n<meta property="og:title" content="{escape(heading)}" />'
