"""Extensions: the archive session, run recording, progress, the job guard, GC tuning and the queue budget."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

Extension = TypeVar("Extension")


def required(crawler: Crawler, cls: type[Extension], order: int) -> Extension:
    """The crawler's running ``cls`` extension; an error naming the EXTENSIONS entry when it is not enabled."""
    found = crawler.get_extension(cls)
    if found is None:
        raise RuntimeError(
            f"newsarchive components need the {cls.__name__} extension: "
            f"add '{cls.__module__}.{cls.__qualname__}': {order} to EXTENSIONS"
        )
    return found
