"""content_hash: reposts of one story with another dateline, title line or boilerplate hash the same."""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from crawler.cleaning.fingerprint import content_hash, fingerprint_text
from crawler.cleaning.rules import SHARED_RULES
from crawler.cleaning.text import apply_rules

STORY = "示例区教体局坚持扶贫与扶智相结合，资助家庭贫困学生就学。\n\n一是组织对口扶持，改造党员活动室。"


def test_hash_is_sha1_hex_of_the_fingerprint_text():
    assert content_hash(STORY) == hashlib.sha1(fingerprint_text(STORY).encode()).hexdigest()


def test_different_dateline_outlets_hash_the_same():
    assert content_hash("示例在线12月19日讯" + STORY) == content_hash("本网讯 " + STORY)


def test_xinhua_style_dateline_with_reporter_is_stripped():
    assert content_hash("新华社北京11月17日电（记者 王小明）" + STORY) == content_hash(STORY)


def test_original_title_line_is_ignored():
    assert content_hash("原标题：示例区推进教育扶贫\n\n" + STORY) == content_hash(STORY)


def test_boilerplate_and_counters_are_ignored():
    reposted = STORY + "（完）\n\n来源：示例日报 责任编辑：李华\n\n围观357次\n\n相关阅读\n\n别的新闻"
    assert content_hash(reposted) == content_hash(STORY)


def test_whitespace_punctuation_width_and_case_are_ignored():
    assert content_hash("Hello,  World！\n\n１２３") == content_hash("hello world!123")


def test_trailing_wrapped_editor_note_is_ignored():
    assert content_hash(STORY + "（责任编辑：周小燕）") == content_hash(STORY)


def test_different_stories_hash_differently():
    assert content_hash(STORY) != content_hash(STORY.replace("扶贫", "扶智"))


def test_sentence_starting_like_a_dateline_word_is_kept():
    assert fingerprint_text("通讯行业今年增长迅速。").startswith("通讯")


@given(st.text(max_size=200))
def test_hash_is_always_forty_hex_digits(text):
    assert int(content_hash(text), 16) >= 0
    assert len(content_hash(text)) == 40


@given(
    st.lists(
        st.sampled_from([*STORY.split("\n\n"), "来源：示例日报", "围观8次", "相关阅读", "甲乙"]), max_size=8
    )
)
def test_hash_of_cleaned_body_equals_hash_of_raw_body(lines):
    raw = "\n\n".join(lines)
    assert content_hash(apply_rules(raw, SHARED_RULES).text) == content_hash(raw)


def test_second_call_with_the_same_body_returns_the_form_already_made():
    cleaned = apply_rules(STORY + "\n\n责任编辑：李华", SHARED_RULES).text
    first = fingerprint_text(cleaned, cleaned=True)
    assert fingerprint_text(cleaned) is first  # the store's call after the pipeline's: not made again
    other = "本网讯 " + STORY  # another body: its own form, not the remembered one
    assert fingerprint_text(other) == fingerprint_text(STORY)
    assert fingerprint_text(other) is not first
    assert fingerprint_text(cleaned) == first
