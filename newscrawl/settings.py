"""Scrapy settings of the newscrawl project: constants only, no logic.

Scrapy's own settings first (grouped as in scrapy/settings/default_settings.py),
then newscrawl's, all prefixed ``NEWSCRAWL_``. Any of them can be overridden
with ``newscrawl crawl -s NAME=VALUE`` or ``scrapy crawl news -s NAME=VALUE``.
"""

from __future__ import annotations

from newscrawl import __version__

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# --- Politeness -------------------------------------------------------------
# A clear, honest user agent with a way to reach the operator; override it with
# -s USER_AGENT="..." (sites may block generic agents).
USER_AGENT = f"newscrawl/{__version__} (+https://github.com/newscrawl/newscrawl)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 8
DOWNLOAD_DELAY = 0.0

# --- Robustness ---------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # a news page is rarely over 2 MB; also caps decompression
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False  # news pages do not need a session; avoids consent-cookie state
TELNETCONSOLE_ENABLED = False

# --- Scheduling ---------------------------------------------------------------
# Breadth-first: discovery pages (sitemaps, feeds, listings) fan out before deep links.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

# --- Pipelines and output -----------------------------------------------------
ITEM_PIPELINES = {
    "newscrawl.incremental.PageMetaPipeline": 50,  # only with NEWSCRAWL_STATE
    "newscrawl.pipelines.ExtractPipeline": 100,
    "newscrawl.pipelines.ValidatePipeline": 200,
    "newscrawl.pipelines.DedupPipeline": 300,
    "newscrawl.incremental.StatePipeline": 350,  # before the caps: unchanged ones do not count
    "newscrawl.pipelines.LimitPipeline": 400,
    "newscrawl.sources.SourceLimitPipeline": 450,  # only with NEWSCRAWL_SOURCES caps
}
FEED_EXPORTERS = {
    "jsonlines": "newscrawl.exporters.ArticleJsonLinesExporter",
    "jsonl": "newscrawl.exporters.ArticleJsonLinesExporter",  # what `scrapy crawl -o x.jsonl` infers
}
FEED_EXPORT_ENCODING = "utf-8"
FEED_STORE_EMPTY = True

DOWNLOADER_MIDDLEWARES = {
    # After RobotsTxtMiddleware (100): disallowed URLs never count against a cap.
    "newscrawl.crawlspace.CrawlSpaceGuard": 120,
    # Redirects to known articles become conditional (only with NEWSCRAWL_STATE).
    "newscrawl.incremental.IncrementalRedirectMiddleware": 560,
}

# Spider middlewares filter discovered requests before they are scheduled (and
# before the duplicate filter marks them seen); both are off unless configured.
SPIDER_MIDDLEWARES = {
    "newscrawl.sources.SourcesMiddleware": 700,
    "newscrawl.incremental.IncrementalMiddleware": 800,
}

EXTENSIONS = {
    "newscrawl.resume.ResumableJob": 90,  # with JOBDIR; before CrawlState opens the job ledger
    "newscrawl.incremental.CrawlState": 100,  # with NEWSCRAWL_STATE
    "newscrawl.extensions.CrawlSummary": 500,
    "newscrawl.runlog.RunLog": 510,
}

LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.logformatter.NewsLogFormatter"

