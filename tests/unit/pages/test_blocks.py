"""Boilerplate blocks: headed blocks must be small and link-like; prose after "Read more" stays."""

from __future__ import annotations

import pytest

from crawler.pages import blocks, blocktokens, census, dom, textlines

PROSE = "<p>The river rose by two metres overnight and the council closed three bridges as a precaution.</p>"


def _rules(html: str) -> dict[str, str]:
    root = dom.parse(html)
    found = blocks.find_blocks(root, census.stats(root))
    return {b.rule: textlines.text_of(b.nodes) for b in found}


def test_big_container_starting_with_a_tool_word_is_not_a_block() -> None:
    html = f"<html><body><div id='content'>Share<div>{PROSE * 40}</div></div></body></html>"
    assert "share_widget" not in _rules(html)


def test_prose_after_a_read_more_button_is_not_related_reading() -> None:
    linked = PROSE.replace("council", "<a href='/council'>council</a>")
    html = f"<html><body><div>{PROSE * 3}</div><div>Read more</div><div>{linked * 10}</div></body></html>"
    assert "river" not in _rules(html).get("related_reading", "")


def test_related_heading_with_link_list_is_a_block() -> None:
    links = "".join(f"<li><a href='/n{i}'>Another story about the floods {i}</a></li>" for i in range(5))
    html = f"<html><body><div>{PROSE * 5}</div><div><h3>相关阅读</h3><ul>{links}</ul></div></body></html>"
    assert "Another story" in _rules(html)["related_reading"]


def test_large_comment_section_is_dropped_by_its_id() -> None:
    comments = "".join(
        f"<div class='c'><p>Reader {i}: great post, thanks a lot for writing it!</p></div>" for i in range(60)
    )
    html = f"<html><body><div class='post'>{PROSE * 3}</div><div id='comments'>{comments}</div></body></html>"
    assert "Reader 59" in _rules(html)["nav_promo"]


def test_wrapper_with_comments_open_class_is_kept() -> None:
    html = f"<html><body><div class='post comments-open'>{PROSE * 40}</div><div>{PROSE}</div></body></html>"
    assert "nav_promo" not in _rules(html)


def test_article_with_a_share_hook_class_is_not_a_share_widget() -> None:
    html = f"<html><body><div class='js_img_share_area'>{PROSE * 12}</div></body></html>"
    assert "share_widget" not in _rules(html)


def test_most_read_heading_with_trailing_dots_starts_a_block() -> None:
    links = "".join(f"<li><a href='/m{i}'>A much-read story number {i}</a></li>" for i in range(5))
    html = f"<html><body><div>{PROSE * 5}</div><div><h3>Most read in world news…</h3><ul>{links}</ul></div></body></html>"
    assert "much-read story" in _rules(html)["related_reading"]


def test_page_container_opening_with_a_trending_label_is_kept() -> None:
    links = "".join(f"<a href='/t{i}'>Trend {i}</a> " for i in range(5))
    html = (
        f"<html><body><div class='page'><div class='bar'>TRENDING: {links}</div>"
        f"<div class='story'>{PROSE * 40}</div></div></body></html>"
    )
    assert "river rose" not in _rules(html).get("related_reading", "")


def test_a_large_picture_gallery_is_dropped() -> None:
    slides = "".join(f"<li><span>{i}/30</span>{PROSE}</li>" for i in range(30))
    html = f"<html><body><div>{PROSE * 5}</div><div class='grid-mod-gallery'><ul>{slides}</ul></div></body></html>"
    assert "1/30" in _rules(html)["nav_promo"]


def test_an_article_with_a_gallery_class_is_kept() -> None:
    html = f"<html><body><div class='article inline-gallery'>{PROSE * 40}</div></body></html>"
    assert "river" not in "".join(_rules(html).values())


