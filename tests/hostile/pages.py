"""HTML of the hostile site: the good articles (invented text) and the pages that must not be stored."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Good:
    """A good article: it must be stored exactly once, its ``marker`` sentence intact in the body."""

    key: str
    path: str
    title: str
    marker: str
    encoding: str = "utf-8"


def _paragraphs(marker: str, topic: str) -> list[str]:
    return [
        marker,
        (
            f"Officials said the work on the {topic} would continue through the spring, with crews on site "
            "six days a week and a public meeting planned for the end of the month to answer questions."
        ),
        (
            f"Residents who wrote to the council about the {topic} were told that the budget had been approved "
            "in January and that no further closures were expected once the first phase was complete."
        ),
    ]


def _zh_paragraphs(marker: str) -> list[str]:
    return [
        marker,
        "区教育局表示，新学期各校将继续推进课后服务，组织教师开展读书会和科学实验课，家长可在网上预约参加开放日活动。",
        "据介绍，今年全区新增图书角四十个，流动书车每周进社区两次，借阅人数比去年同期增长近三成，受到居民欢迎。",
    ]


GOOD: tuple[Good, ...] = (
    Good(
        "g1",
        "/news/2024/03/11/harbour-ferry-timetable-changes.html",
        "Harbour ferry timetable changes",
        "The harbour ferry will leave every twenty minutes from the north pier starting next Monday.",
    ),
    Good(
        "g2",
        "/news/2024/03/11/library-opens-late-on-fridays.html",
        "Library opens late on Fridays",
        "The central library will stay open until nine on Fridays after a trial run drew large crowds.",
    ),
    Good(
        "g3",
        "/news/2024/03/12/bridge-repairs-finish-early.html",
        "Bridge repairs finish early",
        "Repairs to the old stone bridge finished two weeks ahead of schedule, the works office said.",
    ),
    Good(
        "g4",
        "/news/2024/03/12/school-garden-wins-award.html",
        "School garden wins award",
        "A school garden planted by pupils on Elm Street won the regional green spaces award this year.",
    ),
    Good(
        "g5",
        "/news/2024/03/13/zhongshan-road-bus-lane.html",
        "中山路公交专用道启用",
        "中山路公交专用道本周一正式启用，早晚高峰公交车平均提速约五分钟，市民普遍表示出行更方便了。",
    ),
    Good(
        "g6",
        "/news/2024/03/13/night-market-returns-to-the-square.html",
        "Night market returns",
        "The night market returns to the old square on Saturday with forty stalls and a small stage.",
    ),
    Good(
        "gzip",
        "/news/2024/03/14/gzip-served-river-cleanup-story.html",
        "River clean-up volunteers",
        "More than two hundred volunteers cleared litter from the riverbanks in a single morning.",
    ),
    Good(
        "gbk",
        "/news/2024/03/14/gbk-declared-reading-corner.html",
        "社区读书角开放",
        encoding="gbk",
        marker="社区读书角今天开放，镕城小学的喆堃同学在开幕式上朗读了自己写的短文，赢得阵阵掌声。",
    ),
    Good(
        "gb18030",
        "/news/2024/03/14/gb2312-label-gb18030-bytes.html",
        "镕城科技节开幕",
        encoding="gb18030",
        marker="镕城科技节开幕，喆堃与𠮷字展板前排起长队，参观的学生对古籍里的生僻字非常好奇。",
    ),
    Good(
        "gbk_lie",
        "/news/2024/03/15/gbk-bytes-declared-utf8.html",
        "公园步道改造完成",
        encoding="gbk",
        marker="滨江公园步道改造完成，新铺设的透水砖让雨后路面不再积水，晨练的市民纷纷点赞。",
    ),
    Good(
        "utf8_lie",
        "/news/2024/03/15/utf8-bytes-declared-gbk.html",
        "高原铁路新站投用",
        "高原铁路新站今天投入使用，旅客可以在候车厅免费领取热水和防寒用品，首日客流平稳有序。",
    ),
    Good(
        "invalid",
        "/news/2024/03/15/invalid-bytes-weather-report.html",
        "Spring weather report",
        "Forecasters expect a mild and dry spring with only a few days of heavy rain in April.",
    ),
    Good(
        "nul",
        "/news/2024/03/16/nul-bytes-market-prices.html",
        "Market prices steady",
        "Vegetable prices at the wholesale market stayed steady this week despite the cold snap.",
    ),
    Good(
        "malicious",
        "/news/2024/03/16/malicious-title-council-vote.html",
        "Council vote",
        "The council voted to extend the cycle lane along the canal after a long evening debate.",
    ),
    Good(
        "dup",
        "/news/2024/03/16/dockside-market-reopens.html",
        "Dockside market reopens",
        "The dockside market reopened under a new glass roof after eighteen months of building work.",
    ),
    Good(
        "home_a",
        "/news/2024/03/17/canonical-home-first-story.html",
        "Museum extends hours",
        "The city museum will extend its opening hours during the school holidays, staff confirmed.",
    ),
    Good(
        "home_b",
        "/news/2024/03/17/canonical-home-second-story.html",
        "Swimming pool reopens",
        "The public swimming pool reopened after new filters and a heated learner pool were installed.",
    ),
    Good(
        "canon_offsite",
        "/news/2024/03/17/canonical-offsite-story.html",
        "Tram trial extended",
        "The tram trial on the east line will run for another six months after strong demand.",
    ),
    Good(
        "ratelimit",
        "/news/2024/03/18/rate-limited-article.html",
        "Rate limited story",
        "Farmers at the weekly fair reported record sales of early strawberries and fresh herbs.",
    ),
    Good(
        "burst_url",
        "/news/2024/03/18/burst-url-article.html",
        "Hospital car park",
        "The hospital car park will add three hundred spaces when the new deck opens in June.",
    ),
    Good(
        "burst_1",
        "/burst/2024/03/19/burst-story-one.html",
        "Burst story one",
        "The fire brigade opened its doors to visitors and showed children how the ladders work.",
    ),
    Good(
        "burst_2",
        "/burst/2024/03/19/burst-story-two.html",
        "Burst story two",
        "A new footpath links the railway station with the business park along the old canal.",
    ),
    Good(
        "burst_3",
        "/burst/2024/03/19/burst-story-three.html",
        "Burst story three",
        "The choir from the harbour district will sing at the spring festival for the first time.",
    ),
    Good(
        "redirected",
        "/news/2024/03/20/redirect-target-article.html",
        "Redirected story",
        "The post office on King Street will move to a larger shop across the road in May.",
    ),
    Good(
        "paged_1",
        "/news/2024/03/20/paged-story-one.html",
        "Paged story one",
        "A bakery on the corner of Mill Lane celebrated fifty years with free bread for neighbours.",
    ),
    Good(
        "paged_2",
        "/news/2024/03/21/paged-story-two.html",
        "Paged story two",
        "The rowing club launched two new boats named after founding members of the club.",
    ),
    Good(
        "paged_3",
        "/news/2024/03/21/paged-story-three.html",
        "Paged story three",
        "Street lights along the promenade were replaced with warmer and dimmer lamps this week.",
    ),
    Good(
        "session",
        "/news/2024/03/22/session-linked-article.html",
        "Session linked story",
        "The allotment society is offering twenty new plots to families on the waiting list.",
    ),
)
GOOD_BY_KEY = {good.key: good for good in GOOD}


def article_html(
    good: Good,
    *,
    title: str | None = None,
    canonical: str | None = None,
    charset: str = "utf-8",
    extra: str = "",
) -> str:
    """A complete news article page for ``good`` (JSON-LD NewsArticle, byline, three paragraphs)."""
    title = good.title if title is None else title
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in good.marker)
    paragraphs = _zh_paragraphs(good.marker) if chinese else _paragraphs(good.marker, good.key)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": "2024-03-15T08:00:00+08:00",
        "author": {"@type": "Person", "name": "Lin Wei"},
    }
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{escape(title)}</title>{link}'
        f'<meta property="og:type" content="article">'
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>'
        f'<body><nav><a href="/">Home</a></nav><article><h1>{escape(title)}</h1>'
        f'<p class="byline">By Lin Wei, 2024-03-15 08:00</p>{body}{extra}</article></body></html>'
    )


def hub_html(title: str, links: list[str], text: str = "") -> str:
    """A list page: a title and links."""
    items = "".join(f'<li><a href="{escape(href)}">{escape(href[:60])}</a></li>' for href in links)
    return (
        f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>"
        f"<p>{escape(text)}</p><ul>{items}</ul></body></html>"
    )


def not_article_html(kind: str) -> str:
    """A soft 404 or a boilerplate-only page that still looks like a news article to the extractor."""
    good = Good(kind, "", "页面不存在" if kind == "soft404" else "通知", "")
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": good.title,
        "datePublished": "2024-03-15T08:00:00+08:00",
    }
    if kind == "soft404":
        lines = [
            "对不起，您访问的页面不存在或已被删除，请返回首页继续浏览其他新闻内容，给您带来不便敬请谅解，谢谢您的支持与理解。"
        ]
    else:
        lines = [
            "【我要投稿】",
            "分享到：微信 微博 QQ空间",
            "Copyright © 2003-2024 Example Daily. All Rights Reserved.",
            "版权所有 © 2003-2024 示例日报社 未经书面授权不得转载、摘编或利用其它方式使用本网站内容。",
        ]
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{good.title}</title>'
        f'<meta property="og:type" content="article">'
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>'
        f'<body><article><h1>{good.title}</h1><p class="byline">By Lin Wei, 2024-03-15 08:00</p>{body}'
        f"</article></body></html>"
    )


def refresh_html(target: str) -> str:
    """A page that sends the browser on at once with ``<meta http-equiv="refresh">``."""
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0; url={escape(target)}">'
        f"<title>Moved</title></head><body><p>This page has moved.</p></body></html>"
    )
