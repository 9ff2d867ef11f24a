"""The fetcher against real HTTP servers on 127.0.0.1 serving the fixture sites (no mocks)."""

import logging
import time
from collections.abc import Iterator
from itertools import pairwise

import pytest

from scrapers.fetch import BOT_NAME, Disallowed, Fetcher, FetchError, HttpCache, NotHTML, crawl_delay
from scrapers.sources import Politeness
from tests.fixtures.sites.server import Running, Site

FAST = Politeness(delay=0.0, connect_timeout=2, read_timeout=0.5, retries=1, backoff=0.01,
                  max_retry_after=2, max_bytes=1_000_000)


@pytest.fixture
def fetcher(tmp_path) -> Iterator[Fetcher]:
    with Fetcher(HttpCache(tmp_path / "cache")) as f:
        yield f


def test_an_honest_user_agent_and_robots_read_once_per_host(sites, fetcher):
    regulator = sites["regulator"]
    fetcher.get(regulator.url("/rkjcs/gzdt/index.html"), FAST)
    fetcher.get(regulator.url("/rkjcs/gzdt/202405/t20240520_1001.html"), FAST)
    hits = regulator.site.hits
    assert [h.path for h in hits].count("/robots.txt") == 1
    assert all(h.headers["User-Agent"].startswith(f"{BOT_NAME}/") for h in hits)


def test_robots_txt_disallow_is_obeyed_and_logged(sites, fetcher, caplog):
    regulator = sites["regulator"]
    url = regulator.url("/rkjcs/internal/t20240410_1003.html")
    with caplog.at_level(logging.INFO, logger="scrapers.fetch"), pytest.raises(Disallowed) as info:
        fetcher.get(url, FAST)
    assert info.value.kind == "skipped by robots"
    assert "/rkjcs/internal/t20240410_1003.html is disallowed by" in info.value.reason
    assert f"skipped by robots: {url}" in caplog.text
    assert "/rkjcs/internal/t20240410_1003.html" not in [h.path for h in regulator.site.hits]


def test_an_unreadable_robots_txt_means_keep_out(tmp_path, fetcher):
    down = Running(Site("down", tmp_path, {"routes": {"/robots.txt": {"status": 503}}}))
    try:
        with pytest.raises(Disallowed, match=r"robots\.txt answered HTTP 503, so the site is treated as off limits"):
            fetcher.get(down.url("/news/1.html"), FAST)
        assert "/news/1.html" not in [h.path for h in down.site.hits]
    finally:
        down.close()


def test_a_missing_robots_txt_allows_everything(sites, fetcher):
    page = fetcher.get(sites["newspaper"].url("/node/rz.htm"), FAST)
    assert "认证检测" in page.text
    assert sites["newspaper"].site.statuses("/robots.txt") == [404]


def test_errors_are_reported_and_5xx_retried_with_back_off(sites, fetcher):
    troubled = sites["troubled"]
    with pytest.raises(FetchError, match=r"^HTTP 404$"):
        fetcher.get(troubled.url("/missing.html"), FAST)
    with pytest.raises(FetchError, match=r"^HTTP 500 after 1 retries$"):
        fetcher.get(troubled.url("/broken.html"), FAST)
    assert troubled.site.statuses("/broken.html") == [500, 500]
    assert troubled.site.statuses("/missing.html") == [404]


def test_429_with_retry_after_is_honoured(sites, fetcher):
    troubled = sites["troubled"]
    page = fetcher.get(troubled.url("/busy.html"), FAST)
    assert "新能源汽车" in page.text
    first, second = [h for h in troubled.site.hits if h.path == "/busy.html"]
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 0.95  # Retry-After: 1


def test_a_retry_after_beyond_the_limit_leaves_the_host_alone(sites, fetcher):
    dead = sites["dead"]
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^HTTP 429 and the server asks us to wait 3600 s"):
        fetcher.get(dead.url("/news/b.html"), FAST)
    with pytest.raises(FetchError, match="host left alone for this run"):
        fetcher.get(dead.url("/news/a.html"), FAST)
    assert time.monotonic() - started < 2
    assert "/news/a.html" not in [h.path for h in dead.site.hits]


def test_a_host_failing_page_after_page_is_left_alone(tmp_path, fetcher):
    failing = Running(Site("failing", tmp_path, {"routes": {f"/{n}.html": {"status": 502} for n in range(1, 8)}}))
    try:
        for n in range(1, 6):
            with pytest.raises(FetchError, match=r"^HTTP 502 after 1 retries$"):
                fetcher.get(failing.url(f"/{n}.html"), FAST)
        with pytest.raises(FetchError, match=r"5 pages in a row failed on this host \(last: HTTP 502"):
            fetcher.get(failing.url("/6.html"), FAST)
        assert "/6.html" not in failing.site.arrivals
    finally:
        failing.close()


def test_a_slow_answer_times_out(sites, fetcher):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out: no answer within 0.5 s \(2 tries\)"):
        fetcher.get(sites["troubled"].url("/slow.html"), FAST)
    assert time.monotonic() - started < 2.5


