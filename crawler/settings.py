"""Scrapy settings for newsarchive: polite, bounded defaults plus the ARCHIVE_* settings.

Every ARCHIVE_* setting is documented in the README settings table (a test keeps them in sync).
Paths and politeness can be overridden from the environment for scheduled jobs (``ARCHIVE_DB=...``) and
any setting from the command line (``-s NAME=VALUE``).
"""

import os

from crawler import __version__
from crawler.jobs import DEFAULT_ARCHIVE

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# --- Archive ---------------------------------------------------------------------------------------
ARCHIVE_DB = os.environ.get("ARCHIVE_DB", DEFAULT_ARCHIVE)
ARCHIVE_SITE_DIRS = os.environ.get("ARCHIVE_SITE_DIRS", "")
ARCHIVE_MIN_BODY_CHARS = 80
ARCHIVE_MAX_TITLE_CHARS = 500
ARCHIVE_MAX_LINKS_PER_PAGE = 500
ARCHIVE_FOLLOW_FEEDS = True
ARCHIVE_ALIAS_MIN_PATHS = 5  # a foreign host linking this many of the origin's own paths is an alias (0: off)
ARCHIVE_PROGRESS = None  # None: on when stderr is a terminal
ARCHIVE_PROGRESS_INTERVAL = 5.0
ARCHIVE_COMMIT_INTERVAL = 1.0  # seconds a batch of archive writes may stay uncommitted (0: every write)

# --- Scheduled jobs (README § Scheduled jobs) --------------------------------------------------------
ARCHIVE_INCREMENTAL = True  # never request an archived article URL again
ARCHIVE_MAX_ATTEMPTS = 3  # a failed URL is retried by the next runs until this many attempts
ARCHIVE_REFRESH = False  # re-check archived articles on ARCHIVE_REFRESH_SCHEDULE (conditional GET)
ARCHIVE_REFRESH_SCHEDULE = "1h,6h,1d,7d"
ARCHIVE_SINCE = ""  # YYYY-MM-DD: skip requests whose listed date is older
ARCHIVE_LOCK = True  # one job per site and archive (lock file next to the archive)
ARCHIVE_MAX_ERROR_RATE = 0.2  # failed URLs / URLs tried above this: exit code 3 (partial failure)
ARCHIVE_DRIFT_HISTORY = 5  # earlier finished runs of the site compared with this one
ARCHIVE_DRIFT_WARN = 0.3  # a drop of this fraction is reported
ARCHIVE_DRIFT_FAIL = 0.6  # a drop of this fraction also sets exit code 5

# --- Limits and safety (README § Limits and safety; reliability-checklist.md §4) ----------------------
ARCHIVE_RETRY_BACKOFF_BASE = 5.0  # seconds before the first retry; doubles each retry
ARCHIVE_RETRY_BACKOFF_MAX = 120.0
ARCHIVE_RETRY_AFTER_MAX = 600.0  # a server's Retry-After is honoured up to 10 minutes
ARCHIVE_ROBOTS_RECHECK = 600.0  # robots.txt 5xx/unreachable: disallow all, fetch it again after this
ARCHIVE_ROBOTS_TIMEOUT = 10.0
ARCHIVE_MAX_PATH_SEGMENTS = 20
ARCHIVE_MAX_SEGMENT_REPEATS = 2
ARCHIVE_MAX_PAGE_NUMBER = 200
ARCHIVE_PAGINATION_PATIENCE = 1
ARCHIVE_MAX_HUBS_PER_PATTERN = 100
ARCHIVE_MAX_HUB_DEPTH = 5  # links followed in a row through pages that are not articles
ARCHIVE_REQUIRE_HTML_END = True

