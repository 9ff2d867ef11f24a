"""The fetcher against real HTTP servers on 127.0.0.1 serving the fixture sites (no mocks)."""

import logging
import re
import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from scrapers.fetch.client import BOT_NAME, Disallowed, Fetcher, FetchError, HttpCache, NotHTML, crawl_delay
from scrapers.fetch.sources import Politeness
from tests.fixtures.sites.server import Running, Site

FAST = Politeness(delay=0.0, connect_timeout=2, read_timeout=0.5, retries=1, backoff=0.01, max_retry_after=2, max_bytes=1_000_000)


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
    with caplog.at_level(logging.INFO, logger="scrapers.fetch.client"), pytest.raises(Disallowed) as info:
        fetcher.get(url, FAST)
    assert info.value.kind == "skipped by robots"
    assert "/rkjcs/internal/t20240410_1003.html is disallowed by" in info.value.reason
    assert f"skipped by robots: {url}" in caplog.text
    assert "/rkjcs/internal/t20240410_1003.html" not in [h.path for h in regulator.site.hits]


def test_an_unreadable_robots_txt_means_keep_out(tmp_path, fetcher, serve):
    down = serve(Site("down", tmp_path, {"routes": {"/robots.txt": {"status": 503}}}))
    with pytest.raises(Disallowed, match=r"robots\.txt answered HTTP 503, so the site is treated as off limits"):
        fetcher.get(down.url("/news/1.html"), FAST)
    assert "/news/1.html" not in [h.path for h in down.site.hits]


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


def test_a_host_failing_page_after_page_is_left_alone(tmp_path, fetcher, serve):
    failing = serve(Site("failing", tmp_path, {"routes": {f"/{n}.html": {"status": 502} for n in range(1, 8)}}))
    for n in range(1, 6):
        with pytest.raises(FetchError, match=r"^HTTP 502 after 1 retries$"):
            fetcher.get(failing.url(f"/{n}.html"), FAST)
    with pytest.raises(FetchError, match=r"5 pages in a row failed on this host \(last: HTTP 502"):
        fetcher.get(failing.url("/6.html"), FAST)
    assert "/6.html" not in failing.site.arrivals


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


def test_a_refused_connection_is_a_clear_failure(fetcher, allow_hosts):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    allow_hosts(f"127.0.0.1:{port}")
    with pytest.raises(FetchError, match=r"^connection refused \(1 try\); http://127.0.0.1:\d+/robots.txt could not") as info:
        fetcher.get(f"http://127.0.0.1:{port}/news.html", Politeness(**{**FAST.__dict__, "retries": 0}))
    assert info.value.kind == "failed"


def test_crawl_delay_reads_decimals_and_prefers_our_own_group():
    rules = [
        "User-agent: *",
        "Crawl-delay: 2",
        "",
        "User-agent: TICNewsArchiveBot",
        "User-agent: other",
        "Disallow: /x/",
        "Crawl-delay: 0.5",
    ]
    assert crawl_delay(rules) == 0.5
    assert crawl_delay(rules[:2]) == 2.0
    assert crawl_delay(["User-agent: *", "Crawl-delay: 86400"]) == 60.0
    assert crawl_delay(["User-agent: *", "Crawl-delay: soon"]) == 0.0