def test_redirects_are_followed_and_loops_named(sites, fetcher):
    page = fetcher.get(sites["newspaper"].url("/old/551234.html"), FAST)
    assert page.url.endswith("/content/2024-05/28/content_551234.htm")
    assert page.requested.endswith("/old/551234.html")
    with pytest.raises(FetchError, match=r"redirect loop: /loop-a.html → /loop-b.html → /loop-a.html"):
        fetcher.get(sites["troubled"].url("/loop-a.html"), FAST)
    tight = Politeness(**{**FAST.__dict__, "max_redirects": 0})
    with Fetcher() as other, pytest.raises(FetchError, match="more than 0 redirects"):
        other.get(sites["newspaper"].url("/old/551234.html"), tight)


def test_huge_pages_are_refused_announced_or_not(sites, fetcher):
    with pytest.raises(FetchError, match=r"page too large \(3,0\d\d,\d+ bytes; limit 1,000,000\)"):
        fetcher.get(sites["troubled"].url("/huge.html"), FAST)
    with pytest.raises(FetchError, match=r"page too large \(more than 1,000,000 bytes\)"):
        fetcher.get(sites["troubled"].url("/endless.html"), FAST)


def test_attachments_and_other_content_types_are_skipped(sites, fetcher):
    troubled = sites["troubled"]
    with pytest.raises(NotHTML, match=r"not an HTML page \(application/msword\)"):
        fetcher.get(troubled.url("/download.do?id=7"), FAST)
    with pytest.raises(NotHTML, match=r"attachment \(.pdf\)"):
        fetcher.get(troubled.url("/files/report.pdf"), FAST)
    assert "/files/report.pdf" not in [h.path for h in troubled.site.hits]


def test_conditional_get_revalidates_with_etag(sites, tmp_path):
    url = sites["gbk-assoc"].url("/news/show.asp?id=101")
    with Fetcher(HttpCache(tmp_path / "cache")) as first:
        fresh = first.get(url, FAST)
    with Fetcher(HttpCache(tmp_path / "cache")) as second:  # a later run
        again = second.get(url, FAST)
    assert not fresh.not_modified and again.not_modified
    assert again.text == fresh.text
    hits = [h for h in sites["gbk-assoc"].site.hits if h.path == "/news/show.asp?id=101"]
    assert [h.status for h in hits] == [200, 304]
    assert hits[1].headers.get("If-None-Match", "").startswith('"')
    assert "If-Modified-Since" in hits[1].headers


def test_a_dry_run_cache_is_read_but_never_written(sites, tmp_path):
    url = sites["gbk-assoc"].url("/news/show.asp?id=102")
    with Fetcher(HttpCache(tmp_path / "cache", read_only=True)) as f:
        f.get(url, FAST)
    assert not (tmp_path / "cache").exists()


def test_per_host_delay_spaces_requests(sites, fetcher):
    polite = Politeness(**{**FAST.__dict__, "delay": 0.3})
    for n in (101, 102, 103):
        fetcher.get(sites["gbk-assoc"].url(f"/news/show.asp?id={n}"), polite)
    times = [h.at for h in sites["gbk-assoc"].site.hits]  # robots.txt and the three pages
    gaps = [b - a for a, b in pairwise(times)]
    assert len(gaps) == 3 and min(gaps) >= 0.28


def test_robots_crawl_delay_is_honoured_when_longer(sites, fetcher):
    province = sites["province"]  # robots.txt: Crawl-delay: 0.1
    for path in ("/art/2024/6/3/art_1228_5001.html", "/art/2024/5/21/art_1228_5002.html"):
        fetcher.get(province.url(path), FAST)
    pages = [h.at for h in province.site.hits if h.path.startswith("/art/")]
    assert pages[1] - pages[0] >= 0.09


def test_gbk_without_charset_header_and_big5_behind_a_lying_header(sites, fetcher):
    gbk = fetcher.get(sites["gbk-assoc"].url("/news/show.asp?id=101"), FAST)
    assert gbk.encoding == "gb18030" and "王堃当选为协会会长，李喆当选为秘书长" in gbk.text
    no_meta = fetcher.get(sites["gbk-assoc"].url("/news/show.asp?id=102"), FAST)
    assert "内审员培训" in no_meta.text
    big5 = fetcher.get(sites["big5-mirror"].url("/news/2024/0612/n202.html"), FAST, script="traditional")
    assert big5.encoding == "big5hkscs" and "粵港澳檢測認證機構簽署合作備忘錄" in big5.text
    latin = fetcher.get(sites["big5-mirror"].url("/news/2024/0306/n201.html"), FAST)
    assert "全國檢驗檢測機構開放日" in latin.text


def test_a_refused_connection_is_a_clear_failure(fetcher):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match=r"^connection refused \(1 try\); http://127.0.0.1:\d+/robots.txt could not") as info:
        fetcher.get(f"http://127.0.0.1:{port}/news.html", Politeness(**{**FAST.__dict__, "retries": 0}))
    assert info.value.kind == "failed"


def test_crawl_delay_reads_decimals_and_prefers_our_own_group():
    rules = ["User-agent: *", "Crawl-delay: 2", "", "User-agent: TICNewsArchiveBot", "User-agent: other",
             "Disallow: /x/", "Crawl-delay: 0.5"]
    assert crawl_delay(rules) == 0.5
    assert crawl_delay(rules[:2]) == 2.0
    assert crawl_delay(["User-agent: *", "Crawl-delay: 86400"]) == 60.0
    assert crawl_delay(["User-agent: *", "Crawl-delay: soon"]) == 0.0
