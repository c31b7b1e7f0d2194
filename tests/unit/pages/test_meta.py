"""Page metadata: JSON-LD objects (also inside CDATA wrappers) and declared language."""

from __future__ import annotations

import pytest

from crawler.pages import dom
from crawler.pages import meta as md


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "NewsArticle", "datePublished": "2024-03-12T09:30:00+08:00"}',
        '<![CDATA[ {"@type": "NewsArticle", "datePublished": "2024-03-12T09:30:00+08:00"} ]]>',
        '//<![CDATA[\n{"@type": "NewsArticle", "datePublished": "2024-03-12T09:30:00+08:00"}\n//]]>',
    ],
)
def test_jsonld_is_read_with_or_without_cdata_wrapper(script: str) -> None:
    root = dom.parse(f'<html><head><script type="application/ld+json">{script}</script></head></html>')
    assert md.jsonld(root).get("datePublished") == "2024-03-12T09:30:00+08:00"


@pytest.mark.parametrize(
    ("value", "lang"), [("zh-CN", "zh"), ("en-US", "en"), ("zh_Hans", "zh"), ("fr", "fr")]
)
def test_declared_lang_is_the_primary_subtag(value: str, lang: str) -> None:
    root = dom.parse(f'<html lang="{value}"><body></body></html>')
    assert md.declared_lang(root, {}) == lang
