"""GcTuning: the collector's first threshold is raised while the engine runs and restored after."""

from __future__ import annotations

import gc

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

import crawler.settings as project_settings
from crawler.extensions.gctuning import GcTuning


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_the_threshold_is_raised_while_the_engine_runs_and_restored_after(thresholds):
    crawler = get_crawler(settings_dict={"ARCHIVE_GC_THRESHOLD": 25_000})
    extension = GcTuning.from_crawler(crawler)  # the extension manager holds it in a crawl: signals are weak
    crawler.signals.send_catch_log(signals.engine_started)
    assert gc.get_threshold() == (25_000, 10, 10)
    crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == (700, 10, 10)
    assert extension.saved is None


def test_a_higher_threshold_already_set_is_kept(thresholds):
    gc.set_threshold(50_000, 10, 10)
    crawler = get_crawler(settings_dict={"ARCHIVE_GC_THRESHOLD": 10_000})
    extension = GcTuning.from_crawler(crawler)  # the extension manager holds it in a crawl: signals are weak
    crawler.signals.send_catch_log(signals.engine_started)
    assert gc.get_threshold() == (50_000, 10, 10)
    assert extension.saved == (50_000, 10, 10)


@pytest.mark.parametrize("value", [0, -5])
def test_zero_or_a_negative_threshold_turns_it_off(thresholds, value):
    with pytest.raises(NotConfigured):
        GcTuning.from_crawler(get_crawler(settings_dict={"ARCHIVE_GC_THRESHOLD": value}))


def test_the_project_enables_it_with_its_documented_default():
    settings = Settings()
    settings.setmodule(project_settings)
    assert settings.getdict("EXTENSIONS").get("crawler.extensions.gctuning.GcTuning") is not None
    assert settings.getint("ARCHIVE_GC_THRESHOLD") == 10_000
