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
chrome is spliced in when a page is served (``PortalSite``): the generated site stays small in memory.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import dataclass, replace
from html import escape

from crawler.demo import templates as t
from crawler.demo.content import EN_SITE_NAME, EN_STORIES, SITE_NAME, ZH_STORIES, EnStory, ZhStory
from crawler.demo.site import Page, Site, en_path, zh_path

PAGE_SIZE = 20
DUP_EVERY = 50
TRACKING = "utm_source=wechat&utm_medium=share&spm=1.2.3"
LAYOUTS = ("portal", "lean")
#: Chrome variants: the most-read, picture and latest boxes differ between them (as they change over a
#: day on a real portal); a page gets the variant its path hashes to.
VARIANTS = 64


def _names(text: str, sep: str | None = None) -> tuple[str, ...]:
    """Split a list of names written as one string."""
    return tuple(text.split(sep))


ZH_CHANNELS = _names(
    "教育资讯 装备动态 政策法规 招标采购 中标公告 行业观察 专家视点 企业风采 产品展示 实验教学 信息化 体育器材 "
    "图书馆 校园安全 学前教育 职业教育 高等教育 基础教育 特殊教育 民办教育 教师发展 课程改革 考试招生 国际交流 "
    "科技创新 创客教育 人工智能 智慧校园 录播系统 多媒体 实训设备 后勤装备 校园文化 地方动态 北京 上海 广东 江苏 "
    "浙江 山东 四川 湖北 河南 展会活动 专题报道 视频 图片 访谈 评测 问答"
)
EN_CHANNELS = _names(
    "World,US,UK,Politics,Business,Markets,Economy,Tech,Science,Health,Climate,Environment,Education,Culture,"
    "Books,Film,Music,Art,Travel,Food,Style,Sport,Football,Cricket,Tennis,Opinion,Editorials,Letters,"
    "Obituaries,Podcasts,Video,Photos,Newsletters,Local,Weather,Crosswords,Puzzles,Lifestyle,Money,Property",
    ",",
)
ZH_ABOUT = ("关于我们", "联系我们", "广告服务", "网站地图", "版权声明", "隐私政策", "招聘信息", "意见反馈")
EN_ABOUT = (
    "About us",
    "Contact",
    "Advertise",
    "Site map",
    "Terms of use",
    "Privacy",
    "Careers",
    "Corrections",
)
ZH_PARTNERS = _names(
    "中国教育在线 中国教育新闻网 中国高校之窗 教育装备网 中国教育和科研计算机网 腾讯教育 新浪教育 搜狐教育 网易教育 "
    "人民网教育 新华网教育 光明网教育 央广网教育 中国网教育 环球网教育"
)


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


# -- portal chrome ----------------------------------------------------------------------------------------


def zh_channel_path(n: int) -> str:
    """Path of Chinese channel ``n``."""
    return f"/channel/c{n + 1:02d}/"


def en_channel_path(n: int) -> str:
    """Path of English section ``n``."""
    return f"/en/section/{EN_CHANNELS[n].lower()}/"


def _cdn(rng: random.Random, host: str, ext: str) -> str:
    return (
        f"//{host}/upload/2024/03/{rng.randint(1, 28):02d}/{rng.getrandbits(64):016x}{rng.getrandbits(32):08x}"
        f".{ext}?x-oss-process=image/resize,m_fill,w_{rng.choice((120, 240, 300, 640))},h_{rng.choice((90, 160, 200))}"
    )


_CSS_BLOCKS = ("w1200", "topbar", "hd", "nav", "crumb", "side", "rank", "pic", "promo", "links", "ft", "share",
               "ticker", "slider", "latest", "comment", "modal", "qr", "box", "btn", "tick", "cmt")  # fmt: skip
_CSS_PARTS = ("", "-hd", "-list", "-item", "-inner", "-meta", " a", " a:hover", " li", " .on", " img", " p")


