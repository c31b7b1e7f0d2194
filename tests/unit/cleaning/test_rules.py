"""Each shared rule against its fixture cases (tests/fixtures/cleaning/<rule>.json): input -> expected."""

import json
import re
from pathlib import Path

import pytest

from crawler.cleaning.rules import SHARED_RULES, Rule, profile_rules
from crawler.cleaning.text import apply_rules

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cleaning"
RULE_NAMES = sorted({rule.name for rule in SHARED_RULES})


def _cases():
    for path in sorted(FIXTURES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}-{case['id']}")


@pytest.mark.parametrize("case", list(_cases()))
def test_fixture_case_gives_expected_text(case):
    assert apply_rules(case["input"], SHARED_RULES).text == case["expected"]


@pytest.mark.parametrize("case", list(_cases()))
def test_fixture_case_reports_removed_lines_by_rule(case):
    assert apply_rules(case["input"], SHARED_RULES).hits == case["removed"]


@pytest.mark.parametrize("name", RULE_NAMES)
def test_every_shared_rule_has_positive_and_negative_fixtures(name):
    cases = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert any(name in c["removed"] for c in cases)
    assert any(not c["removed"] for c in cases)


def test_shared_rule_names_are_the_shared_vocabulary():
    assert set(RULE_NAMES) == {
        "copyright",
        "disclaimer",
        "credit_line",
        "submit_link",
        "share_widget",
        "print_widget",
        "related_reading",
        "prev_next",
        "nav_promo",
        "view_counter",
        "english_credit",
        "read_more",
    }


def test_rule_accepts_a_predicate():
    rule = Rule("shout", lambda line: line.isupper(), where="anywhere")
    assert rule.matches("  HELLO ")
    assert not rule.matches("Hello")


def test_rule_never_matches_a_blank_line():
    assert not Rule("any", re.compile(".*"), where="anywhere").matches("   ")


def test_profile_rules_are_named_profile_and_compile_strings():
    rules = profile_rules([r"^示例推广", re.compile(r"^Promo\b")])
    assert [r.name for r in rules] == ["profile", "profile"]
    assert rules[0].matches("示例推广位")


def test_profile_rules_remove_lines_anywhere_by_default():
    text = "第一段内容。\n\n示例推广位\n\n第二段内容。"
    assert apply_rules(text, profile_rules([r"^示例推广"])).text == "第一段内容。\n\n第二段内容。"


def test_a_credit_line_followed_by_short_promo_lines_leaves_the_text():
    text = "东山区教体局建立联动机制。\n\n来源:东山在线 作者:佚名 责任编辑:林小溪 我要投稿\n校具采购页\n更多精彩内容\n"
    result = apply_rules(text, SHARED_RULES)
    assert result.text == "东山区教体局建立联动机制。"
    assert result.hits["credit_line"] == ["来源:东山在线 作者:佚名 责任编辑:林小溪 我要投稿"]
