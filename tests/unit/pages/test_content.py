"""Main-content detection: the top container widens over an article split into sibling blocks."""

from __future__ import annotations

from crawler.pages import census, content, dom

PARA = "<p>{} The committee met on Thursday evening and agreed, after a long debate, to fund the repairs.</p>"


def _body(html: str) -> str:
    root = dom.parse(html)
    table = census.stats(root)
    return "\n".join(line.text for line in content.body_lines(content.main_nodes(root, table), table))


def _paras(prefix: str, count: int) -> str:
    return "".join(PARA.format(f"{prefix}{i}.") for i in range(count))


def test_article_split_by_an_embed_is_kept_whole() -> None:
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><div class='story'>"
        f"<div class='part'><div class='inner'>{_paras('First', 5)}</div></div>"
        "<div class='embed'><iframe src='x'></iframe></div>"
        f"<div class='part'><div class='inner'>{_paras('Second', 3)}</div></div>"
        "</div></body></html>"
    )
    body = _body(html)
    assert "First0." in body
    assert "Second2." in body


def test_widening_stops_at_a_link_list_with_snippets() -> None:
    items = "".join(
        f"<li><a href='/a{i}'>Another headline number {i} here</a> A teaser sentence about it, {i}.</li>"
        for i in range(8)
    )
    html = f"<html><body><div><div class='text'>{_paras('Lead', 6)}</div><ul>{items}</ul></div></body></html>"
    body = _body(html)
    assert "Lead5." in body
    assert "Another headline" not in body


def test_widening_stops_before_another_article() -> None:
    html = (
        "<html><body><div>"
        f"<article><h1>Main story</h1>{_paras('Main', 5)}</article>"
        f"<article><h1>Next story</h1>{_paras('Next', 5)}</article>"
        "</div></body></html>"
    )
    body = _body(html)
    assert "Main4." in body
    assert "Next0." not in body


def test_text_directly_in_a_div_beats_a_short_footer() -> None:
    text = "The clinic reported on Friday that two of its five vans had been broken into overnight. " * 6
    html = (
        "<html><body><div class='row'>"
        f"<div class='side'><ul>{'<li><a href=/x>Archive month link</a></li>' * 40}</ul></div>"
        f"<div class='col'><img src='a.jpg'>{text}<br><br></div></div>"
        "<div class='foot'><div>Town hall, 1 Main Street, Springfield, phone 555-0100.</div></div>"
        "</body></html>"
    )
    assert "broken into overnight" in _body(html)


def test_picture_captions_are_not_body_text() -> None:
    html = (
        "<html><body><div class='story'>"
        + _paras("Story", 4)
        + "<figure><img src='a.jpg'><figcaption>Crews at work on Monday. Photo: J. Doe</figcaption></figure>"
        + "<div class='wp-caption-text'>The pier at dawn</div></div></body></html>"
    )
    body = _body(html)
    assert "Story3." in body
    assert "Crews at work" not in body
    assert "pier at dawn" not in body


def test_an_item_class_saying_no_caption_is_not_a_caption() -> None:
    html = f"<html><body><div class='story'><div class='item no_caption'>{_paras('Story', 4)}</div></div></body></html>"
    assert "Story3." in _body(html)


def test_parts_of_one_class_split_by_a_figure_and_a_link_box_are_all_kept() -> None:
    box = "".join(f"<a href='/r{i}'>Read the related story number {i} now</a> " for i in range(12))
    html = (
        "<html><body><div class='page'>"
        f"<div class='part'><div class='inner'>{_paras('First', 6)}</div></div>"
        f"<div class='promo'>{box}</div><figure><img src='a.jpg'></figure>"
        f"<div class='part'><div class='inner'>{_paras('Second', 2)}</div></div>"
        f"<div class='aside'>{box}</div>"
        "</div></body></html>"
    )
    body = _body(html)
    assert "First0." in body
    assert "Second1." in body
    assert "related story" not in body


