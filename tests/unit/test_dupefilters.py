"""Canonical request fingerprints and the redirect-loop counting dupefilter."""

from __future__ import annotations

from scrapy import Request

from crawler.dupefilters import (
    CanonicalRequestFingerprinter,
    LoopCountingDupeFilter,
    already_requested,
    canonical_fingerprint,
    url_fingerprint,
    url_requested,
)
from tests.crawlers import make_crawler, run_scheduler


def test_session_and_tracking_variants_share_a_fingerprint():
    fp = CanonicalRequestFingerprinter().fingerprint
    base = fp(Request("http://h/a.html"))
    assert fp(Request("http://h/a.html;jsessionid=XYZ")) == base
    assert fp(Request("http://h/a.html?utm_source=x&sid=9")) == base
    assert fp(Request("http://h/a.html#c")) == base
    assert fp(Request("http://h/b.html")) != base


def test_a_redirect_back_to_a_seen_url_is_counted_as_a_loop():
    crawler = make_crawler(settings_dict={"REQUEST_FINGERPRINTER_CLASS": CanonicalRequestFingerprinter})
    crawler.stats.open_spider()
    dupefilter = LoopCountingDupeFilter.from_crawler(crawler)
    assert not dupefilter.request_seen(Request("http://h/a"))
    assert dupefilter.request_seen(Request("http://h/a", meta={"redirect_times": 2}))
    assert crawler.stats.get_value("archive/redirect/loop") == 1


def test_already_requested_looks_without_recording():
    crawler = make_crawler(settings_dict={"REQUEST_FINGERPRINTER_CLASS": CanonicalRequestFingerprinter})
    dupefilter = LoopCountingDupeFilter.from_crawler(crawler)
    run_scheduler(crawler, dupefilter)
    first = Request("http://a.example/x.html?utm_source=feed")
    assert not already_requested(crawler, first)
    assert not already_requested(crawler, first)  # looking records nothing
    assert not dupefilter.request_seen(first)
    assert already_requested(crawler, Request("http://a.example/x.html"))
    assert not already_requested(crawler, Request("http://a.example/x.html", dont_filter=True))
    assert not already_requested(make_crawler(), Request("http://a.example/x.html"))


def test_url_requested_matches_the_request_fingerprint_without_a_request():
    crawler = make_crawler(settings_dict={"REQUEST_FINGERPRINTER_CLASS": CanonicalRequestFingerprinter})
    dupefilter = LoopCountingDupeFilter.from_crawler(crawler)
    run_scheduler(crawler, dupefilter)
    assert url_fingerprint("http://a.example/x.html") == canonical_fingerprint(
        Request("http://a.example/x.html")
    )
    assert not url_requested(crawler, "http://a.example/x.html")
    dupefilter.request_seen(Request("http://a.example/x.html?utm_source=feed"))
    assert url_requested(crawler, "http://a.example/x.html")
    assert not url_requested(crawler, "http://a.example/y.html")
    assert not url_requested(make_crawler(), "http://a.example/x.html")
