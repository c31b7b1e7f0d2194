"""The benchmark metric: tokens, body P/R/F1, and the author/date rules for raw gold fields."""

from __future__ import annotations

import pytest

from bench.metric import author_match, date_match, gold_author, gold_date, prf, tokens


def test_han_characters_are_single_tokens_and_punctuation_is_dropped() -> None:
    assert tokens("北京，Hello World!") == ["北", "京", "hello", "world"]


def test_prf_counts_multiset_overlap() -> None:
    assert prf("a b c d", "a b") == (0.5, 1.0, pytest.approx(2 / 3))
    assert prf("", "a") == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("gold", "name"),
    [
        ("By Erin Cunningham", "Erin Cunningham"),
        ("By Nathan Willis\n    March 25, 2015", "Nathan Willis"),
        ("Par Sébastien Farcis", "Sébastien Farcis"),
        ("作者：李建忠", "李建忠"),
        ("JOE HILDEBRAND", "JOE HILDEBRAND"),
    ],
)
def test_gold_author_is_the_name_of_the_byline(gold: str, name: str) -> None:
    assert gold_author(gold) == name


def test_author_match_joins_split_names_and_rejects_others() -> None:
    assert author_match(["Brenda Goodman", "MA"], "By Brenda  Goodman, MA\n  WebMD Health News")
    assert not author_match(["Laurie Oakes"], "JOE HILDEBRAND")
    assert not author_match([], "By")


@pytest.mark.parametrize(
    ("gold", "day"),
    [("2021-1-29 13:18", "2021-01-29"), ("2003-5", "2003-05"), ("2018", "2018"), ("UNKNWON", None)],
)
def test_gold_date_keeps_its_precision(gold: str, day: str | None) -> None:
    assert gold_date(gold) == day


def test_date_match_at_the_gold_precision() -> None:
    assert date_match("2021-01-29T13:18:00+08:00", "2021-1-29 13:18")
    assert date_match("2003-05-24T00:00:00+08:00", "2003-5")
    assert not date_match("2003-06-24T00:00:00+08:00", "2003-5")
    assert not date_match(None, "2018")