def _img(rng: random.Random, host: str, zh: bool) -> str:
    """Image source attributes: lazy-load originals on Chinese portals, responsive srcsets on English sites."""
    if zh:
        return f'src="{_cdn(rng, host, "jpg")}" data-original="{_cdn(rng, host, "jpg")}" onerror="this.src=\'/static/img/default.png\'"'
    base = _cdn(rng, host, "jpg").split("?", 1)[0]
    srcset = ", ".join(
        f"https:{base}?width={w}&amp;quality=85&amp;auto=format&amp;fit=max&amp;s={rng.getrandbits(64):016x} {w}w"
        for w in (140, 300, 620, 1020)
    )
    return f'src="https:{base}?width=300&amp;quality=85" srcset="{srcset}" sizes="(min-width: 980px) 300px, 45vw"'


def _style(rng: random.Random, rules: int) -> str:
    """An inline stylesheet of ``rules`` rules (portals inline their page CSS: 7-18 KB near the median)."""
    out = [
        f".{rng.choice(_CSS_BLOCKS)}{rng.choice(_CSS_PARTS)}{{margin:{rng.randint(0, 20)}px {rng.choice(('auto', '0', '10px'))};"
        f"padding:{rng.randint(0, 12)}px {rng.randint(0, 12)}px;font-size:{rng.randint(12, 18)}px;line-height:{rng.randint(18, 30)}px;"
        f"color:#{rng.getrandbits(24):06x};{rng.choice(('float:left', 'overflow:hidden', 'display:block', 'position:relative'))}}}"
        for _ in range(rules)
    ]
    return '<style type="text/css">\n' + "\n".join(out) + "\n</style>"


def _script_config(rng: random.Random, name: str, slots: int) -> str:
    """An inline ad/analytics configuration script of realistic weight (tens of slot objects)."""
    data = [
        {
            "slot": f"{name}_{i:03d}",
            "size": [rng.choice((300, 728, 970, 160)), rng.choice((90, 250, 600))],
            "targeting": {
                "pos": rng.choice(("top", "right", "bottom", "inline")),
                "k": f"{rng.getrandbits(40):010x}",
            },
            "refresh": rng.choice((0, 30, 60)),
            "lazy": bool(i % 2),
        }
        for i in range(slots)
    ]
    return f"<script>window.{name}={json.dumps(data, separators=(',', ':'))};</script>"


def _script_analytics(rng: random.Random, account: str) -> str:
    key = f"{rng.getrandbits(128):032x}"
    return (
        "<script>var _hmt=_hmt||[];(function(){var hm=document.createElement('script');"
        f"hm.src='https://hm.stats-example.cn/hm.js?{key}';var s=document.getElementsByTagName('script')[0];"
        "s.parentNode.insertBefore(hm,s);})();\n"
        f"(function(w,d){{w.dataLayer=w.dataLayer||[];function g(){{w.dataLayer.push(arguments);}}g('js',new Date());"
        f"g('config','{account}',{{'anonymize_ip':true,'page_path':d.location.pathname}});}})(window,document);\n"
        "function setTab(name,cursel,n){for(var i=1;i<=n;i++){var menu=document.getElementById(name+i);"
        "var con=document.getElementById('con_'+name+'_'+i);menu.className=i==cursel?'hover':'';"
        "con.style.display=i==cursel?'block':'none';}}</script>"
    )


def _external_scripts(rng: random.Random, host: str) -> str:
    names = ("jquery-1.12.4.min", "swiper.min", "common", "lazyload", "share", "ad", "stat", "comment")
    return "\n".join(
        f'<script type="text/javascript" src="//{host}/js/{n}.js?v=2024031{rng.randint(0, 9)}"></script>'
        for n in names
    )


_INDENT = re.compile(r">(<(?:li|div|ul|p|a|span|h3|img|script|form|input|button|label|symbol|i)\b)")


def _indented(html: str) -> str:
    """Template output as a CMS renders it: one element a line, indented with tabs."""
    return _INDENT.sub(">\n\t\t\t\t\t\\1", html)


def _icons(rng: random.Random) -> str:
    """An inline SVG sprite of icons (hidden), as template frameworks emit."""
    symbols = []
    for i in range(24):
        points = " ".join(f"{rng.uniform(0, 24):.2f} {rng.uniform(0, 24):.2f}" for _ in range(18))
        symbols.append(
            f'<symbol id="icon-{i}" viewBox="0 0 24 24"><path d="M{points}z" fill-rule="evenodd"></path></symbol>'
        )
    return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">{"".join(symbols)}</svg>'


