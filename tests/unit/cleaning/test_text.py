"""Whitespace normalisation, title sanitising and apply_rules, with hypothesis properties."""

from hypothesis import given
from hypothesis import strategies as st

from crawler.cleaning.rules import SHARED_RULES
from crawler.cleaning.text import CleanResult, apply_rules, normalize_whitespace, sanitize_title

BOILERPLATE = [
    "来源：示例日报 作者：王小明 责任编辑：李华",
    "围观88次",
    "【打印本页】【关闭窗口】",
    "分享到：微信 微博 QQ空间",
    "我要投稿",
    "示例购物节专页",
    "相关阅读",
    "版权与免责声明:",
    "Copyright © 2024 Example Daily. All Rights Reserved.",
    "Edited by Jane Doe",
    "Read more: Example story",
    "上一篇：示例标题一",
    "返回首页",
]
CONTENT = st.text(alphabet="市教育局会议学校新建今年，。、的一二三abc 123", min_size=1, max_size=40)
LINES = st.lists(st.one_of(st.sampled_from(BOILERPLATE), CONTENT, st.just("")), max_size=14)


def _nonblank(lines):
    return [line.strip() for line in lines if line.strip()]


def _any_rule(line):
    return any(rule.matches(line) for rule in SHARED_RULES)


def test_normalize_whitespace_maps_ideographic_and_nbsp_spaces():
    assert normalize_whitespace("\u3000\u3000甲\xa0乙  丙") == "甲 乙 丙"


def test_normalize_whitespace_separates_paragraphs_by_one_blank_line():
    assert normalize_whitespace("一段\r\n\r\n\r\n二段\r三段\n") == "一段\n\n二段\n\n三段"


def test_normalize_whitespace_removes_zero_width_and_nul():
    assert normalize_whitespace("示\u200b例\ufeff\x00正文 \n") == "示例正文"


def test_sanitize_title_strips_control_and_bidi_characters():
    assert sanitize_title("A\x07\x08\x1b title\u202e\u2066 x\u200b") == "A title x"


def test_sanitize_title_collapses_whitespace_and_newlines():
    assert sanitize_title("  示例\n\t标题\u3000 一  ") == "示例 标题 一"


def test_sanitize_title_caps_length():
    assert len(sanitize_title("标" * 10_000, max_chars=500)) == 500


def test_sanitize_title_keeps_markup_as_text():
    assert sanitize_title("<script>alert(1)</script>'; DROP TABLE x;--") == (
        "<script>alert(1)</script>'; DROP TABLE x;--"
    )


def test_apply_rules_returns_text_unchanged_without_hits():
    text = "  第一段。\n\n\n第二段。  "
    assert apply_rules(text, SHARED_RULES) == CleanResult(text, {})


def test_tail_block_removes_heading_and_everything_after():
    text = "正文一。\n\n正文二。\n\n相关阅读\n\n别的标题\n\n别的摘要。"
    result = apply_rules(text, SHARED_RULES)
    assert result.text == "正文一。\n\n正文二。"
    assert result.hits == {"related_reading": ["相关阅读", "别的标题", "别的摘要。"]}


def test_edge_rule_keeps_a_matching_line_in_the_middle():
    text = "正文一。\n\n来源：示例日报\n\n正文二。"
    assert apply_rules(text, SHARED_RULES).text == text


def test_edge_peel_walks_several_trailing_lines():
    text = "正文一。\n\n来源：示例日报\n\n【打印本页】【关闭窗口】\n\n围观88次"
    result = apply_rules(text, SHARED_RULES)
    assert result.text == "正文一。"
    assert set(result.hits) == {"credit_line", "print_widget", "view_counter"}


def test_all_boilerplate_body_becomes_empty():
    result = apply_rules("来源：示例日报\n\n我要投稿", SHARED_RULES)
    assert result.text == ""


@given(LINES)
def test_apply_rules_is_idempotent(lines):
    once = apply_rules("\n".join(lines), SHARED_RULES).text
    assert apply_rules(once, SHARED_RULES).text == once


@given(LINES)
def test_every_removed_line_is_reported(lines):
    result = apply_rules("\n".join(lines), SHARED_RULES)
    removed = [line for values in result.hits.values() for line in values]
    assert sorted(_nonblank(result.text.split("\n")) + removed) == sorted(_nonblank(lines))


@given(LINES)
def test_a_line_with_no_rule_hit_before_any_tail_block_is_never_removed(lines):
    tail = [rule for rule in SHARED_RULES if rule.where == "tail_block"]
    result = apply_rules("\n".join(lines), SHARED_RULES)
    kept = _nonblank(result.text.split("\n"))
    for line in _nonblank(lines):
        if any(rule.matches(line) for rule in tail):
            break
        if not _any_rule(line):
            assert line in kept


@given(st.text(max_size=300))
def test_normalize_whitespace_is_idempotent(text):
    once = normalize_whitespace(text)
    assert normalize_whitespace(once) == once


@given(st.text(max_size=300))
def test_sanitize_title_is_idempotent_and_bounded(text):
    once = sanitize_title(text, max_chars=50)
    assert sanitize_title(once, max_chars=50) == once
    assert len(once) <= 50