# --- newscrawl ----------------------------------------------------------------
# Stop after this many articles have been written (0 = no limit).
NEWSCRAWL_MAX_ARTICLES = 0
# Skip articles published before this date (ISO 8601 or a phrase dateparser
# understands, e.g. "2 days ago"); sitemap/feed dates skip them unfetched.
NEWSCRAWL_SINCE = None
# Follow links found on HTML pages within the start sites (home pages, sections).
NEWSCRAWL_FOLLOW_LINKS = True
# How many link hops away from a start page to follow (sitemaps and feeds do
# not count as hops: an article listed in a sitemap is at hop 0).
NEWSCRAWL_LINK_DEPTH = 4
# Processes for extraction; 0 extracts on the reactor thread (for debugging).
# None means one per CPU core.
NEWSCRAWL_EXTRACT_WORKERS = None
# A page whose extraction takes longer than this (seconds) is dropped and its
# worker process killed and replaced (pool only; the in-thread path cannot stop).
NEWSCRAWL_EXTRACT_TIMEOUT = 60.0
# Most pages submitted to the extraction pool at once (in a worker or waiting for
# one); 0 means twice the number of workers. Pages beyond it wait in the scraper,
# where SCRAPER_SLOT_MAX_ACTIVE_SIZE makes the downloader back off.
NEWSCRAWL_EXTRACT_MAX_PENDING = 0
# Replace an extraction worker after this many pages (0 = never).
NEWSCRAWL_EXTRACT_MAX_TASKS_PER_WORKER = 0
# The function that turns a FetchedPage into an Article or Rejection, by import
# path (a module-level function: pool workers import it by name).
NEWSCRAWL_EXTRACT_FUNCTION = "newscrawl.pipelines.extract_page"
# Distributed crawls (--redis) take their settings (scrapy-redis scheduler, idle
# exit, heartbeat TTL, worker id) from the add-on newscrawl.distributed.DistributedCrawl.
# Bodies shorter than this many words are rejected as too_short.
NEWSCRAWL_MIN_WORDS = 40
# Caps on link-discovered pages that keep a crawl out of infinite URL spaces
# (calendars, ?page=N, faceted search): pages of one URL shape (digits collapsed,
# query values dropped; article-shaped URLs exempt), and pages per host. 0 = no cap.
NEWSCRAWL_MAX_PAGES_PER_SHAPE = 500
NEWSCRAWL_MAX_PAGES_PER_SITE = 0
# Domains besides the start URLs' own that links and redirects may lead to.
NEWSCRAWL_ALLOWED_DOMAINS: list[str] = []
# Most URLs read from one sitemap or feed (guards against runaway sitemaps).
NEWSCRAWL_MAX_URLS_PER_SITEMAP = 50_000
# Print a live progress line on stderr (only when stderr is a terminal).
NEWSCRAWL_PROGRESS = True
# Print the end-of-crawl summary on stderr.
NEWSCRAWL_SUMMARY = True

# --- Crawl state: incremental refresh and crash safety ------------------------------
# Where the crawl state lives: an SQLite file, or for a distributed crawl (--redis) a
# redis://HOST:PORT/DB URL (newscrawl/state/redis.py); None = every run starts from nothing.
# With a state, known articles are not refetched without a reason, records carry
# "change" (new/updated), unchanged pages emit nothing, and a killed crawl run
# again writes nothing twice.
NEWSCRAWL_STATE = None
# "incremental" (the default) or "job": the private ledger of one --resume job
# (known URLs never refetched, no revisits, no "change" field).
NEWSCRAWL_STATE_MODE = "incremental"
# Seconds to wait for a state file another program holds locked before giving up
# (Redis: for the server to answer).
NEWSCRAWL_STATE_TIMEOUT = 10.0
# Revisit a known article (conditionally: If-None-Match / If-Modified-Since) when it
# was last fetched longer ago than this ("24h", "7d", seconds); None = never.
NEWSCRAWL_REVISIT_AFTER = "24h"
# Most revisits one run makes (oldest first); the rest wait for later runs.
NEWSCRAWL_MAX_REVISITS = 500
# Write a tombstone record {"url", "change": "deleted", ...} for a known article
# that now answers 404/410 (it is marked gone in the state either way).
NEWSCRAWL_EMIT_DELETIONS = False

# --- Sources file and operations ------------------------------------------------------
# A TOML file of sites with per-site URL patterns, article caps and politeness
# (see newscrawl/sources.py); the CLI's --sources also takes its start URLs.
NEWSCRAWL_SOURCES = None
# The run ends with status "errors_above_threshold" (exit status 4) when more than
# this fraction of requests ended in an error (fetch, extraction, invalid record).
NEWSCRAWL_MAX_ERROR_RATE = 0.1
# Append one JSON line per run (status and counts) to this file.
NEWSCRAWL_RUN_LOG = None