def _plugin(rng: random.Random, name: str) -> str:
    """An inline jQuery-style plugin (a slider, tabs, lazy loading) of realistic weight."""
    funcs = [
        f"{name}.fn{i}=function(el,opts){{var o=$.extend({{speed:{rng.randint(200, 900)},auto:{str(bool(i % 2)).lower()},"
        f"cls:'{name.lower()}-{i}'}},opts||{{}});var $el=$(el),n=$el.find('li').length,cur=0;"
        f"function go(k){{cur=(k+n)%n;$el.find('ul').stop().animate({{left:-cur*$el.width()}},o.speed);"
        f"$el.find('.dot span').eq(cur).addClass('on').siblings().removeClass('on');}}"
        f"if(o.auto){{setInterval(function(){{go(cur+1);}},{rng.randint(3, 6)}000);}}return go;}};"
        for i in range(20)
    ]
    return f"<script>var {name}=window.{name}||{{}};{''.join(funcs)}</script>"


def _comments(rng: random.Random, zh: bool) -> str:
    """Reader comments rendered into the page (avatar, name, place, time, text, like and reply buttons)."""
    texts = (("支持！", "学校的装备越来越好了。", "希望多报道一些农村学校的情况。", "这个活动很有意义，点赞。", "我们学校也在推进这项工作。")
             if zh else ("Great piece.", "Thanks for covering this.", "I disagree with the second point.", "More of this, please.", "Interesting read."))  # fmt: skip
    return "".join(
        f'<div class="cmt-item" data-id="{rng.getrandbits(40)}"><div class="cmt-avatar"><img src="{_cdn(rng, "img.avatar-cdn.example", "jpg")}" width="40" height="40" alt=""></div>'
        f'<div class="cmt-body"><p class="cmt-user"><span class="cmt-name">{"网友" if zh else "reader"}{rng.randint(1000, 9999)}</span>'
        f'<span class="cmt-loc">{rng.choice(("北京", "上海", "广东", "四川") if zh else ("London", "Leeds", "Bristol", "Glasgow"))}</span>'
        f'<span class="cmt-time">{rng.randint(1, 59)}{"分钟前" if zh else " min ago"}</span></p><p class="cmt-text">{rng.choice(texts)}</p>'
        f'<div class="cmt-ops"><span class="cmt-like"><i class="icon icon-like"></i>{rng.randint(0, 99)}</span>'
        f'<span class="cmt-reply"><i class="icon icon-reply"></i>{"回复" if zh else "Reply"}</span></div></div></div>'
        for _ in range(8 if zh else 4)
    )


def _widgets(rng: random.Random, zh: bool) -> str:
    """Hidden login dialog, comment form, QR codes, back-to-top bar and one ad call per slot."""
    label = (("用户名", "密码", "登录", "发表评论", "请登录后发表评论", "扫一扫关注微信公众号", "返回顶部", "意见反馈")
             if zh else ("Email", "Password", "Sign in", "Comments", "Sign in to comment", "Get the app", "Back to top", "Feedback"))  # fmt: skip
    login = (
        f'<div class="modal" id="loginModal" style="display:none" role="dialog" aria-hidden="true"><div class="modal-dialog"><div class="modal-content">'
        f'<form class="login-form" action="https://passport.{"cgjy" if zh else "exampledaily"}.example/login" method="post">'
        f'<label for="u">{label[0]}</label><input type="text" id="u" name="username" autocomplete="username" required>'
        f'<label for="p">{label[1]}</label><input type="password" id="p" name="password" autocomplete="current-password" required>'
        f'<input type="hidden" name="csrf" value="{rng.getrandbits(128):032x}"><button type="submit" class="btn btn-primary">{label[2]}</button>'
        "</form></div></div></div>"
    )
    comment = (
        f'<div class="comment-box" id="comment" data-thread="{rng.getrandbits(48):012x}"><div class="box-hd"><h3>{label[3]}</h3></div>'
        f'<form class="comment-form" onsubmit="return false"><textarea name="content" rows="4" placeholder="{label[4]}"></textarea>'
        f'<div class="comment-tools clearfix"><span class="emoji"><i class="icon icon-emoji"></i></span><button type="button" class="btn-submit" disabled>{label[3]}</button></div></form>'
        f'<div class="comment-list" id="commentList">{_comments(rng, zh)}</div></div>'
    )
    qr = "".join(
        f'<div class="qr qr-{i}"><img src="{_cdn(rng, "img.qr-cdn.example", "png")}" width="100" height="100" alt="qr"><p>{label[5]}</p></div>'
        for i in range(3)
    )
    gotop = f'<div class="side-tools" id="sideTools"><span class="gotop" onclick="window.scrollTo(0,0)"><i class="icon icon-top"></i>{label[6]}</span><span class="feedback"><i class="icon icon-fb"></i>{label[7]}</span></div>'
    calls = "".join(
        f"<script>(window.adq=window.adq||[]).push({{slot:'side_{i}',t:{rng.getrandbits(30)}}});</script>"
        for i in range(6)
    )
    return "\n".join(
        (
            login,
            comment,
            f'<div class="qr-box w1200">{qr}</div>',
            gotop,
            calls,
            _plugin(rng, "Slider" if zh else "Carousel"),
            "" if zh else _icons(rng),
        )
    )


