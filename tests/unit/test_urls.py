"""Tests for crawler.urls: canonical url_key, same-site, trusted canonical, origin."""

from __future__ import annotations

from urllib.parse import unquote_plus, urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from crawler.urls import canonicalize, origin, registrable_domain, same_site, trusted_canonical

ARTICLE = "http://www.example.com.cn/news/20171219108.shtml"


@pytest.mark.parametrize(
    "variant",
    [
        "HTTP://WWW.EXAMPLE.COM.CN/news/20171219108.shtml",
        "http://www.example.com.cn:80/news/20171219108.shtml",
        "http://www.example.com.cn/news/20171219108.shtml#comments",
        "http://www.example.com.cn/news/../news/./20171219108.shtml",
        "http://www.example.com.cn/news/20171219108.shtml?utm_source=wechat&utm_medium=share",
        "http://www.example.com.cn/news/20171219108.shtml?spm=a2c4g.11186623&from=timeline",
        "http://www.example.com.cn/news/20171219108.shtml?isappinstalled=0&scene=1&wxfrom=5",
        "http://www.example.com.cn/news/20171219108.shtml?fbclid=abc&gclid=def&share_token=x",
        "http://www.example.com.cn/news/20171219108.shtml;jsessionid=0A1B2C3D",
        "http://www.example.com.cn/news/20171219108.shtml?PHPSESSID=9f8e&sid=1&sessionid=2&session_id=3",
        "http://www.example.com.cn/news/20171219108.shtml?ASPSESSIONIDQASDQD=ABCDEF",
        "http://www.example.com.cn/news/20171219108.shtml/",
        "  http://www.example.com.cn/news/20171219108.shtml  ",
    ],
)
def test_canonicalize_collapses_variants_of_one_article(variant: str) -> None:
    assert canonicalize(variant) == ARTICLE


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "http://x.cn/show.php?p=2&id=7&aid=3&nid=9&page=4",
            "http://x.cn/show.php?aid=3&id=7&nid=9&p=2&page=4",
        ),
        ("https://x.cn:443/", "https://x.cn/"),
        ("http://x.cn", "http://x.cn/"),
        ("http://x.cn:8123/a/", "http://x.cn:8123/a"),
        ("http://x.cn/index.html", "http://x.cn/index.html"),
        ("http://x.cn/a/index.htm?utm_campaign=z", "http://x.cn/a/index.htm"),
        ("http://x.cn/%e4%b8%ad%e6%96%87.html", "http://x.cn/%E4%B8%AD%E6%96%87.html"),
        ("http://x.cn/中文.html", "http://x.cn/%E4%B8%AD%E6%96%87.html"),
        ("http://user:secret@x.cn/a", "http://x.cn/a"),
        ("http://[::1]:8080/a/", "http://[::1]:8080/a"),
    ],
)
def test_canonicalize_normalises_and_keeps_identity(url: str, expected: str) -> None:
    assert canonicalize(url) == expected


def test_canonicalize_keeps_distinct_articles_apart() -> None:
    assert canonicalize("http://x.cn/show.php?id=1") != canonicalize("http://x.cn/show.php?id=2")
    assert canonicalize("http://x.cn/a") != canonicalize("https://x.cn/a")
    assert canonicalize("http://x.cn/a") != canonicalize("http://x.cn:8080/a")


_segment = st.text(alphabet="abcXYZ019-._~%!$&'()*+,;=:@中文 ", max_size=8)
_param = st.tuples(
    st.sampled_from(["id", "p", "utm_source", "from", "SID", "page", "q", "a b", "%41"]),
    st.text(alphabet="ab1%=+ 中/?", max_size=6),
)