def test_page_wrapper_whose_first_text_is_a_trending_label_is_kept() -> None:
    links = "".join(f"<li><a href='/t{i}'>Topic {i}</a></li>" for i in range(3))
    nav = "".join(f"<a href='/n{i}'>Section number {i}</a> " for i in range(20))
    html = (
        f"<html><body><div id='main'><div><h2>TRENDING:</h2><ul>{links}</ul></div>"
        f"<div>{PROSE * 20}</div><div>{nav}</div></div></body></html>"
    )
    assert "river" not in _rules(html).get("related_reading", "")


@pytest.mark.parametrize(
    "heading",
    [
        "相关阅读",
        "此前报道",
        "推荐阅读",
        "延伸阅读",
        "热点推荐",
        "热门文章",
        "更多精彩",
        "精彩推荐",
        "猜你喜欢",
        "点击阅读更多",
        "Related stories",
        "Read more",
        "More from Reuters",
        "You may also like",
        "Recommended for you",
        "Most read",
        "Trending now",
        "Popular stories",
        "Don't miss",
        "Also read",
        "Top stories",
        "Você pode gostar",
        "Te puede interesar",
        "Das könnte Sie auch interessieren",
        "Tags",
        "Topics",
        "标签",
        "关键词",
        "版权声明",
        "法律声明",
        "网站申明",
        "版权所有",
        "免责声明",
        "特别声明",
        "平台声明",
        "分享到",
        "扫一扫",
        "扫描二维码",
        "用微信扫描",
        "Share this",
        "打印本页",
        "关闭窗口",
        "纠错",
        "Print",
        "上一篇",
        "下一条",
        "Previous article",
        "Next post",
        "延伸推荐",
        "延伸 · 推荐",
    ],
)
def test_every_heading_passes_the_cheap_prefilter(heading: str) -> None:
    assert blocks.heading_rule(heading) is not None
    assert blocks._HINT.search(heading)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Related stories", True),
        (" \n" * 200 + "Related stories" + "\t" * 100, True),  # long, but normalize-space() keeps 15
        ("Related stories " + "x" * 300, False),  # the opening alone keeps too much
        ("x" * 50 + " " * 300 + "x" * 20 + " Related", False),  # the opening keeps 50, the whole 77
        ("Ordinary words", False),
    ],
)
def test_hint_measures_what_normalize_space_keeps(text: str, expected: bool) -> None:
    assert blocks.hint(text) is expected


@pytest.mark.parametrize(
    ("names", "ident"),
    [
        ("ad", None),
        ("Ad-Slot top", None),
        ("head shadow", "loader"),
        ("x_share_2", None),
        ("sharebar\u3000main", None),
        (None, "COMMENTS"),
        ("pre-print", "prevnext-box"),
        ("", ""),
        (None, None),
        ("related-", "_print"),
        ("adv advert-s", None),
    ],
)
def test_names_rule_is_what_the_token_split_finds(names: str | None, ident: str | None) -> None:
    assert blocktokens.names_rule(names, ident) is bool(blocktokens._token_rules(names, ident)[1])


def test_widget_holding_the_headline_and_prose_is_the_story() -> None:
    post = f"<div class='widget Blog'><h3>Notes from the harbour walk</h3><div>{PROSE * 3}</div></div>"
    side = "<div class='widget Links'><a href='/a'>Archive of older notes</a></div>"
    html = f"<html><head><title>My Blog: Notes from the harbour walk</title></head><body>{post}{side}</body></html>"
    dropped = _rules(html).get("nav_promo", "")
    assert "Archive" in dropped
    assert "river" not in dropped


def test_widget_whose_heading_the_title_does_not_name_is_dropped() -> None:
    post = f"<div class='widget Blog'><h3>Notes from the harbour walk</h3><div>{PROSE * 3}</div></div>"
    html = f"<html><head><title>My Blog: Other news</title></head><body>{post}</body></html>"
    assert "river" in _rules(html).get("nav_promo", "")


