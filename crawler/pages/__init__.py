"""Page extraction: pure functions from (url, html) to Article fields. See ``ArticlePage``."""

from crawler.pages.article import ArticlePage
from crawler.pages.extraction import extract, page_class

__all__ = ["ArticlePage", "extract", "page_class"]