def _item(url: str, title: str, klass: str, spm: str, extra: str = "") -> str:
    log = escape(json.dumps({"mod": klass, "pos": spm, "url": url, "type": "article", "exp": 1}), quote=True)
    return (
        f'<li class="{klass} clearfix" data-spm="{spm}" data-log="{log}"><div class="{klass}-inner"><i class="icon icon-dot"></i>'
        f'<a href="{url}" target="_blank" title="{escape(title)}" data-track="click" data-position="{spm}">{escape(title)}</a>'
        f'<div class="{klass}-meta">{extra}</div></div></li>'
    )


def _ticker(rng: random.Random, zh: bool) -> str:
    """A market / weather ticker: rows of spans, no links."""
    names = (_names("上证指数 深证成指 创业板指 沪深300 恒生指数 北京 上海 广州 深圳 成都 武汉 杭州") if zh else
             _names("FTSE 100,Dow Jones,Nasdaq,S&P 500,Nikkei,DAX,London,New York,Paris,Tokyo,Sydney,Berlin", ","))  # fmt: skip
    rows = "".join(
        f'<li class="tick-row" data-code="{rng.getrandbits(24):06x}"><span class="tick-name">{escape(n)}</span>'
        f'<span class="tick-val">{rng.uniform(10, 9000):.2f}</span><span class="tick-chg {("up", "down")[i % 2]}">'
        f'<i class="arrow"></i>{rng.uniform(-3, 3):+.2f}%</span></li>'
        for i, n in enumerate(names)
    )
    return f'<div class="ticker w1200" id="ticker"><ul class="tick-list clearfix">{rows}</ul></div>'


def _slider(rng: random.Random, stories: list[tuple[str, str, str]], img_host: str, zh: bool) -> str:
    """A front-page style picture slider of five stories with captions and dots."""
    slides = "".join(
        f'<li class="slide" data-index="{i}"><a href="{u}" target="_blank" class="slide-a"><img {_img(rng, img_host, zh)} '
        f'alt="{escape(title)}" width="640" height="360"><div class="slide-cap"><h4>{escape(title)}</h4>'
        f"<p>{escape(summary)}</p></div></a></li>"
        for i, (u, title, summary) in enumerate(stories)
    )
    dots = "".join(
        f'<span class="{"on" if i == 0 else ""}" data-i="{i}"></span>' for i in range(len(stories))
    )
    return (
        f'<div class="slider box" id="focusSlider"><ul class="slides clearfix">{slides}</ul><div class="dot">{dots}</div>'
        '<span class="prev" role="button"></span><span class="next" role="button"></span></div>'
    )


