"""ValidatePipeline: DropItem reasons and their counters; passing articles counted."""

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler

from crawler.items import Article
from crawler.pipelines.validate import ValidatePipeline

BODY = "示例区教体局坚持扶贫与扶智相结合，资助家庭贫困学生就学，结对帮扶贫困群众。" * 4


@pytest.fixture
def pipeline(crawler):
    return build_from_crawler(ValidatePipeline, crawler)


def _drop(pipeline, item):
    with pytest.raises(DropItem) as info:
        pipeline.process_item(item)
    return str(info.value)


def test_article_passes_and_is_counted(pipeline, stats):
    item = Article(url="https://e.org/a", title="示例标题", body=BODY)
    assert pipeline.process_item(item) is item
    assert stats.get_value("archive/validate/passed") == 1


def test_missing_title_is_dropped(pipeline, stats):
    assert _drop(pipeline, Article(url="https://e.org/a", title="  ", body=BODY)).startswith("no_title")
    assert stats.get_value("archive/validate/dropped/no_title") == 1


def test_boilerplate_only_page_is_dropped(pipeline, stats):
    item = Article(url="https://e.org/a", title="示例标题", body="", removed={"copyright": ["版权所有"]})
    assert _drop(pipeline, item).startswith("boilerplate_only")
    assert stats.get_value("archive/validate/dropped/boilerplate_only") == 1


def test_short_body_is_dropped(pipeline, stats):
    _drop(pipeline, Article(url="https://e.org/a", title="示例标题", body="太短了。"))
    assert stats.get_value("archive/validate/dropped/body_too_short") == 1


@pytest.mark.parametrize("settings", [{"ARCHIVE_MIN_BODY_CHARS": 3}])
def test_minimum_body_length_follows_the_setting(pipeline):
    item = Article(url="https://e.org/a", title="示例标题", body="够长了。")
    assert pipeline.process_item(item) is item


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("页面不存在", "您访问的页面不存在或已被删除，请返回首页。"),
        ("示例网", "抱歉，您要找的文章已被删除。"),
        ("404 Not Found", "The server could not find the requested resource."),
        ("Page not found | Example", ""),
    ],
)
def test_soft_404_is_dropped(pipeline, stats, title, body):
    assert _drop(pipeline, Article(url="https://e.org/a", title=title, body=body)).startswith("soft_404")
    assert stats.get_value("archive/validate/dropped/soft_404") == 1


def test_long_article_mentioning_a_deleted_page_passes(pipeline):
    item = Article(url="https://e.org/a", title="示例平台清理违规内容", body="相关文章已被删除。" + BODY * 5)
    assert pipeline.process_item(item) is item


def test_title_with_404_inside_a_word_passes(pipeline):
    item = Article(url="https://e.org/a", title="G404国道示例段完成改造", body=BODY)
    assert pipeline.process_item(item) is item
