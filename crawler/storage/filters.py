"""ArticleFilter: the site / source / author / date filters shared by search, exports and listings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ArticleFilter:
    """Conditions on ``articles`` rows; None means no condition.

    ``since`` and ``until`` are ISO 8601 dates or times compared with ``published_at`` as text (so in the
    article's own offset): ``since="2024-03"`` keeps March 2024 and later, ``until="2024-03"`` keeps
    everything up to the end of March 2024. Articles without a date fail both. An article dated by its day
    alone (``2024-03-01``, the page shows no time) is kept by a ``since`` time on that day
    (``since="2024-03-01T10:00"``): it may be of any hour of it.
    """

    site: str | None = None
    source: str | None = None
    author: str | None = None
    since: str | None = None
    until: str | None = None

    def sql(self, alias: str = "articles") -> tuple[str, list[Any]]:
        """``(conditions joined by AND, params)``; ``"1"`` when there is no condition."""
        parts: list[str] = []
        params: list[Any] = []
        for column in ("site", "source"):
            if (value := getattr(self, column)) is not None:
                parts.append(f"{alias}.{column} = ?")
                params.append(value)
        if self.author is not None:
            parts.append(f"EXISTS (SELECT 1 FROM json_each({alias}.authors) WHERE json_each.value = ?)")
            params.append(self.author)
        if self.since:
            column = f"{alias}.published_at"
            parts.append(f"({column} >= ? OR (length({column}) = 10 AND {column} >= substr(?, 1, 10)))")
            params += [self.since, self.since]
        if self.until:
            parts.append(f"substr({alias}.published_at, 1, ?) <= ?")
            params += [len(self.until), self.until]
        return (" AND ".join(parts) or "1"), params