@st.composite
def _urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP"]))
    host = draw(st.sampled_from(["x.cn", "WWW.Example.COM", "127.0.0.1", "news.qq.com.", "[::1]"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8123"]))
    path = "/".join(draw(st.lists(_segment, max_size=5)))
    query = "&".join(f"{k}={v}" for k, v in draw(st.lists(_param, max_size=4)))
    fragment = draw(st.sampled_from(["", "#top", "#中"]))
    return f"{scheme}://{host}{port}/{path}{'?' + query if query else ''}{fragment}"


@given(_urls())
@example("http://x.cn/;/")
@example("http://x.cn/a/;")
def test_canonicalize_is_idempotent(url: str) -> None:
    key = canonicalize(url)
    assert canonicalize(key) == key


@given(_urls())
def test_canonicalize_drops_fragments_and_tracking(url: str) -> None:
    key = canonicalize(url)
    names = {unquote_plus(pair.split("=", 1)[0]).lower() for pair in urlsplit(key).query.split("&")}
    assert "#" not in key
    assert not names & {"utm_source", "from", "sid"}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("http://news.sina.com.cn/a.html", "https://www.sina.com.cn/", True),
        ("http://www.caigou.com.cn/news/1.shtml", "http://m.caigou.com.cn/news/1.shtml", True),
        ("http://a.com.cn/x", "http://b.com.cn/x", False),
        ("http://www.qingdao.gov.cn/", "http://www.jinan.gov.cn/", False),
        ("http://news.qingdao.gov.cn/", "http://www.qingdao.gov.cn/", True),
        ("http://www.bbc.co.uk/news", "http://www.itv.co.uk/news", False),
        ("http://www.abc.net.au/a", "http://abc.net.au/b", True),
        ("http://www.pku.edu.cn/", "http://news.pku.edu.cn/", True),
        ("http://a.org.cn/", "http://b.org.cn/", False),
        ("http://a.net.cn/", "http://b.net.cn/", False),
        ("http://www.xinhuanet.com/", "http://xinhuanet.com.evil.com/", False),
        ("http://127.0.0.1:8123/a", "http://127.0.0.1:9000/b", True),
        ("http://127.0.0.1/a", "http://127.0.0.2/a", False),
        ("http://example.com/", "not a url", False),
    ],
)
def test_same_site(a: str, b: str, expected: bool) -> None:
    assert same_site(a, b) is expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.sina.com.cn", "sina.com.cn"),
        ("a.b.c.example.com", "example.com"),
        ("news.dzwww.sd.cn", "dzwww.sd.cn"),
        ("localhost", "localhost"),
        ("WWW.Example.COM.", "example.com"),
    ],
)
def test_registrable_domain(host: str, expected: str) -> None:
    assert registrable_domain(host) == expected


PAGE = "http://www.example.com.cn/m/news/2017/1219/42.html"


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        (
            "http://www.example.com.cn/news/2017/1219/42.html",
            "http://www.example.com.cn/news/2017/1219/42.html",
        ),
        ("/news/2017/1219/42.html", "http://www.example.com.cn/news/2017/1219/42.html"),
        ("http://news.example.com.cn/2017/1219/42.html", "http://news.example.com.cn/2017/1219/42.html"),
        ("http://www.example.com.cn/?p=42", "http://www.example.com.cn/?p=42"),
        ("http://www.example.com.cn/", None),
        ("http://www.example.com.cn", None),
        ("/index.html", None),
        ("/index.shtml?utm_source=x", None),
        ("http://www.example.com.cn/news/", None),
        ("http://www.other.com/news/42.html", None),
        ("javascript:void(0)", None),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_trusted_canonical(canonical: str | None, expected: str | None) -> None:
    assert trusted_canonical(PAGE, canonical) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8123/news/1.html?a=b", "http://127.0.0.1:8123"),
        ("HTTPS://News.Example.COM:443/x", "https://news.example.com"),
        ("http://example.com:80", "http://example.com"),
        ("http://[::1]:8080/", "http://[::1]:8080"),
    ],
)
def test_origin(url: str, expected: str) -> None:
    assert origin(url) == expected
