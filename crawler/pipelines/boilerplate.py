"""Item pipeline that removes boilerplate lines from the body, keeps what they said, and hashes the body.

See README § Boilerplate rules (order 200) and chinese-news.md §2.9, §6.2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter

from crawler.cleaning.credits import Credits, parse_credits, reprint_source
from crawler.cleaning.fingerprint import content_hash
from crawler.cleaning.rules import SHARED_RULES, Rule, profile_rules
from crawler.cleaning.text import apply_rules

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


#: Removed lines whose values (来源, 作者, 责任编辑, 围观N次, Edited by ...) fill empty item fields.
CREDIT_RULES = ("credit_line", "view_counter", "english_credit")


def merge_removed(
    existing: Mapping[str, Sequence[str]], hits: Mapping[str, Sequence[str]]
) -> dict[str, list[str]]:
    """The extractor's removals followed by ours, per rule name."""
    merged = {name: list(lines) for name, lines in existing.items()}
    for name, lines in hits.items():
        merged.setdefault(name, []).extend(lines)
    return merged


def credits_from(removed: Mapping[str, Sequence[str]]) -> Credits:
    """Source, authors, editors and view count parsed from removed credit lines (first value wins)."""
    found = Credits()
    for name in CREDIT_RULES:
        for line in removed.get(name, ()):
            # "本文转自北岭晚报，…" has no label colon; read it as "来源：北岭晚报".
            reprinted = reprint_source(line)
            found = found.merged(parse_credits(f"来源：{reprinted}" if reprinted else line))
    return found


class BoilerplatePipeline:
    """Applies SHARED_RULES plus the site profile's ``drop_lines`` to the body.

    Fills empty source/authors/editors/view_count from removed credit lines (never overwrites an
    extracted value), records every removed line in ``removed`` and sets ``content_hash``.
    """

    crawler: Crawler

    def __init__(self) -> None:
        self._profile: Any = None
        self._rules: tuple[Rule, ...] = SHARED_RULES

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def rules(self) -> tuple[Rule, ...]:
        """SHARED_RULES plus the current spider's profile rules (recomputed when the profile changes)."""
        profile = getattr(self.crawler.spider, "profile", None)
        if profile is not self._profile:
            self._profile = profile
            self._rules = SHARED_RULES + profile_rules(profile.drop_lines if profile else ())
        return self._rules

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        result = apply_rules(adapter.get("body") or "", self.rules())
        removed = merge_removed(adapter.get("removed") or {}, result.hits)
        adapter["body"] = result.text
        adapter["removed"] = removed
        self._fill_credits(adapter, credits_from(removed))
        adapter["content_hash"] = content_hash(result.text, cleaned=True)
        assert self.crawler.stats is not None
        for name, lines in removed.items():
            self.crawler.stats.inc_value(f"archive/boilerplate/rule/{name}", len(lines))
        if result.hits:
            self.crawler.stats.inc_value("archive/boilerplate/items_cleaned")
        return item

    def _fill_credits(self, adapter: ItemAdapter, found: Credits) -> None:
        values: dict[str, Any] = {
            "source": found.source,
            "authors": list(found.authors),
            "editors": list(found.editors),
            "view_count": found.view_count,
        }
        assert self.crawler.stats is not None
        for key, value in values.items():
            if value in (None, []) or adapter.get(key) not in (None, "", []):
                continue
            adapter[key] = value
            self.crawler.stats.inc_value(f"archive/boilerplate/captured/{key}")
