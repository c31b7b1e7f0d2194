"""Tests for crawler.cleaning.names: one case per entry of each list."""

import pytest

from crawler.cleaning import names


@pytest.mark.parametrize("prefix", names.PREFIXES)
def test_each_prefix_comes_off(prefix):
    assert names.strip_prefix(f"{prefix}林小溪") == "林小溪"


def test_prefix_after_an_outlet_comes_off():
    assert names.strip_prefix("东山晚报记者林小溪") == "林小溪"


def test_a_collective_byline_keeps_its_role():
    assert names.strip_prefix("东山日报评论员") == "东山日报评论员"


@pytest.mark.parametrize("ending", names.OUTLET_ENDINGS)
def test_each_outlet_ending_marks_an_outlet(ending):
    assert names.is_outlet(f"东山{ending}")


def test_a_person_is_no_outlet():
    assert not names.is_outlet("林小溪")


@pytest.mark.parametrize("word", names.UI_WORDS)
def test_each_ui_word_is_cut_off_a_name(word):
    assert names.cut_ui(f"林小溪{word}东山") == "林小溪"
    assert names.is_ui_word(word)


def test_a_name_is_no_ui_word():
    assert not names.is_ui_word("林小溪")
    assert names.cut_ui("林小溪 周小雁") == "林小溪 周小雁"


@pytest.mark.parametrize("marker", names.AFFILIATION_MARKERS)
def test_each_affiliation_marker_marks_no_name(marker):
    assert names.has_affiliation(f"东山{marker}")


def test_a_name_has_no_affiliation():
    assert not names.has_affiliation("林小溪")


@pytest.mark.parametrize("word", names.NOT_NAMES)
def test_each_dateline_word_is_no_name(word):
    assert names.is_not_name(word)


@pytest.mark.parametrize("ending", names.AGENCY_ENDINGS)
def test_each_agency_prefix_comes_off(ending):
    assert names.strip_agency(f"东山{ending}／林小溪") == "林小溪"


def test_a_plain_name_list_keeps_its_slash():
    assert names.strip_agency("林小溪/周小雁") == "林小溪/周小雁"


@pytest.mark.parametrize("value", names.VAGUE_SOURCES)
def test_each_vague_source_names_no_outlet(value):
    assert names.is_vague_source(value)
    assert not names.is_vague_source(f"东山{value}报")


@pytest.mark.parametrize(
    ("source", "outlet"),
    [
        ("东山日报（北湖）", "东山日报"),
        ("东山网 北湖", "东山网"),
        ("东山社北湖3月5日电", "东山社"),
        ("东山社西北湖城3月5日电", "东山社"),
        ("东山大学（本部）", "东山大学（本部）"),  # no outlet's name: the note may be its own
        ("吴泾中学(G)", "吴泾中学(G)"),
        ("东山日报", "东山日报"),
    ],
)
def test_city_note_comes_off_an_outlet(source, outlet):
    assert names.strip_city_note(source) == outlet


@pytest.mark.parametrize("ending", names.ORGANISATION_ENDINGS)
def test_each_organisation_ending_marks_an_organisation(ending):
    assert names.is_organisation(f"东山{ending}")
    assert not names.is_organisation("林小溪")


@pytest.mark.parametrize("kind", names.ACCOUNT_KINDS)
def test_each_account_kind(kind):
    assert names.is_account_kind(kind)
    assert not names.is_account_kind(f"东山{kind}")
