"""Redirect audit: refused redirects are logged and counted."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.pages.links import make_scope
from crawler.redirects import RedirectAuditMiddleware, redirect_problem

SCOPE = make_scope(["http://127.0.0.1:8000/"], None)


def redirect(location: str | None) -> Response:
    headers = {"Location": location} if location is not None else {}
    return Response("http://127.0.0.1:8000/r", status=302, headers=headers)


@pytest.mark.parametrize(
    ("location", "meta", "reason"),
    [
        (None, {}, "no_location"),
        ("file:///etc/passwd", {}, "bad_scheme"),
        ("data:text/html,hi", {}, "bad_scheme"),
        ("/next", {"redirect_times": 8}, "max_reached"),
        ("http://127.0.0.1:9999/x", {}, "offsite"),
        ("/next", {}, None),
    ],
)
def test_redirect_problems(location, meta, reason):
    request = Request("http://127.0.0.1:8000/r", meta=meta)
    assert redirect_problem(request, redirect(location), 8, SCOPE) == reason


def test_a_redirect_to_file_is_dropped_and_counted():
    crawler = get_crawler()
    crawler.stats.open_spider()
    mw = RedirectAuditMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_response(Request("http://127.0.0.1:8000/r"), redirect("file:///etc/passwd"))
    assert crawler.stats.get_value("archive/redirect/bad_scheme") == 1
