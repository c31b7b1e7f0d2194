"""Author names from markup and meta tags: bylines, rel/itemprop=author, site names and handles refused."""

from __future__ import annotations

import pytest

from crawler.pages import dom
from crawler.pages.authors import clean_byline, dom_authors, meta_authors, plausible_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("by Jane Doe - May 2, 2024 8:02 pm", ("Jane Doe",)),
        ("Par Marie Curie | 12 mars", ("Marie Curie",)),
        ("Jane Doe Last Updated: May 2, 2024", ("Jane Doe",)),
    ],
)
def test_clean_byline_keeps_only_names(text: str, expected: tuple[str, ...]) -> None:
    assert clean_byline(text) == expected


@pytest.mark.parametrize(
    "value", ["L_104485", "https://example.org/jane", "@janedoe", "新京报", "Follow @jd"]
)
def test_ids_handles_urls_and_outlets_are_not_people(value: str) -> None:
    assert not plausible_name(value)


def test_part_of_the_site_name_is_the_brand_but_a_whole_title_segment_may_be_a_columnist() -> None:
    assert not plausible_name("网易", ("网易新闻",))
    assert plausible_name("Jane Doe", ("by Jane Doe", "Gazette"))


def test_meta_author_skips_urls_and_takes_the_name() -> None:
    meta = {"article:author": "https://example.org/staff/jd", "author": "Jane Doe"}
    assert meta_authors(meta) == ("Jane Doe",)


def test_byline_after_the_headline_wins_over_a_promo_byline_before_it() -> None:
    root = dom.parse(
        '<html><body><div class="promo"><span class="byline">Max Other</span></div>'
        "<h1>Storm closes the harbour</h1>"
        '<p class="byline">By <a rel="author">Jane Doe</a></p><p>Text.</p></body></html>'
    )
    headline = next(root.iter("h1"))
    assert dom_authors(root, (), headline) == ("Jane Doe",)


def test_comment_authors_are_ignored() -> None:
    root = dom.parse(
        '<html><body><h1>Title here</h1><div id="comments"><cite class="author">Sam Reader</cite></div>'
        "</body></html>"
    )
    assert dom_authors(root) == ()


def test_itemprop_author_uses_its_name_property() -> None:
    root = dom.parse(
        '<html><body><div itemprop="author" itemscope><span itemprop="name">Jane Doe</span>'
        "<span>Staff writer since 2010</span></div></body></html>"
    )
    assert dom_authors(root) == ("Jane Doe",)


def test_co_authors_in_sibling_links_are_collected() -> None:
    root = dom.parse(
        '<html><body><p><a rel="author">Jane Doe</a>, <a rel="author">John Roe</a></p></body></html>'
    )
    assert dom_authors(root) == ("Jane Doe", "John Roe")


@pytest.mark.parametrize("value", ["About the Author", "A note from Sam", "Follow"])
def test_widget_labels_in_byline_markup_are_not_names(value: str) -> None:
    assert not plausible_name(value)


def test_a_latin_pen_name_counts_on_a_chinese_page_only():
    meta = {"author": "hillwalker"}
    assert meta_authors(meta) == ()
    assert meta_authors(meta, handles=True) == ("hillwalker",)
    assert meta_authors({"author": "admin"}, handles=True) == ()
    assert meta_authors({"author": "hillnews"}, ("HillNews",), handles=True) == ()


def test_an_author_inside_a_teaser_link_is_not_the_pages():
    root = dom.parse(
        "<html><body><h1>东山新闻</h1><ul><li><a href='/b/1'><span class='author'>林小溪：</span>东山新年大礼包</a></li>"
        "</ul></body></html>"
    )
    assert dom_authors(root) == ()
    byline = dom.parse("<html><body><a href='/u/1' class='author'>By Jane Roe</a></body></html>")
    assert dom_authors(byline) == ("Jane Roe",)
