"""Markup pieces of the benchmark site's portal chrome: boxes, tickers, sliders, comments, scripts, styles.

Used by ``bench.portal``; every piece is drawn from a seeded ``random.Random`` so the site is the same on
every run. See bench/sitegen.py for what the portal layout is for.
"""

from __future__ import annotations

import json
import random
import re
from html import escape


def split_names(text: str, sep: str | None = None) -> tuple[str, ...]:
    """Split a list of names written as one string."""
    return tuple(text.split(sep))


def cdn_url(rng: random.Random, host: str, ext: str) -> str:
    return (
        f"//{host}/upload/2024/03/{rng.randint(1, 28):02d}/{rng.getrandbits(64):016x}{rng.getrandbits(32):08x}"
        f".{ext}?x-oss-process=image/resize,m_fill,w_{rng.choice((120, 240, 300, 640))},h_{rng.choice((90, 160, 200))}"
    )


_CSS_BLOCKS = ("w1200", "topbar", "hd", "nav", "crumb", "side", "rank", "pic", "promo", "links", "ft", "share",
               "ticker", "slider", "latest", "comment", "modal", "qr", "box", "btn", "tick", "cmt")  # fmt: skip
_CSS_PARTS = ("", "-hd", "-list", "-item", "-inner", "-meta", " a", " a:hover", " li", " .on", " img", " p")


def img_tag(rng: random.Random, host: str, zh: bool) -> str:
    """Image source attributes: lazy-load originals on Chinese portals, responsive srcsets on English sites."""
    if zh:
        return f'src="{cdn_url(rng, host, "jpg")}" data-original="{cdn_url(rng, host, "jpg")}" onerror="this.src=\'/static/img/default.png\'"'
    base = cdn_url(rng, host, "jpg").split("?", 1)[0]
    srcset = ", ".join(
        f"https:{base}?width={w}&amp;quality=85&amp;auto=format&amp;fit=max&amp;s={rng.getrandbits(64):016x} {w}w"
        for w in (140, 300, 620, 1020)
    )
    return f'src="https:{base}?width=300&amp;quality=85" srcset="{srcset}" sizes="(min-width: 980px) 300px, 45vw"'


def style_block(rng: random.Random, rules: int) -> str:
    """An inline stylesheet of ``rules`` rules (portals inline their page CSS: 7-18 KB near the median)."""
    out = [
        f".{rng.choice(_CSS_BLOCKS)}{rng.choice(_CSS_PARTS)}{{margin:{rng.randint(0, 20)}px {rng.choice(('auto', '0', '10px'))};"
        f"padding:{rng.randint(0, 12)}px {rng.randint(0, 12)}px;font-size:{rng.randint(12, 18)}px;line-height:{rng.randint(18, 30)}px;"
        f"color:#{rng.getrandbits(24):06x};{rng.choice(('float:left', 'overflow:hidden', 'display:block', 'position:relative'))}}}"
        for _ in range(rules)
    ]
    return '<style type="text/css">\n' + "\n".join(out) + "\n</style>"


def script_config(rng: random.Random, name: str, slots: int) -> str:
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


def script_analytics(rng: random.Random, account: str) -> str:
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


def external_scripts(rng: random.Random, host: str) -> str:
    names = ("jquery-1.12.4.min", "swiper.min", "common", "lazyload", "share", "ad", "stat", "comment")
    return "\n".join(
        f'<script type="text/javascript" src="//{host}/js/{n}.js?v=2024031{rng.randint(0, 9)}"></script>'
        for n in names
    )


_INDENT = re.compile(r">(<(?:li|div|ul|p|a|span|h3|img|script|form|input|button|label|symbol|i)\b)")


def indented(html: str) -> str:
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
        f'<div class="cmt-item" data-id="{rng.getrandbits(40)}"><div class="cmt-avatar"><img src="{cdn_url(rng, "img.avatar-cdn.example", "jpg")}" width="40" height="40" alt=""></div>'
        f'<div class="cmt-body"><p class="cmt-user"><span class="cmt-name">{"网友" if zh else "reader"}{rng.randint(1000, 9999)}</span>'
        f'<span class="cmt-loc">{rng.choice(("北京", "上海", "广东", "四川") if zh else ("London", "Leeds", "Bristol", "Glasgow"))}</span>'
        f'<span class="cmt-time">{rng.randint(1, 59)}{"分钟前" if zh else " min ago"}</span></p><p class="cmt-text">{rng.choice(texts)}</p>'
        f'<div class="cmt-ops"><span class="cmt-like"><i class="icon icon-like"></i>{rng.randint(0, 99)}</span>'
        f'<span class="cmt-reply"><i class="icon icon-reply"></i>{"回复" if zh else "Reply"}</span></div></div></div>'
        for _ in range(8 if zh else 4)
    )


def widgets(rng: random.Random, zh: bool) -> str:
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
        f'<div class="qr qr-{i}"><img src="{cdn_url(rng, "img.qr-cdn.example", "png")}" width="100" height="100" alt="qr"><p>{label[5]}</p></div>'
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


def item_link(url: str, title: str, klass: str, spm: str, extra: str = "") -> str:
    log = escape(json.dumps({"mod": klass, "pos": spm, "url": url, "type": "article", "exp": 1}), quote=True)
    return (
        f'<li class="{klass} clearfix" data-spm="{spm}" data-log="{log}"><div class="{klass}-inner"><i class="icon icon-dot"></i>'
        f'<a href="{url}" target="_blank" title="{escape(title)}" data-track="click" data-position="{spm}">{escape(title)}</a>'
        f'<div class="{klass}-meta">{extra}</div></div></li>'
    )


def ticker(rng: random.Random, zh: bool) -> str:
    """A market / weather ticker: rows of spans, no links."""
    names = (split_names("上证指数 深证成指 创业板指 沪深300 恒生指数 北京 上海 广州 深圳 成都 武汉 杭州") if zh else
             split_names("FTSE 100,Dow Jones,Nasdaq,S&P 500,Nikkei,DAX,London,New York,Paris,Tokyo,Sydney,Berlin", ","))  # fmt: skip
    rows = "".join(
        f'<li class="tick-row" data-code="{rng.getrandbits(24):06x}"><span class="tick-name">{escape(n)}</span>'
        f'<span class="tick-val">{rng.uniform(10, 9000):.2f}</span><span class="tick-chg {("up", "down")[i % 2]}">'
        f'<i class="arrow"></i>{rng.uniform(-3, 3):+.2f}%</span></li>'
        for i, n in enumerate(names)
    )
    return f'<div class="ticker w1200" id="ticker"><ul class="tick-list clearfix">{rows}</ul></div>'


def slider(rng: random.Random, stories: list[tuple[str, str, str]], img_host: str, zh: bool) -> str:
    """A front-page style picture slider of five stories with captions and dots."""
    slides = "".join(
        f'<li class="slide" data-index="{i}"><a href="{u}" target="_blank" class="slide-a"><img {img_tag(rng, img_host, zh)} '
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
