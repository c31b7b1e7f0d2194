"""Test-only page class of the ``hook_demo`` site: the source from its masthead, the title without a tag."""

from __future__ import annotations

from crawler.pages import dom
from crawler.pages.article import ArticlePage


class HookDemoArticlePage(ArticlePage):
    """The site names its source in ``<span class="wire">`` and tags headlines "[Exclusive]"."""

    def _source(self) -> str | None:
        nodes = self.select("span.wire")
        if not nodes:
            return super()._source()
        return dom.clean_space(dom.text_content(nodes[0])) or None

    def _title(self) -> str | None:
        title = super()._title()
        return title.removeprefix("[Exclusive]").strip() if title else title
