"""The edge rules on real pages they must leave alone: the article pages of ../shared/realsites (issue 15).

Read at run time (never copied into the project); skipped with a message when the folder is absent.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from crawler.pages import extract

ROOT = Path(__file__).resolve().parents[3]
REALSITES = ROOT.parent / "shared" / "realsites"
#: A credit label opening a credit (or the page's meta line): what a removed credit line must hold.
CREDIT_LABEL = re.compile(
    r"来源|作者|编辑|责编|审核|记者|撰稿|供稿|摄影|图片|发布日期|发布时间|发表时间|浏览|点击"
)


def _article_pages() -> list[Path]:
    return [
        path
        for site in ("wjzx", "sszx")
        for path in sorted((REALSITES / site).rglob("*.htm"))
        if path.stem.isdigit() and path.relative_to(REALSITES / site).parts[0] != "info"
    ]


@pytest.fixture(scope="module")
def pages() -> list[tuple[Path, bytes, dict[str, Any]]]:
    if not REALSITES.is_dir():
        pytest.skip(f"{REALSITES} is absent: the real-site checks need the shared folder")
    out = []
    for path in _article_pages():
        html = path.read_bytes()
        relative = path.relative_to(REALSITES / path.relative_to(REALSITES).parts[0]).as_posix()
        out.append((path, html, extract(html, f"http://127.0.0.1:1/{relative}")))
    return out


def test_the_folders_hold_the_article_pages(pages: list[tuple[Path, bytes, dict[str, Any]]]) -> None:
    assert len(pages) > 800


def test_every_removed_credit_line_holds_a_credit_label(
    pages: list[tuple[Path, bytes, dict[str, Any]]],
) -> None:
    unlabelled = [
        (path.name, line)
        for path, _, fields in pages
        for line in fields["removed"].get("credit_line", [])
        if not CREDIT_LABEL.search(line)
    ]
    assert unlabelled == []


def test_head_promo_takes_only_lines_above_the_headline(
    pages: list[tuple[Path, bytes, dict[str, Any]]],
) -> None:
    below = []
    for path, html, fields in pages:
        text = html.decode("utf-8", "replace")
        headline = text.find('class="tit"')
        for line in fields["removed"].get("head_promo", []):
            if text.find(line[:4]) > headline >= 0:
                below.append((path.name, line))
    assert below == []


def test_the_title_is_the_headline_the_page_shows(pages: list[tuple[Path, bytes, dict[str, Any]]]) -> None:
    wrong = []
    for path, html, fields in pages:
        shown = lxml_html.fromstring(html).xpath('//div[contains(@class, "tit")]')
        headline = " ".join(shown[0].text_content().split()) if shown else None
        if headline and fields["title"] != headline:
            wrong.append((path.name, headline, fields["title"]))
    assert wrong == []


def test_no_author_is_cut_inside_its_brackets(pages: list[tuple[Path, bytes, dict[str, Any]]]) -> None:
    cut = [name for _, _, fields in pages for name in fields["authors"] if name.count("(") != name.count(")")]
    assert cut == []
