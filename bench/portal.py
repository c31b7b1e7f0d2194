"""Portal chrome of the benchmark site: channel navigation, boxes, footer, scripts and styles around each
page, spliced in when a page is served (``PortalSite``), so the generated site stays small in memory.

See bench/sitegen.py for the layouts; the markup pieces are ``bench.portalmarkup``.
"""

from __future__ import annotations

import json
import random
import zlib
from html import escape

from bench.portalmarkup import (
    cdn_url,
    external_scripts,
    img_tag,
    indented,
    item_link,
    script_analytics,
    script_config,
    slider,
    split_names,
    style_block,
    ticker,
    widgets,
)
from crawler.demo.content import EN_SITE_NAME, SITE_NAME
from crawler.demo.site import Page, Site

#: Chrome variants: the most-read, picture and latest boxes differ between them (as they change over a
#: day on a real portal); a page gets the variant its path hashes to.
VARIANTS = 64

ZH_CHANNELS = split_names(
    "教育资讯 装备动态 政策法规 招标采购 中标公告 行业观察 专家视点 企业风采 产品展示 实验教学 信息化 体育器材 "
    "图书馆 校园安全 学前教育 职业教育 高等教育 基础教育 特殊教育 民办教育 教师发展 课程改革 考试招生 国际交流 "
    "科技创新 创客教育 人工智能 智慧校园 录播系统 多媒体 实训设备 后勤装备 校园文化 地方动态 北京 上海 广东 江苏 "
    "浙江 山东 四川 湖北 河南 展会活动 专题报道 视频 图片 访谈 评测 问答"
)
EN_CHANNELS = split_names(
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
ZH_PARTNERS = split_names(
    "中国教育在线 中国教育新闻网 中国高校之窗 教育装备网 中国教育和科研计算机网 腾讯教育 新浪教育 搜狐教育 网易教育 "
    "人民网教育 新华网教育 光明网教育 央广网教育 中国网教育 环球网教育"
)


def zh_channel_path(n: int) -> str:
    """Path of Chinese channel ``n``."""
    return f"/channel/c{n + 1:02d}/"


def en_channel_path(n: int) -> str:
    """Path of English section ``n``."""
    return f"/en/section/{EN_CHANNELS[n].lower()}/"


class Chrome:
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
            + style_block(rng, 180 if zh else 70) + "\n" + external_scripts(rng, cdn) + "\n"
            + script_config(rng, "AD_SLOTS" if zh else "adSlots", 72 if zh else 96) + "\n"
        )  # fmt: skip
        self.top = self._top(rng)
        self.bottom_fixed = (
            self._footer(rng) + "\n" + widgets(rng, zh) + "\n" + script_analytics(rng, "G-EXAMPLE1") + "\n"
        )
        self.bottom_fixed += (
            script_config(rng, "RECOMMEND_CONF" if zh else "__INITIAL_STATE__", 40 if zh else 72) + "\n"
        )
        self._variants: dict[int, bytes] = {}
        self.head_b = self.head.encode()
        self.top_b = f"<!-- header start -->\n{indented(self.top)}\n<!-- header end -->\n".encode()

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
        logo = cdn_url(rng, "img.cgjy-cdn.cn" if self.zh else "img.exampledaily-cdn.com", "png")
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
            item_link(u, title, "rank-item", f"rank.{i}", f'<span class="num num{i + 1}">{i + 1}</span><span class="hot">{rng.randint(1000, 99999)}</span>')
            for i, (u, title, _) in enumerate(rank)
        )  # fmt: skip
        pic_html = "".join(
            f'<li class="pic-item" data-spm="pic.{i}"><a href="{u}" target="_blank" class="pic-a"><img {img_tag(rng, img_host, zh)} '
            f'alt="{escape(title)}" width="300" height="200" loading="lazy"></a>'
            f'<p class="pic-tit"><a href="{u}" target="_blank">{escape(title)}</a></p></li>'
            for i, (u, title, _) in enumerate(pics)
        )  # fmt: skip
        latest_html = "".join(
            item_link(u, title, "latest-item", f"latest.{i}", f'<span class="time">{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}</span><p class="sum">{escape(summary)}</p>')
            for i, (u, title, summary) in enumerate(latest)
        )  # fmt: skip
        promos = "".join(
            f'<div class="promo promo-{i}" id="ad_{v}_{i}" data-slot="side_{i}"><a href="https://ad.{"cgjy" if zh else "exampledaily"}.example/click?'
            f'aid={rng.getrandbits(32)}&amp;slot=side_{i}&amp;ref=article" target="_blank" rel="nofollow sponsored">'
            f'<img src="{cdn_url(rng, img_host, "gif")}" width="300" height="250" alt="{"广告" if zh else "Advertisement"}"></a></div>'
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
            f'{ticker(rng, zh)}<div class="side" id="side_{v}">{slider(rng, slides, img_host, zh)}{promos[: len(promos) // 2]}'
            f'<div class="rank box"><div class="box-hd"><h3>{titles[0]}</h3><span class="tabs"><a href="javascript:;" onmouseover="setTab(\'rank\',1,2)" class="hover">24h</a>'
            f'<a href="javascript:;" onmouseover="setTab(\'rank\',2,2)">7d</a></span></div><ul class="rank-list" id="con_rank_1">{rank_html}</ul></div>'
            f'<div class="pic box"><div class="box-hd"><h3>{titles[1]}</h3></div><ul class="pic-list clearfix">{pic_html}</ul></div>'
            f'<div class="latest box"><div class="box-hd"><h3>{titles[2]}</h3></div><ul class="latest-list">{latest_html}</ul></div>'
            f"{promos[len(promos) // 2 :]}</div>\n"
            f'<div class="share-bar w1200">{share}</div>\n'
        )  # fmt: skip
        tail = (
            side
            + script_config(rng, "RANK_EXPOSURE" if zh else "trackingConfig", 24)
            + "\n"
            + self.bottom_fixed
        )
        out = f"<!-- sidebar and footer start -->\n{indented(tail)}\n<!-- footer end -->\n".encode()
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
    """A Site whose HTML pages get portal chrome when served (``Chrome.wrap``); print copies stay bare."""

    def __init__(self, pages: dict[str, Page], zh: Chrome, en: Chrome) -> None:
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
