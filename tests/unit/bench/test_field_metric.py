"""The README field metric: published to the minute, exact source, whitespace-free name sets, empty gold."""

from __future__ import annotations

import pytest

from bench.extraction import score_fields
from bench.extractors import Prediction
from bench.metric import field_hits, iso_minute, names, names_match, published_match, source_match


@pytest.mark.parametrize(
    ("predicted", "minute"),
    [
        ("2019-09-07T13:43:45+08:00", "2019-09-07T13:43"),
        ("2019-09-07 13:43:45", "2019-09-07T13:43"),
        ("2019年9月7日 9:05", "2019-09-07T09:05"),
        ("2019/09/07", "2019-09-07"),
        ("yesterday", ""),
        (None, ""),
    ],
)
def test_iso_minute_writes_a_predicted_time_the_iso_way(predicted: str | None, minute: str) -> None:
    assert iso_minute(predicted) == minute


def test_published_is_equal_to_the_minute() -> None:
    gold = "2019-09-07T13:43:00+08:00"
    assert published_match("2019-09-07T13:43:59+08:00", gold)  # seconds and zone beyond the minute
    assert published_match("2019-09-07T13:43:00Z", gold)  # only the first 16 characters count
    assert not published_match("2019-09-07T13:44:00+08:00", gold)
    assert not published_match("2019-09-07T05:43:00+00:00", gold)  # the same instant in UTC is not shown time
    assert not published_match("2019-09-07", gold)  # a date alone misses a timed gold
    assert not published_match(None, gold)


def test_a_date_only_gold_wants_the_date_alone() -> None:
    assert published_match("2019-05-17", "2019-05-17")
    assert not published_match("2019-05-17T00:00:00+08:00", "2019-05-17")
    assert not published_match("2019-05-18", "2019-05-17")


def test_source_is_exact() -> None:
    assert source_match("证券市场红周刊", "证券市场红周刊")
    assert not source_match("证券市场红周刊 ", "证券市场红周刊")
    assert not source_match("来源：新京报", "新京报")
    assert not source_match(None, "新京报")


def test_names_are_sets_without_whitespace() -> None:
    assert names(["刘 晓阳", " 姚立伟\u3000", ""]) == {"刘晓阳", "姚立伟"}
    assert names_match(["姚立伟", "刘晓阳"], ["刘晓阳", "姚 立伟"])
    assert names_match(["Demi Xia", "Demi  Xia"], ["DemiXia"])
    assert not names_match(["刘晓阳"], ["刘晓阳", "姚立伟"])  # the second editor dropped
    assert not names_match(["刘晓阳", "新京报"], ["刘晓阳"])  # one name too many
    assert not names_match(["demi xia"], ["Demi Xia"])  # case is kept
    assert not names_match([], ["刘晓阳"])


def test_empty_gold_is_not_scored_and_ungiven_fields_are_not_scored() -> None:
    gold = {"published": "2019-09-07", "source": None, "editors": [], "authors": ["武平"]}
    predicted = {"published": "2019-09-07", "source": "新华社", "editors": ["张三"], "authors": []}
    assert field_hits(predicted, gold) == {"published": True, "authors": False}
    assert field_hits({"authors": ["武平"]}, gold) == {"authors": True}


def test_score_fields_marks_what_an_extractor_does_not_give() -> None:
    gold = {
        "title": "标题",
        "published": "2019-09-07",
        "source": "新华社",
        "editors": ["张三"],
        "authors": [],
    }
    prediction = Prediction("正文", "标题 ", [], "2019-09-07", None, ["张三"])
    ours = score_fields(prediction, gold, None)
    assert ours == {
        "title_ok": True,
        "published_ok": True,
        "source_ok": False,
        "editors_ok": True,
        "misses": {"source": ["新华社", None]},
    }
    anchor = score_fields(prediction, gold, frozenset({"date"}))
    assert anchor == {"title_ok": True, "published_ok": True, "misses": {}}


def test_old_author_and_date_columns_need_an_extractor_that_gives_them() -> None:
    gold = {"title": "T", "author": "By Erin Cunningham", "date": "2021-1-29"}
    prediction = Prediction("b", "X", ["Erin Cunningham"], "2021-01-29T10:00:00+00:00")
    assert score_fields(prediction, gold, None) == {
        "title_ok": False,
        "author_ok": True,
        "date_ok": True,
        "misses": {"title": ["T", "X"]},
    }
    assert score_fields(prediction, gold, frozenset()) == {"title_ok": False, "misses": {"title": ["T", "X"]}}