def test_title_bar_holding_only_the_headline_is_still_a_block() -> None:
    bar = "<div class='banner'><h2>Notes from the harbour walk</h2><span>5 May 2012</span></div>"
    html = f"<html><head><title>Notes from the harbour walk</title></head><body>{bar}<div>{PROSE * 3}</div></body></html>"
    assert "harbour" in _rules(html).get("nav_promo", "")


def test_link_list_block_stops_before_the_story_holding_the_headline() -> None:
    links = "".join(f"<a href='/s{i}'>A linked phrase number {i}</a> " for i in range(12))
    story = f"<div><h1>Notes from the harbour walk</h1><p>{links}</p>{PROSE}</div>"
    nav = "<div><a href='/p'>Previous story</a> <a href='/n'>Next story</a></div>"
    html = f"<html><head><title>Notes from the harbour walk | Site</title></head><body>{nav}{story}</body></html>"
    assert "harbour" not in _rules(html).get("prev_next", "")


def test_a_headline_repeated_in_a_recent_posts_widget_does_not_keep_the_widget() -> None:
    story = f"<div class='post'><h2>Notes from the harbour walk</h2>{PROSE * 3}</div>"
    recent = "".join(f"<h3>Recent note {i}</h3><p>{PROSE}</p>" for i in range(2))
    side = f"<div class='sidebar'><h3>Notes from the harbour walk</h3><p>{PROSE}</p>{recent}</div>"
    html = f"<html><head><title>Notes from the harbour walk</title></head><body>{story}{side}</body></html>"
    assert "Recent note" in _rules(html).get("nav_promo", "")


def test_dots_and_spaces_between_chinese_heading_characters_are_not_words() -> None:
    assert blocks.heading_rule("相关 · 阅读") == "related_reading"
    assert blocks.heading_rule("延伸・推荐") == "related_reading"
    assert blocks.heading_rule("Read · more") is None  # only between Chinese characters


def test_a_related_list_inside_the_text_stops_at_the_credit_line() -> None:
    items = "<p><a href='/r1'>另一条新闻的标题在这里</a></p><p>这是另一条新闻的简短摘要，介绍事件经过。</p>"
    credit = "<div class='src'><a href='/'><img src='e.png'/></a> 本文来源：某某报 <span>责任编辑：王小明</span></div>"
    html = (
        f"<html><body><div class='text'>{PROSE * 4}<div><div>延伸 · 推荐</div>{items}</div>"
        f"<p></p>{credit}</div></body></html>"
    )
    found = _rules(html)
    assert "另一条新闻" in found["related_reading"]
    assert "王小明" not in found["related_reading"]


def test_a_gallery_under_the_headline_is_the_picture_story() -> None:
    title = "Lanterns over the old canal at night"
    html = (
        f"<html><head><title>{title}</title></head><body><div class='gallery'><ul><li><img src='a.jpg'></li></ul>"
        f"<h2><span>Photos</span>{title}</h2><div>The boatmen hung two hundred paper lanterns.</div></div>"
        f"<div class='gallery'><ul><li><img src='b.jpg'></li></ul><p>Another set of pictures</p></div>"
        "</body></html>"
    )
    rules = _rules(html)
    assert "boatmen" not in rules.get("nav_promo", "")
    assert "Another set" in rules["nav_promo"]


def test_a_related_list_stops_at_a_paragraph_with_a_keyword_link() -> None:
    html = (
        "<html><body><div class='text'><p><strong>相关新闻：</strong></p>"
        "<p><a href='/a'>港口夜间开放的安排公布</a></p><p><a href='/b'>渡轮新时刻表下月起实行</a></p>"
        "<p>本报讯 昨日上午，市<a href='/k'>港务局</a>宣布旧码头将于下月重新开放，届时每天将有十二班渡轮往返"
        "两岸，票价维持不变，市民可凭卡乘船，管理处同时提醒游客留意天气变化和开放时间的调整。</p>"
        f"{PROSE * 12}</div></body></html>"
    )
    related = _rules(html)["related_reading"]
    assert "渡轮新时刻表" in related
    assert "旧码头" not in related
