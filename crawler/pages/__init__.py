"""Page extraction: pure functions from (url, html) to Article fields. See ``ArticlePage``."""

from crawler.pages.article import ArticlePage, extract

__all__ = ["ArticlePage", "extract"]