class _Chrome:
    """Head, top and bottom chrome of one language; per-variant boxes are built lazily and cached."""

    def __init__(self, zh: bool, stories: list[tuple[str, str, str]], seed: int) -> None:
        self.zh, self.stories, self.seed = zh, stories, seed
        rng = random.Random(seed)
        cdn = "static.cgjy-cdn.cn" if zh else "static.exampledaily-cdn.com"
        meta = (
            f'<meta name="keywords" content="{SITE_NAME},教育装备,招标采购,实验教学,智慧校园,信息化">\n'
            f'<meta name="description" content="{SITE_NAME}是教育装备行业门户，提供教育资讯、装备动态、招标采购信息。">\n'
            if zh
            else f'<meta name="description" content="{EN_SITE_NAME}: news, analysis and opinion from around the world.">\n'
        )
        self.head = (
            meta + '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            '<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">\n'
            + "".join(f'<link rel="stylesheet" type="text/css" href="//{cdn}/css/{n}.css?v=20240311">\n' for n in ("base", "common", "article"))
            + '<link rel="shortcut icon" href="/favicon.ico" type="image/x-icon">\n'
            + _style(rng, 180 if zh else 70) + "\n" + _external_scripts(rng, cdn) + "\n"
            + _script_config(rng, "AD_SLOTS" if zh else "adSlots", 72 if zh else 96) + "\n"
        )  # fmt: skip
        self.top = self._top(rng)
        self.bottom_fixed = (
            self._footer(rng) + "\n" + _widgets(rng, zh) + "\n" + _script_analytics(rng, "G-EXAMPLE1") + "\n"
        )
        self.bottom_fixed += (
            _script_config(rng, "RECOMMEND_CONF" if zh else "__INITIAL_STATE__", 40 if zh else 72) + "\n"
        )
        self._variants: dict[int, bytes] = {}
        self.head_b = self.head.encode()
        self.top_b = f"<!-- header start -->\n{_indented(self.top)}\n<!-- header end -->\n".encode()

    def _top(self, rng: random.Random) -> str:
        if self.zh:
            bar = [("https://passport.cgjy.example.cn/login", "登录"), ("https://passport.cgjy.example.cn/reg", "注册"),
                   ("https://m.cgjy.example.cn/", "手机版"), ("https://weibo.com/cgjy", "官方微博"),
                   ("https://mall.cgjy.example.cn/", "装备商城"), ("https://bid.cgjy.example.cn/", "招标平台")]  # fmt: skip
            nav = [(zh_channel_path(n), name) for n, name in enumerate(ZH_CHANNELS)]
            search = '<form class="search" action="https://so.cgjy.example.cn/s" method="get"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>'
        else:
            bar = [("https://account.exampledaily.example/signin", "Sign in"), ("https://subscribe.exampledaily.example/", "Subscribe"),
                   ("https://apps.apple.com/app/example-daily/id1234567", "iOS app"), ("https://play.google.com/store/apps/details?id=com.exampledaily", "Android app"),
                   ("https://jobs.exampledaily.example/", "Jobs"), ("https://shop.exampledaily.example/", "Shop")]  # fmt: skip
            nav = [(en_channel_path(n), name) for n, name in enumerate(EN_CHANNELS)]
            search = '<form class="search" role="search" action="https://search.exampledaily.example/" method="get"><input type="search" name="q" aria-label="Search"><button type="submit" aria-label="Search"><svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z"></path></svg></button></form>'
        bar_html = "".join(
            f'<a href="{u}" rel="nofollow" target="_blank" class="tb-link">{escape(n)}</a>' for u, n in bar
        )
        cells = "".join(
            f'<li class="nav-item nav-{i}" data-spm="nav.{i}" data-log="{escape(json.dumps({"mod": "nav", "pos": i, "url": u, "type": "channel", "exp": 1}))}"><a href="{u}" class="nav-link" target="_self"><i class="nav-icon"></i><em>{escape(n)}</em></a></li>'
            for i, (u, n) in enumerate(nav)
        )
        logo = _cdn(rng, "img.cgjy-cdn.cn" if self.zh else "img.exampledaily-cdn.com", "png")
        return (
            f'<div id="topbar" class="topbar"><div class="w1200 clearfix"><div class="fl">{bar_html}</div></div></div>\n'
            f'<div class="hd w1200 clearfix"><a class="hd-logo" href="/" title="home"><img src="{logo}" alt="logo" width="240" height="60"></a>{search}</div>\n'
            f'<div class="nav" id="mainNav"><ul class="w1200 nav-list clearfix">{cells}</ul></div>\n'
        )  # fmt: skip

    def _footer(self, rng: random.Random) -> str:
        if self.zh:
            about = "".join(
                f'<a href="/about/{i}.html" target="_blank">{n}</a><span class="sep">|</span>'
                for i, n in enumerate(ZH_ABOUT)
            )
            partners = "".join(
                f'<li><a href="https://www.partner{i}.example.cn/" target="_blank" rel="nofollow">{n}</a></li>'
                for i, n in enumerate(ZH_PARTNERS)
            )
            return (
                f'<div class="links w1200"><h3 class="tit">友情链接</h3><ul class="clearfix">{partners}</ul></div>\n'
                f'<div class="ft"><div class="w1200"><p class="ft-nav">{about}</p>'
                f"<p>Copyright © 2008-2024 {SITE_NAME} All Rights Reserved 版权所有 未经许可 不得转载</p>"
                '<p><a href="https://beian.miit.gov.cn/" target="_blank" rel="nofollow">京ICP备12345678号-1</a> '
                '<a href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010802012345" target="_blank" rel="nofollow">'
                "京公网安备 11010802012345号</a> 增值电信业务经营许可证 京B2-20120001</p>"
                '<p>违法和不良信息举报电话：010-12345678 举报邮箱：<a href="mailto:jubao@example.cn">jubao@example.cn</a></p></div></div>'
            )  # fmt: skip
        about = "".join(f'<li><a href="/about/{i}.html">{n}</a></li>' for i, n in enumerate(EN_ABOUT))
        sections = "".join(
            f'<li><a href="{en_channel_path(n)}">{escape(name)}</a></li>'
            for n, name in enumerate(EN_CHANNELS[:24])
        )
        social = "".join(
            f'<a href="https://www.{s}.com/exampledaily" rel="noopener" target="_blank" aria-label="{s}" class="social social-{s}">'
            '<svg viewBox="0 0 24 24" width="20" height="20"><circle cx="12" cy="12" r="10"></circle></svg></a>'
            for s in ("facebook", "twitter", "instagram", "youtube", "linkedin", "tiktok")
        )
        return (
            f'<footer class="site-footer"><div class="w1200"><nav class="footer-sections" aria-label="Sections"><ul>{sections}</ul></nav>'
            f'<ul class="footer-about">{about}</ul><div class="footer-social">{social}</div>'
            f"<p class=\"legal\">© 2024 {EN_SITE_NAME} Media Ltd. Registered in England and Wales No. 1234567.</p></div></footer>"
        )  # fmt: skip

    def variant(self, v: int) -> bytes:
        """Sidebar, share bar and the variant's trailing script: most-read, pictures, latest, promos."""
        cached = self._variants.get(v)
        if cached is not None:
            return cached
        rng = random.Random(self.seed * 1000 + v)
        n = len(self.stories)
        start = (v * n) // VARIANTS
        window = [self.stories[(start + i * 7) % n] for i in range(31)]
        rank, pics, latest, slides = window[:10], window[10:16], window[16:26], window[26:31]
        img_host = "img.cgjy-cdn.cn" if self.zh else "img.exampledaily-cdn.com"
        zh = self.zh
        rank_html = "".join(
            _item(u, title, "rank-item", f"rank.{i}", f'<span class="num num{i + 1}">{i + 1}</span><span class="hot">{rng.randint(1000, 99999)}</span>')
            for i, (u, title, _) in enumerate(rank)
        )  # fmt: skip
        pic_html = "".join(
            f'<li class="pic-item" data-spm="pic.{i}"><a href="{u}" target="_blank" class="pic-a"><img {_img(rng, img_host, zh)} '
            f'alt="{escape(title)}" width="300" height="200" loading="lazy"></a>'
            f'<p class="pic-tit"><a href="{u}" target="_blank">{escape(title)}</a></p></li>'
            for i, (u, title, _) in enumerate(pics)
        )  # fmt: skip
        latest_html = "".join(
            _item(u, title, "latest-item", f"latest.{i}", f'<span class="time">{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}</span><p class="sum">{escape(summary)}</p>')
            for i, (u, title, summary) in enumerate(latest)
        )  # fmt: skip
        promos = "".join(
            f'<div class="promo promo-{i}" id="ad_{v}_{i}" data-slot="side_{i}"><a href="https://ad.{"cgjy" if zh else "exampledaily"}.example/click?'
            f'aid={rng.getrandbits(32)}&amp;slot=side_{i}&amp;ref=article" target="_blank" rel="nofollow sponsored">'
            f'<img src="{_cdn(rng, img_host, "gif")}" width="300" height="250" alt="{"广告" if zh else "Advertisement"}"></a></div>'
            for i in range(6)
        )  # fmt: skip
        titles = ("热门排行", "图片推荐", "滚动新闻") if zh else ("Most read", "In pictures", "Latest")
        share = "".join(
            f'<a href="{u}" target="_blank" rel="nofollow" class="share-{k}">{k}</a>'
            for k, u in (("weibo", "https://service.weibo.com/share/share.php?url=__PAGE__"),
                         ("qzone", "https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=__PAGE__"),
                         ("douban", "https://www.douban.com/share/service?href=__PAGE__"),
                         ("linkedin", "https://www.linkedin.com/shareArticle?mini=true&amp;url=__PAGE__"))
        )  # fmt: skip
        side = (
            f'{_ticker(rng, zh)}<div class="side" id="side_{v}">{_slider(rng, slides, img_host, zh)}{promos[: len(promos) // 2]}'
            f'<div class="rank box"><div class="box-hd"><h3>{titles[0]}</h3><span class="tabs"><a href="javascript:;" onmouseover="setTab(\'rank\',1,2)" class="hover">24h</a>'
            f'<a href="javascript:;" onmouseover="setTab(\'rank\',2,2)">7d</a></span></div><ul class="rank-list" id="con_rank_1">{rank_html}</ul></div>'
            f'<div class="pic box"><div class="box-hd"><h3>{titles[1]}</h3></div><ul class="pic-list clearfix">{pic_html}</ul></div>'
            f'<div class="latest box"><div class="box-hd"><h3>{titles[2]}</h3></div><ul class="latest-list">{latest_html}</ul></div>'
            f"{promos[len(promos) // 2 :]}</div>\n"
            f'<div class="share-bar w1200">{share}</div>\n'
        )  # fmt: skip
        tail = (
            side
            + _script_config(rng, "RANK_EXPOSURE" if zh else "trackingConfig", 24)
            + "\n"
            + self.bottom_fixed
        )
        out = f"<!-- sidebar and footer start -->\n{_indented(tail)}\n<!-- footer end -->\n".encode()
        self._variants[v] = out
        return out

    def wrap(self, body: bytes, path: str) -> bytes:
        """Splice the chrome into a page: head extras, top bars and navigation, then sidebar and footer."""
        variant = self.variant(zlib.crc32(path.encode()) % VARIANTS)
        head, sep, rest = body.partition(b"</head>")
        if not sep:
            return body
        opening, sep2, inner = rest.partition(b">")  # the <body> tag
        main, _, closing = inner.rpartition(b"</body>")
        return b"".join(
            (
                head,
                self.head_b,
                b"</head>",
                opening,
                sep2,
                b"\n",
                self.top_b,
                main,
                variant,
                b"</body>",
                closing,
            )
        )


