"""ArticleSpider link following: a site copy's absolute links to its original host are followed on the copy."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from tests.unit.spiders.test_article_spider import make_spider

BASE = "http://127.0.0.1:8123"
MIRROR = "https://news.example.org"


def home_page(mirror_paths, relative_paths):
    links = "".join(f'<a href="{MIRROR}{p}">more</a>' for p in mirror_paths)
    links += "".join(f'<a href="{p}">section</a>' for p in relative_paths)
    return f"<html><head><title>Home</title></head><body>{links}</body></html>".encode()


def parse(spider, url, body):
    request = Request(url)
    response = HtmlResponse(url, body=body, encoding="utf-8", request=request)
    return [o for o in spider.parse(response) if isinstance(o, Request)], response


def test_links_to_the_original_host_are_followed_on_the_copy():
    crawler, spider = make_spider(start_urls=f"{BASE}/index.htm")
    crawler.stats.open_spider()
    sections = [f"/info/iList_{n}.htm" for n in range(1, 6)]
    out, response = parse(spider, f"{BASE}/index.htm", home_page([*sections, "/info/iList_99.htm"], sections))
    urls = [r.url for r in out]
    assert urls[:5] == [BASE + p for p in sections]
    assert urls[5:] == [BASE + "/info/iList_99.htm"]  # seen before the host was recognised: not lost
    assert crawler.stats.get_value("archive/scope/alias_host") == 1
    assert MIRROR + "/info/iList_99.htm" in response.meta["archive_links"]  # offsite when this page was read
    later, response = parse(spider, f"{BASE}/info/iList_1.htm", home_page(["/info/iList_100.htm"], []))
    assert [r.url for r in later] == [BASE + "/info/iList_100.htm"]
    assert response.meta["archive_links"] == [BASE + "/info/iList_100.htm"]
    assert crawler.stats.get_value("archive/scope/alias_link") == 2


def test_other_sites_stay_out_and_the_setting_turns_it_off():
    crawler, spider = make_spider(start_urls=f"{BASE}/index.htm")
    sections = [f"/info/iList_{n}.htm" for n in range(1, 6)]
    weixin = "".join(f'<a href="https://mp.weixin.qq.com/s/{n}">w</a>' for n in range(20))
    body = home_page(sections, sections).replace(b"</body>", weixin.encode() + b"</body>")
    crawler.settings.frozen = False
    crawler.settings.set("ARCHIVE_ALIAS_MIN_PATHS", 0)
    out, _ = parse(spider, f"{BASE}/index.htm", body)
    assert [r.url for r in out] == [BASE + p for p in sections]
    _, spider = make_spider(start_urls=f"{BASE}/index.htm")
    out, _ = parse(spider, f"{BASE}/index.htm", body)
    assert not [r.url for r in out if "weixin" in r.url]
