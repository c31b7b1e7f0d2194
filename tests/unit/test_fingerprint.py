"""Canonical request fingerprints and the redirect-loop counting dupefilter."""

from __future__ import annotations

from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.fingerprint import CanonicalRequestFingerprinter, LoopCountingDupeFilter


def test_session_and_tracking_variants_share_a_fingerprint():
    fp = CanonicalRequestFingerprinter().fingerprint
    base = fp(Request("http://h/a.html"))
    assert fp(Request("http://h/a.html;jsessionid=XYZ")) == base
    assert fp(Request("http://h/a.html?utm_source=x&sid=9")) == base
    assert fp(Request("http://h/a.html#c")) == base
    assert fp(Request("http://h/b.html")) != base


def test_a_redirect_back_to_a_seen_url_is_counted_as_a_loop():
    crawler = get_crawler(settings_dict={"REQUEST_FINGERPRINTER_CLASS": CanonicalRequestFingerprinter})
    crawler.stats.open_spider()
    dupefilter = LoopCountingDupeFilter.from_crawler(crawler)
    assert not dupefilter.request_seen(Request("http://h/a"))
    assert dupefilter.request_seen(Request("http://h/a", meta={"redirect_times": 2}))
    assert crawler.stats.get_value("archive/redirect/loop") == 1