# --- addresses: no SSRF ---------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Iterator[Running]:
    """A second server on 127.0.0.1 that is *not* allowed: what no URL or redirect may reach."""
    root = tmp_path / "outside"
    root.mkdir()
    (root / "secret.html").write_text("<html><body><p>内部资料，不得外传。</p></body></html>", encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    running = Running(Site("outside", root, {}))
    yield running
    running.close()


def test_urls_and_redirects_to_loopback_private_or_metadata_addresses_are_refused(tmp_path, serve, outside, fetcher):
    port = outside.server.server_address[1]
    targets = {  # path on the allowed server → (where it redirects, what the refusal calls the address)
        "/other-port.html": (f"http://127.0.0.1:{port}/secret.html", "loopback"),
        "/other-loopback.html": (f"http://127.0.0.2:{port}/secret.html", "loopback"),
        "/localhost.html": (f"http://localhost:{port}/secret.html", "loopback"),
        "/decimal.html": (f"http://2130706433:{port}/secret.html", "loopback"),
        "/ipv6-loopback.html": (f"http://[::1]:{port}/secret.html", "loopback"),
        "/mapped.html": (f"http://[::ffff:127.0.0.1]:{port}/secret.html", "loopback"),
        "/unspecified.html": (f"http://0.0.0.0:{port}/secret.html", "unspecified"),
        "/metadata.html": ("http://169.254.169.254/latest/meta-data/", "link-local"),
        "/mapped-metadata.html": ("http://[::ffff:169.254.169.254]/latest/meta-data/", "link-local"),
        "/private.html": ("http://10.1.2.3/secret.html", "private"),
        "/private-192.html": ("http://192.168.1.1/secret.html", "private"),
        "/cgnat.html": ("http://100.64.0.1/secret.html", "shared"),
        "/ula.html": ("http://[fd12::1]/secret.html", "private"),
        "/link-local-v6.html": ("http://[fe80::1]/secret.html", "link-local"),
        "/multicast.html": ("http://224.0.0.1/secret.html", "multicast"),
        "/reserved.html": ("http://240.0.0.1/secret.html", "reserved"),
    }
    site = serve(Site("jumper", tmp_path, {"routes": {path: {"redirect": url} for path, (url, _) in targets.items()}}))
    for path, (url, kind) in targets.items():
        with pytest.raises(FetchError) as info:
            fetcher.get(site.url(path), FAST)
        assert info.value.kind == "failed"
        assert info.value.reason.startswith(f"refused {url}: ") and kind in info.value.reason, info.value.reason
    for url, kind in targets.values():  # and as the first URL
        with pytest.raises(FetchError, match=rf"^refused {re.escape(url)}: .*{kind}"):
            fetcher.get(url, FAST)
    assert outside.site.hits == [], "nothing reached the server that was not allowed"


def test_the_connection_itself_checks_the_address_it_connects_to(fetcher, outside):
    """Past the check of each hop, the socket is opened only to an address that was checked.

    A name that resolves to a public address for the check and to a private one a moment
    later (DNS rebinding) is therefore refused too: the address is resolved, checked and
    connected to in one step, inside the connection.
    """
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 is a loopback address"):
        fetcher.session.get(outside.url("/secret.html"), timeout=2)
    assert outside.site.hits == []


def test_a_robots_txt_redirect_to_a_private_address_is_refused(tmp_path, serve, outside, fetcher):
    site = serve(Site("robots-jumper", tmp_path, {"routes": {"/robots.txt": {"redirect": outside.url("/robots.txt")}}}))
    with pytest.raises(FetchError, match=rf"^refused {re.escape(outside.url('/robots.txt'))}: .*loopback"):
        fetcher.get(site.url("/news/1.html"), FAST)
    assert outside.site.hits == []


def test_only_http_and_https_urls_are_fetched(tmp_path, serve, fetcher):
    for url in (
        "file:///etc/passwd",
        "ftp://example.test/news/1.html",
        "javascript:alert(1)",
        "data:text/html,<p>x</p>",
        "gopher://127.0.0.1:70/",
    ):
        with pytest.raises(FetchError, match=rf"^refused {re.escape(url)}: only http and https URLs are fetched"):
            fetcher.get(url, FAST)
    site = serve(Site("to-file", tmp_path, {"routes": {"/f.html": {"redirect": "file:///etc/passwd"}}}))
    with pytest.raises(FetchError, match=r"^refused file:///etc/passwd: only http and https URLs are fetched"):
        fetcher.get(site.url("/f.html"), FAST)


def test_user_and_password_in_a_url_are_dropped_never_sent_never_reported(tmp_path, serve, sites, fetcher):
    regulator = sites["regulator"]
    page_path = "/rkjcs/gzdt/202405/t20240520_1001.html"
    direct = fetcher.get(regulator.url(page_path).replace("http://", "http://editor:hunter2@"), FAST)
    site = serve(
        Site(
            "creds",
            tmp_path,
            {"routes": {"/moved.html": {"redirect": regulator.url(page_path).replace("http://", "http://admin:s3cret@")}}},
        )
    )
    redirected = fetcher.get(site.url("/moved.html"), FAST)
    for page in (direct, redirected):
        assert page.url == regulator.url(page_path)
        assert "hunter2" not in page.requested and "@" not in page.requested
    assert not [h for h in regulator.site.hits if "Authorization" in h.headers]


# --- deadlines and robots.txt size ----------------------------------------------------------


def test_a_server_dripping_one_byte_at_a_time_hits_the_deadline(tmp_path, serve, fetcher):
    routes = {"/drip-body.html": {"drip": 0.2}, "/drip-head.html": {"drip": 0.2, "drip_head": True}}
    site = serve(Site("drip", tmp_path, {"routes": routes}))
    patient = replace(FAST, read_timeout=5, deadline=1, retries=0)  # each byte comes well within read_timeout
    for path in routes:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"^too slow: no complete answer within 1 s$") as info:
            fetcher.get(site.url(path), patient)
        assert info.value.kind == "failed"
        assert time.monotonic() - started < 30, "the drip would take two minutes"


