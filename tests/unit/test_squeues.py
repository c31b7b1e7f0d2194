"""SpillingFifoQueue: FIFO order across memory and disk, the crawl-wide memory budget, the spill folder."""

from __future__ import annotations

from pathlib import Path

import scrapy
from scrapy import signals
from scrapy.pqueues import ScrapyPriorityQueue

from crawler.squeues import SpillingFifoQueue
from tests.crawlers import make_crawler as base_crawler


class QueueSpider(scrapy.Spider):
    name = "queue_test"

    def parse(self, response):  # pragma: no cover - never called
        return None


def make_crawler(tmp_path: Path, memory: int):
    crawler = base_crawler(
        QueueSpider, settings_dict={"ARCHIVE_QUEUE_MEMORY": memory, "ARCHIVE_QUEUE_DIR": str(tmp_path)}
    )
    crawler.spider = crawler._create_spider()
    return crawler


def request(n: int, priority: int = 0) -> scrapy.Request:
    return scrapy.Request(
        f"http://news.example/{n}.html", priority=priority, meta={"kind": "article", "n": n}, dont_filter=True
    )


def urls(queue) -> list[str]:
    out = []
    for _ in range(10_000):  # bounded: the queues below hold far fewer
        found = queue.pop()
        if found is None:
            return out
        out.append(found.url)
    raise AssertionError("queue never emptied")


def test_order_is_fifo_across_memory_and_disk(tmp_path):
    crawler = make_crawler(tmp_path, memory=3)
    queue = SpillingFifoQueue.from_crawler(crawler, "")
    for n in range(10):
        queue.push(request(n))
    assert len(queue) == 10
    assert len(queue.memory) == 3  # the rest waits on disk
    assert queue.peek().url == "http://news.example/0.html"
    first = [queue.pop().url for _ in range(4)]  # the memory part, then the first read back from disk
    queue.push(request(10))  # memory has room again, but older requests are on disk: it queues behind them
    assert first + urls(queue) == [f"http://news.example/{n}.html" for n in range(11)]
    assert crawler.stats.get_value("archive/queue/spilled") == 8


def test_requests_read_back_from_disk_keep_their_fields(tmp_path):
    crawler = make_crawler(tmp_path, memory=1)
    queue = SpillingFifoQueue.from_crawler(crawler, "")
    queue.push(request(0))
    queue.push(
        scrapy.Request("http://news.example/x", callback=crawler.spider.parse, meta={"n": 7}, priority=5)
    )
    queue.pop()
    back = queue.pop()
    assert (back.url, back.meta["n"], back.priority, back.callback) == (
        "http://news.example/x",
        7,
        5,
        crawler.spider.parse,
    )


def test_the_memory_budget_is_shared_by_the_crawls_queues(tmp_path):
    crawler = make_crawler(tmp_path, memory=4)
    first, second = (SpillingFifoQueue.from_crawler(crawler, k) for k in ("a", "b"))
    for n in range(3):
        first.push(request(n))
    for n in range(3):
        second.push(request(100 + n))
    assert (len(first.memory), len(second.memory)) == (3, 1)
    assert len(first) == len(second) == 3
    first.pop()  # frees a place in memory, but ``second`` has spilled: it stays FIFO
    second.push(request(103))
    assert len(second.memory) == 1
    assert urls(second) == [f"http://news.example/{n}.html" for n in range(100, 104)]


def test_priorities_keep_their_order_when_spilled(tmp_path):
    crawler = make_crawler(tmp_path, memory=2)
    queue = ScrapyPriorityQueue(crawler, SpillingFifoQueue, "")
    for n, priority in enumerate([0, 0, 5, 0, 5, 9]):
        queue.push(request(n, priority))
    order = []
    for _ in range(6):
        found = queue.pop()
        order.append((found.priority, found.meta["n"]))
    assert order == [(9, 5), (5, 2), (5, 4), (0, 0), (0, 1), (0, 3)]
    assert queue.pop() is None


def test_an_unpicklable_request_stays_in_memory_and_is_counted(tmp_path):
    crawler = make_crawler(tmp_path, memory=1)
    queue = SpillingFifoQueue.from_crawler(crawler, "")
    queue.push(request(0))
    odd = scrapy.Request("http://news.example/odd", callback=lambda response: None)
    queue.push(odd)
    assert crawler.stats.get_value("archive/queue/unserializable") == 1
    assert urls(queue) == ["http://news.example/0.html", "http://news.example/odd"]


def test_no_limit_keeps_everything_in_memory(tmp_path):
    crawler = make_crawler(tmp_path, memory=0)
    queue = SpillingFifoQueue.from_crawler(crawler, "")
    for n in range(50):
        queue.push(request(n))
    assert len(queue.memory) == 50
    assert list(tmp_path.iterdir()) == []


def test_the_spill_folder_is_removed_when_the_engine_stops(tmp_path):
    crawler = make_crawler(tmp_path, memory=1)
    queue = SpillingFifoQueue.from_crawler(crawler, "")
    for n in range(5):
        queue.push(request(n))
    (folder,) = tmp_path.iterdir()
    assert folder.name.startswith("newsarchive-queue-")
    queue.close()
    crawler.signals.send_catch_log(signals.engine_stopped)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_spill_folder_keeps_requests_in_memory(tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    crawler = base_crawler(
        QueueSpider, settings_dict={"ARCHIVE_QUEUE_MEMORY": 1, "ARCHIVE_QUEUE_DIR": str(blocker / "queue")}
    )
    crawler.spider = crawler._create_spider()
    queue = SpillingFifoQueue.from_crawler(crawler, "")
    for n in range(4):
        queue.push(request(n))
    assert crawler.stats.get_value("archive/queue/spill_failed") == 3
    assert sum("Cannot spill" in r.message for r in caplog.records) == 1
    assert urls(queue) == [f"http://news.example/{n}.html" for n in range(4)]
