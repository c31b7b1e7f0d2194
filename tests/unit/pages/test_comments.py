"""Reader comments inside a detected body: opened by a labelled heading, cut from there on."""

from __future__ import annotations

import pytest

from crawler.pages import census, comments, content, dom, extract

PARA = "<p>{} The ferry timetable changes next month, and the harbour office will post the new hours.</p>"


def _body(html: str) -> str:
    root = dom.parse(html)
    table = census.stats(root)
    return "\n".join(line.text for line in content.body_lines(content.main_nodes(root, table), table))


def _paras(prefix: str, count: int) -> str:
    return "".join(PARA.format(f"{prefix}{i}.") for i in range(count))


@pytest.mark.parametrize(
    "text",
    [
        "Comments",
        "Comments (4)",
        "No Comments",
        "12 Responses to “Harbour hours”",
        "One Response to 'Harbour hours'",
        "3 thoughts on “Harbour hours”",
        "7 readers responded in “Harbour hours”",
        "5 kind comments on “Harbour hours”",
        "Reader comments",
        "Leave a Reply",
        "Leave your reply below...",
        "Post a comment",
        "Join the discussion",
        "TrackBack",
        "Trackback pings",
        "网友评论",
        "评论（12）",
        "发表评论",
    ],
)
def test_comment_headings(text: str) -> None:
    assert comments.comment_heading(text)


@pytest.mark.parametrize(
    "text",
    [
        "Discussion",
        "Response",
        "Recent comments",
        "Most popular comments",
        "Final thoughts",
        "Why readers respond to a good question",
        "4. Write posts that invite comments",
        "Predictable responses from a mail server",
    ],
)
def test_story_headings_are_not_comment_headings(text: str) -> None:
    assert not comments.comment_heading(text)


def test_comments_after_the_story_are_cut_from_their_heading() -> None:
    replies = "".join(
        f"<p>Reader {i}: thanks, this was useful to know before my trip, {i}.</p>" for i in range(6)
    )
    html = (
        f"<html><body><div class='main'>{_paras('Story', 4)}<h2>8 Comments</h2>{replies}</div></body></html>"
    )
    body = _body(html)
    assert "Story3." in body
    assert "Reader" not in body
    assert "Comments" not in body


def test_comments_in_a_sibling_block_are_cut() -> None:
    replies = "".join(
        f"<p>Reader {i}: thanks, this was useful to know before my trip, {i}.</p>" for i in range(6)
    )
    html = (
        f"<html><body><div><div class='entry'>{_paras('Story', 4)}</div>"
        f"<div class='talk'><h3>Leave a Reply</h3>{replies}</div></div></body></html>"
    )
    body = _body(html)
    assert "Story3." in body
    assert "Reader" not in body


def test_a_comment_heading_before_the_story_text_cuts_nothing() -> None:
    html = f"<html><body><div class='main'><h3>Comments (2)</h3>{_paras('Story', 4)}</div></body></html>"
    assert "Story3." in _body(html)


def test_a_linked_comment_heading_cuts_nothing() -> None:
    html = (
        f"<html><body><div class='main'>{_paras('Story', 3)}<h4><a href='#c'>12 Comments</a></h4>"
        f"{_paras('More', 3)}</div></body></html>"
    )
    assert "More2." in _body(html)


def test_a_heading_named_comments_stays_to_open_the_cut() -> None:
    replies = "".join(
        f"<div class='commentbody'><p>Reader {i}: thanks, this was useful to know before my trip, {i}.</p></div>"
        for i in range(6)
    )
    html = (
        f"<html><body><div class='main'><div class='entry'>{_paras('Story', 4)}</div>"
        f"<h2 id='comments'>Comments</h2>{replies}</div></body></html>"
    )
    body = extract(html, "https://example.org/2012/05/harbour.html")["body"]
    assert "Story3." in body
    assert "Reader" not in body