def test_a_page_that_is_a_list_of_teaser_links_keeps_the_list() -> None:
    teasers = "".join(
        f"<div class='row'><h3><a href='/s{i}'>Headline number {i} of the section</a></h3>"
        f"<a href='/s{i}'>A teaser about story {i}, long enough to read as a sentence of the summary</a></div>"
        for i in range(12)
    )
    html = f"<html><body><p>Tuesday.</p><div id='main'>{teasers}</div></body></html>"
    body = _body(html)
    assert "Headline number 0 of the section" in body
    assert "A teaser about story 11" in body


def test_an_article_keeps_dropping_its_link_lists() -> None:
    links = "".join(
        f"<li><a href='/r{i}'>Related story number {i} with a long title</a></li>" for i in range(30)
    )
    html = f"<html><body><div>{_paras('Lead', 4)}<ul>{links}</ul></div></body></html>"
    body = _body(html)
    assert "Lead3." in body
    assert "Related story number" not in body


def test_equally_weak_short_blocks_are_kept_together() -> None:
    ads = "".join(  # each ad deep in its own boxes: no container above them gathers a strong score
        f"<div class='ad'><div><div><p>AD {i} Part time help wanted, apply in person at office {i}</p></div></div>"
        f"<a href='/v{i}'>View this ad</a></div>"
        for i in range(8)
    )
    html = f"<html><body><div><a href='/'>Home</a></div><div class='ads'>{ads}</div></body></html>"
    body = _body(html)
    assert "office 0" in body
    assert "office 7" in body


def test_a_picture_story_keeps_its_captions_when_they_are_all_the_text() -> None:
    caption = "The old lighthouse at dawn, seen from the pier where the ferry lands, with the keeper's cottage behind."
    html = (
        "<html><body><article><h1>Harbour at dawn</h1><div class='slide'><img src='a.jpg'/>"
        f"<div class='caption'><p>{caption} {caption}</p></div></div></article></body></html>"
    )
    assert "keeper's cottage" in _body(html)


def test_captions_beside_a_story_are_left_out() -> None:
    html = (
        f"<html><body><article><div class='text'>{_paras('Story', 4)}</div>"
        "<figure><img src='a.jpg'/><figcaption>The pier at dawn, photographed by a reader.</figcaption></figure>"
        "</article></body></html>"
    )
    body = _body(html)
    assert "Story3." in body
    assert "pier at dawn" not in body


def test_a_link_heavy_sibling_box_is_not_the_story_continued() -> None:
    item = (
        "<p>Notes, charts, tables, views, figures, maps, dates, names, places, prices, rates, {0}: "
        "<a href='/a{0}'>the author's page and the other columns</a>, <a href='/b{0}'>the columns of the week</a>.</p>"
    )
    box = "<div class='rightbar'>" + "".join(item.format(i) for i in range(4)) + "</div>"
    html = (
        f"<html><body><div class='wrap'><div class='page'>{_paras('Story', 4)}</div>{box}</div></body></html>"
    )
    body = _body(html)
    assert "Story3." in body
    assert "Notes, charts" not in body


def test_a_body_of_links_alone_is_kept_rather_than_lost() -> None:
    items = "".join(f"<li><a href='/g{i}'>Pictures of the harbour, set {i}</a></li>" for i in range(6))
    html = f"<html><body><div class='list'><ul>{items}</ul></div></body></html>"
    assert "set 5" in _body(html)


def test_a_video_players_labels_are_not_the_story() -> None:
    player = (
        "<div class='player'><div><video src='v.mp4'></video></div>"
        "<div><label><input type='checkbox'>Autoplay</label><span>Ferry video title</span></div></div>"
    )
    html = f"<html><body><div class='story'>{player}{_paras('Lead', 5)}</div></body></html>"
    body = _body(html)
    assert "Lead4." in body
    assert "Autoplay" not in body
    assert "Ferry video title" not in body