class PortalSite(Site):
    """A Site whose HTML pages get portal chrome when served (``_Chrome.wrap``); print copies stay bare."""

    def __init__(self, pages: dict[str, Page], zh: _Chrome, en: _Chrome) -> None:
        super().__init__({})
        self._pages = pages  # no copy: at 50,000 articles the dict is large
        self.zh, self.en = zh, en

    def resolve(self, target: str, base_url: str = "") -> Page:
        """The lean page with its language's chrome spliced in (HTML pages only, not print copies)."""
        page = super().resolve(target, base_url)
        if (
            page.status != 200
            or "html" not in page.headers.get("Content-Type", "")
            or target.startswith("/print/")
        ):
            return page
        chrome = self.en if target.startswith("/en/") else self.zh
        return Page(page.status, page.headers, chrome.wrap(page.body, target))


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
    zh_chrome = _Chrome(
        True, [(zh_path(s), s.title, s.paragraphs[0][:40]) for s in zh] or [("/", SITE_NAME, "")], seed
    )
    en_chrome = _Chrome(
        False,
        [(en_path(s), s.title, s.paragraphs[0][:90]) for s in en] or [("/en/", EN_SITE_NAME, "")],
        seed + 1,
    )
    return Generated(PortalSite(pages, zh_chrome, en_chrome), gold, aliases, layout)