ITEM_PIPELINES = {
    "crawler.pipelines.normalize.NormalizePipeline": 100,
    "crawler.pipelines.boilerplate.BoilerplatePipeline": 200,
    "crawler.pipelines.validate.ValidatePipeline": 300,
    "crawler.pipelines.crawlstate.CrawlStatePipeline": 790,
    "crawler.pipelines.store.StorePipeline": 800,
}
DOWNLOADER_MIDDLEWARES = {
    # OriginScopeMiddleware keeps the crawl in scope (port and scheme included): Scrapy's offsite filter
    # (host names only, and a no-op without allowed_domains) is not needed.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    # process_response runs from the highest number down: audit redirects, check the compressed stream,
    # let Scrapy decompress (590), gate the result, resolve the charset, then audit meta refresh before
    # Scrapy follows it (580). process_request runs upwards: credentials are checked after default
    # headers (400) and cookies (700).
    "crawler.downloadermiddlewares.scope.OriginScopeMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.downloadermiddlewares.robotstxt.RobotsPolicyMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.downloadermiddlewares.fetchstate.IncrementalDownloaderMiddleware": 540,
    "crawler.downloadermiddlewares.retry.BackoffRetryMiddleware": 550,
    "crawler.downloadermiddlewares.redirect.MetaRefreshAuditMiddleware": 582,
    "crawler.downloadermiddlewares.charset.CharsetMiddleware": 585,
    "crawler.downloadermiddlewares.gate.ResponseGateMiddleware": 587,
    "crawler.downloadermiddlewares.decompression.DecompressionGuardMiddleware": 595,
    "crawler.downloadermiddlewares.redirect.RedirectAuditMiddleware": 610,
    "crawler.downloadermiddlewares.redirect.CredentialScopeMiddleware": 750,
}
SPIDER_MIDDLEWARES = {
    "crawler.spidermiddlewares.incremental.IncrementalSpiderMiddleware": 40,
    "crawler.spidermiddlewares.traps.TrapGuardMiddleware": 800,
    # Scrapy's DepthMiddleware, with a list's next pages no deeper and a hub-depth limit, in its place.
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "crawler.spidermiddlewares.depth.DepthMiddleware": 900,
}
REQUEST_FINGERPRINTER_CLASS = "crawler.dupefilters.CanonicalRequestFingerprinter"
DUPEFILTER_CLASS = "crawler.dupefilters.LoopCountingDupeFilter"
EXTENSIONS = {
    "crawler.extensions.jobguard.JobGuard": 490,
    "crawler.extensions.runs.CrawlRunRecorder": 500,
    "crawler.extensions.progress.ProgressReporter": 510,
    "crawler.extensions.gctuning.GcTuning": 520,
    "crawler.extensions.queuebudget.QueueMemoryBudget": 530,
    # Last, so that it closes the archive after every other component is done with it.
    "crawler.extensions.session.ArchiveSession": 600,
    "scrapy.extensions.telnet.TelnetConsole": None,
}

# --- Politeness (reliability-checklist.md §7) ---------------------------------------------------------
USER_AGENT = f"newsarchive/{__version__} (+https://github.com/newsarchive/newsarchive)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = int(os.environ.get("ARCHIVE_CONCURRENCY_PER_DOMAIN", "2"))
DOWNLOAD_DELAY = float(os.environ.get("ARCHIVE_DOWNLOAD_DELAY", "1.0"))
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
}

# --- Breadth-first; traps are cut by hub depth (ARCHIVE_MAX_HUB_DEPTH), not by link depth ------------
DEPTH_LIMIT = 0  # link depth (--max-depth); 0: unlimited, as in Scrapy
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
# Pending requests beyond ARCHIVE_QUEUE_MEMORY wait pickled in a temporary folder (crawler/squeues.py).
SCHEDULER_MEMORY_QUEUE = "crawler.squeues.SpillingFifoQueue"
ARCHIVE_QUEUE_MEMORY = 10_000
ARCHIVE_QUEUE_DIR = ""
# Python's collector runs less often during a crawl (crawler/extensions/gctuning.py; 0: Python's default).
ARCHIVE_GC_THRESHOLD = 10_000
DEPTH_STATS_VERBOSE = False

# A page yields one item at most and the pipelines are synchronous: Scrapy's default of 100 parallel
# item slots only cost 100 asyncio tasks per page (see README § Performance).
CONCURRENT_ITEMS = 4

# --- Bounded resources ------------------------------------------------------------------------------
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
REDIRECT_MAX_TIMES = 8
METAREFRESH_MAXDELAY = 10
RETRY_TIMES = 4  # spaced out by crawler.downloadermiddlewares.retry.BackoffRetryMiddleware
URLLENGTH_LIMIT = 2083
MEMUSAGE_LIMIT_MB = 1536
MEMUSAGE_WARNING_MB = 1024

# --- Safety -------------------------------------------------------------------------------------------
COOKIES_ENABLED = False  # no session-id traps, no cookie leaks, no tldextract network fetch
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# --- Misc ---------------------------------------------------------------------------------------------
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("ARCHIVE_LOG_LEVEL", "INFO")
