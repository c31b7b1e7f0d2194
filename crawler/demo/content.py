"""Invented stories of the sample site: the text data that ``crawler.demo.site`` renders into pages.

The Chinese stories are in ``content_zh``, the English ones in ``content_en``; every sentence was written for
this project, none is taken from a real article.
"""

from __future__ import annotations

from crawler.demo.content_en import EN_SITE_NAME, EN_STORIES, EnStory
from crawler.demo.content_zh import SITE_NAME, ZH_STORIES, ZhStory

__all__ = ["EN_SITE_NAME", "EN_STORIES", "SITE_NAME", "ZH_STORIES", "EnStory", "ZhStory"]
