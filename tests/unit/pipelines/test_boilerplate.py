"""BoilerplatePipeline: body cleaned with shared + profile rules, values captured, stats, content_hash."""

import re

import pytest
from scrapy.utils.misc import build_from_crawler

from crawler.cleaning.fingerprint import content_hash
from crawler.items import ANONYMOUS, Article
from crawler.pipelines.boilerplate import BoilerplatePipeline
from crawler.sites import SiteProfile

P1 = (
    "示例在线5月6日讯示例区教体局坚持扶贫与扶智相结合，建立上下联动、多部门合力推进的教育扶贫机制，"
    "资助家庭贫困学生就学，结对帮扶贫困群众，开展技能扶贫。"
)
P2 = "一是组织对口扶持。示例村是区教体局对口扶持的经济薄弱村，区教体局投资改造活动室、建设农民书屋。"
SAMPLE_LINES = (
    "示例网 2023-05-06 10:20 围观357次",
    P1,
    P2,
    "来源:示例在线 作者:佚名 责任编辑:张小华 我要投稿",
    "示例购终极页",
    "相关阅读",
    "• 示例学院信息中心：三多一全，为学院提供信息化保障",
    "示例高校之窗02-20",
    "为贯彻落实示例学院关于教学工作的部署，信息中心积极开发、主动作为...",
    "版权与免责声明:",
    "① 凡本网注明来源为示例网的所有作品，版权均属于示例网，未经本网授权不得转载。",
    "② 本网凡注明其他来源的作品，均转载自其它媒体，转载目的在于传递更多信息。",
    "③ 如涉及作品内容、版权等问题，请在作品发表之日起两周内与本网联系。",
    "示例购产品",
)
SAMPLE_LIKE = "\n\n".join(SAMPLE_LINES)


@pytest.fixture
def pipeline(crawler):
    return build_from_crawler(BoilerplatePipeline, crawler)


@pytest.fixture
def cleaned(pipeline):
    item = Article(url="https://e.org/a", body=SAMPLE_LIKE)
    pipeline.process_item(item)
    return item


def test_sample_like_body_ends_clean(cleaned):
    assert cleaned.body == f"{P1}\n\n{P2}"


def test_sample_like_credit_values_are_captured(cleaned):
    assert (cleaned.source, cleaned.authors, cleaned.editors, cleaned.view_count) == (
        "示例在线",
        [ANONYMOUS],
        ["张小华"],
        357,
    )


def test_sample_like_removed_lines_are_kept_by_rule(cleaned):
    assert cleaned.removed["credit_line"] == [
        "示例网 2023-05-06 10:20 围观357次",
        "来源:示例在线 作者:佚名 责任编辑:张小华 我要投稿",
    ]
    assert cleaned.removed["nav_promo"] == ["示例购终极页"]
    assert cleaned.removed["disclaimer"][0] == "版权与免责声明:"
    assert len(cleaned.removed["related_reading"]) == 4


def test_content_hash_is_set_from_the_cleaned_body(cleaned):
    assert cleaned.content_hash == content_hash(f"{P1}\n\n{P2}")


def test_stats_count_lines_per_rule_and_cleaned_items(cleaned, stats):
    assert stats.get_value("archive/boilerplate/rule/credit_line") == 2
    assert stats.get_value("archive/boilerplate/rule/disclaimer") == 5
    assert stats.get_value("archive/boilerplate/items_cleaned") == 1


def test_extracted_values_are_never_overwritten(pipeline):
    item = Article(
        url="https://e.org/a",
        body=f"{P1}\n\n来源：别的报 责任编辑：王五",
        source="示例日报",
        editors=["李华"],
    )
    pipeline.process_item(item)
    assert (item.source, item.editors) == ("示例日报", ["李华"])
    assert item.removed["credit_line"] == ["来源：别的报 责任编辑：王五"]


def test_extractor_removals_are_merged_counted_and_parsed(pipeline, stats):
    item = Article(url="https://e.org/a", body=P1, removed={"credit_line": ["责任编辑：周小燕"]})
    pipeline.process_item(item)
    assert item.removed == {"credit_line": ["责任编辑：周小燕"]}
    assert item.editors == ["周小燕"]
    assert stats.get_value("archive/boilerplate/rule/credit_line") == 1
    assert stats.get_value("archive/boilerplate/items_cleaned") is None


def test_captured_values_are_counted(pipeline, stats):
    pipeline.process_item(Article(url="https://e.org/a", body=f"{P1}\n\n来源：示例日报"))
    assert stats.get_value("archive/boilerplate/captured/source") == 1


def test_profile_drop_lines_apply(crawler):
    crawler.spider.profile = SiteProfile(name="example", drop_lines=(re.compile("^示例推广"),))
    pipeline = build_from_crawler(BoilerplatePipeline, crawler)
    item = {"url": "https://e.org/a", "body": f"{P1}\n\n示例推广：订阅示例周刊，每周精选。\n\n{P2}"}
    pipeline.process_item(item)
    assert item["body"] == f"{P1}\n\n{P2}"
    assert item["removed"] == {"profile": ["示例推广：订阅示例周刊，每周精选。"]}


def test_english_credit_fills_editors(pipeline):
    item = Article(url="https://e.org/a", body="The council approved the budget.\n\nEdited by Jane Doe")
    pipeline.process_item(item)
    assert (item.body, item.editors) == ("The council approved the budget.", ["Jane Doe"])


def test_reprint_notice_fills_the_source(pipeline):
    item = Article(url="https://e.org/a", body=f"本网讯{P2}\n\n本文转自示例晚报，版权归原作者所有。")
    pipeline.process_item(item)
    assert (item.body, item.source) == (f"本网讯{P2}", "示例晚报")


def test_reprint_and_original_share_a_content_hash(pipeline):
    original = Article(url="https://e.org/a", body=f"示例晚报3月20日讯{P2}\n\n责任编辑：李华")
    reprint = Article(url="https://e.org/b", body=f"本网讯{P2}\n\n本文转自示例晚报，版权归原作者所有。")
    pipeline.process_item(original)
    pipeline.process_item(reprint)
    assert original.content_hash == reprint.content_hash