def test_a_dripping_robots_txt_hits_the_deadline_too(tmp_path, serve, fetcher):
    robots = {"drip": 0.2, "content_type": "text/plain", "body": "User-agent: *\n" + "# slow\n" * 200}
    site = serve(Site("drip-robots", tmp_path, {"routes": {"/robots.txt": robots}}))
    with pytest.raises(FetchError, match=r"^too slow: no complete answer within 1 s; .*/robots\.txt could not be read"):
        fetcher.get(site.url("/news/1.html"), replace(FAST, read_timeout=5, deadline=1, retries=0))


def test_only_the_first_500_kib_of_a_robots_txt_are_read(tmp_path, serve, fetcher):
    padding = "# 检验检测认证：这一行只是填充\n" * 20_000  # about 900 KB
    (tmp_path / "robots.txt").write_text(
        "User-agent: *\nDisallow: /private/\n" + padding + "Disallow: /late/\n", encoding="utf-8"
    )
    (tmp_path / "late").mkdir()
    (tmp_path / "late" / "page.html").write_text("<html><body><p>迟到的规则不算数。</p></body></html>", encoding="utf-8")
    site = serve(Site("big-robots", tmp_path, {}))
    with pytest.raises(Disallowed, match=r"/private/1\.html is disallowed"):
        fetcher.get(site.url("/private/1.html"), FAST)
    assert "迟到的规则不算数" in fetcher.get(site.url("/late/page.html"), FAST).text


# --- politeness with an injected clock ------------------------------------------------------


class FakeClock:
    """Time that passes only when the fetcher sleeps: every wait is recorded, none is spent."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def test_the_host_delay_applies_to_retries_and_redirect_hops(sites):
    clock = FakeClock()
    polite = replace(FAST, delay=3.0, retries=2)
    with Fetcher(clock=clock, sleep=clock.sleep) as f, pytest.raises(FetchError, match=r"^HTTP 500 after 2 retries$"):
        f.get(sites["troubled"].url("/broken.html"), polite)
    assert sites["troubled"].site.statuses("/broken.html") == [500, 500, 500]
    assert clock.sleeps == [3.0, 3.0, 3.0], "robots.txt, the page and each retry, 3 s apart"

    clock.sleeps.clear()
    with Fetcher(clock=clock, sleep=clock.sleep) as f:
        page = f.get(sites["newspaper"].url("/old/551234.html"), polite)
    assert page.url.endswith("/content_551234.htm")
    assert clock.sleeps == [3.0, 3.0], "robots.txt, the old URL and where it moved, 3 s apart"

    clock.sleeps.clear()
    with Fetcher(clock=clock, sleep=clock.sleep) as f:
        f.get(sites["troubled"].url("/busy.html"), replace(FAST, delay=0.0))
    assert clock.sleeps == [1.0], "Retry-After: 1, waited on the fetcher's own clock"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a throwaway certificate")
def test_https_goes_through_the_same_checks_and_deadline(tmp_path, serve):
    """Most real sources are HTTPS: the checked connection and the watchdog must hold under TLS too."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    (tmp_path / "ok.html").write_text("<html><body><p>加密传输的页面。</p></body></html>", encoding="utf-8")
    site = serve(Site("tls", tmp_path, {"routes": {"/drip.html": {"drip": 0.2}}}))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    site.server.socket = context.wrap_socket(site.server.socket, server_side=True)
    patient = replace(FAST, read_timeout=5, deadline=1, retries=0)
    with Fetcher() as fetcher:
        fetcher.session.verify = str(cert)
        assert "加密传输的页面" in fetcher.get(f"https://{site.host}/ok.html", patient).text
        with pytest.raises(FetchError, match=r"^too slow: no complete answer within 1 s$"):
            fetcher.get(f"https://{site.host}/drip.html", patient)
    with Fetcher(allow_hosts=[]) as strict, pytest.raises(FetchError, match=r"^refused https://127\.0\.0\.1:\d+/ok\.html: "):
        strict.get(f"https://{site.host}/ok.html", patient)
