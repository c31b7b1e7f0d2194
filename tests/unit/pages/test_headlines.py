"""The headings a page's <title> names, and the story that follows its headline."""

from __future__ import annotations

from crawler.pages import census, content, dom, headlines

TITLE = "Harbour Notes: The harbour walk in May"
PARA = "<p>{} The ferry timetable changes next month, and the harbour office will post the new hours.</p>"


def _paras(prefix: str, count: int) -> str:
    return "".join(PARA.format(f"{prefix}{i}.") for i in range(count))


def test_headlines_are_the_headings_the_title_holds_whole_in_document_order() -> None:
    html = (
        f"<html><head><title>{TITLE}</title></head><body><h2>Harbour Notes</h2><div><h3>The harbour walk "
        "in May</h3></div><h4>Elsewhere</h4><h3>The harbour walk in May</h3><h5>Notes</h5></body></html>"
    )
    root = dom.parse(html)
    table = census.stats(root)
    found = headlines.headlines(root, table, TITLE)
    assert [node.tag for node in found] == ["h2", "h3"]  # the repeated h3 is taken where it first stands
    held = headlines.holders(found, table)
    assert {node.tag: size for node, size in held.items()} == {
        "h2": 12,
        "h3": 19,
        "div": 19,
        "body": 19,
        "html": 19,
    }
    lead = headlines.lead(found, table, TITLE)
    assert lead is not None
    assert lead.tag == "h3"


def test_a_short_name_the_title_holds_is_no_lead_headline() -> None:
    html = "<html><body><h4>Jane Q. Writer</h4></body></html>"
    root = dom.parse(html)
    table = census.stats(root)
    title = "Jane Q. Writer: A long headline about the harbour walk in May"
    found = headlines.headlines(root, table, title)
    assert len(found) == 1
    assert headlines.lead(found, table, title) is None


def test_precedes() -> None:
    root = dom.parse("<html><body><div><p>a</p><p>b</p></div><h1>c</h1></body></html>")
    first, second = root.iter("p")
    h1 = next(root.iter("h1"))
    div = next(root.iter("div"))
    assert headlines.precedes(first, second)
    assert not headlines.precedes(second, first)
    assert headlines.precedes(div, h1)
    assert not headlines.precedes(h1, div)
    assert not headlines.precedes(root.find("body"), h1)  # an ancestor does not precede


def test_the_story_after_its_headline_beats_a_longer_box_before_it() -> None:
    profile = (
        "<p>" + "About me: I write about boats, tides, harbours and the people who work there. " * 8 + "</p>"
    )
    html = (
        f"<html><head><title>{TITLE}</title></head><body><div class='side'>{profile}</div><div class='main'>"
        f"<h3>The harbour walk in May</h3><div class='text'>{_paras('Walk', 2)}</div></div></body></html>"
    )
    root = dom.parse(html)
    table = census.stats(root)
    found = headlines.headlines(root, table, TITLE)
    body = content.main_nodes(root, table, headlines.lead(found, table, TITLE))
    text = " ".join(dom.text_content(node) for node in body)
    assert "Walk1." in text
    assert "About me" not in text
    assert "About me" in " ".join(dom.text_content(n) for n in content.main_nodes(root, table))


def test_a_heading_with_a_label_before_the_headline_is_a_headline() -> None:
    title = "The harbour walk in May"
    html = (
        f"<html><head><title>{title}</title></head><body><h2><span>Video</span>{title}</h2>"
        "<h3><span>A much longer label</span>The harbour walk in May</h3></body></html>"
    )
    root = dom.parse(html)
    table = census.stats(root)
    assert [node.tag for node in headlines.headlines(root, table, title)] == ["h2"]
