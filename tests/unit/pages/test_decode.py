"""Tests for crawler.pages.decode."""

from crawler.pages.decode import decode_html

PAGE = "<html><head><meta charset=gb2312></head><body>教育装備學習</body></html>"


def test_gb_label_decodes_as_gb18030():
    result = decode_html(PAGE.encode("gbk"))
    assert result.text == PAGE
    assert result.encoding == "gb18030"
    assert not result.overridden


def test_valid_utf8_beats_gb_label():
    result = decode_html(PAGE.encode("utf-8"))
    assert result.encoding == "utf-8"
    assert result.overridden


def test_wrong_utf8_header_is_overridden_for_gbk_bytes():
    result = decode_html(PAGE.encode("gbk"), "utf-8")
    assert result.text == PAGE
    assert result.overridden


def test_latin1_header_does_not_give_mojibake():
    assert decode_html(PAGE.encode("gbk"), "iso-8859-1").text == PAGE


def test_bom_wins():
    assert decode_html(b"\xef\xbb\xbf<p>\xe4\xb8\xad</p>", "gbk").text == "<p>中</p>"


def test_broken_bytes_fall_back_with_replacements():
    result = decode_html("中文".encode("gbk") * 1000 + b"\xff")
    assert result.replacements >= 1
    assert "中文" in result.text


def test_literal_replacement_characters_in_valid_utf8_are_counted():
    page = "<html><body>第一段\ufffd第二段\ufffd</body></html>"
    result = decode_html(page.encode("utf-8"))
    assert result.encoding == "utf-8"
    assert result.replacements == 2
    assert decode_html("<html><body>第一段</body></html>".encode()).replacements == 0
