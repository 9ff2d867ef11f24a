"""tools/push_urls.py against a local stand-in for Baidu's and IndexNow's endpoints."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "push_urls.py"
SITE = "https://archive.example.org/sub"


def _sitemap(entries: dict[str, str]) -> str:
    rows = "".join(f"<url><loc>{u}</loc><lastmod>{m}</lastmod></url>" for u, m in entries.items())
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'


class Endpoint:
    """Records each POST; answers with ``status``."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, bytes]] = []
        self.status = 200
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.requests.append((self.path, self.headers.get("Content-Type", ""), body))
                self.send_response(outer.status)
                self.end_headers()
                self.wfile.write(b'{"success": 1}')

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    ep = Endpoint()
    thread = threading.Thread(target=ep.server.serve_forever, daemon=True)
    thread.start()
    yield ep
    ep.server.shutdown()
    ep.server.server_close()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


def test_changed_lists_new_and_modified_urls_only(tmp_path: Path) -> None:
    old = tmp_path / "old.xml"
    new = tmp_path / "new.xml"
    old.write_text(_sitemap({f"{SITE}/a/": "2024-01-01", f"{SITE}/b/": "2024-01-01"}), encoding="utf-8")
    new.write_text(
        _sitemap({f"{SITE}/a/": "2024-01-01", f"{SITE}/b/": "2024-02-01", f"{SITE}/c/": "2024-03-01"}), encoding="utf-8"
    )
    out = tmp_path / "urls.txt"
    done = run("changed", "--new", str(new), "--old", str(old), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").split() == [f"{SITE}/c/", f"{SITE}/b/"]


def test_first_publish_pushes_everything_up_to_the_limit(tmp_path: Path) -> None:
    new = tmp_path / "new.xml"
    new.write_text(_sitemap({f"{SITE}/{i}/": f"2024-01-{i + 1:02d}" for i in range(5)}), encoding="utf-8")
    out = tmp_path / "urls.txt"
    assert run("changed", "--new", str(new), "--old", str(tmp_path / "none.xml"), "--out", str(out), "--max", "3").returncode == 0
    assert len(out.read_text(encoding="utf-8").split()) == 3


def test_push_sends_both_formats(endpoint: Endpoint, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{SITE}/a/\n{SITE}/b/\n", encoding="utf-8")
    done = run(
        "push",
        "--urls",
        str(urls),
        "--site",
        SITE,
        "--baidu-token",
        "tok123",
        "--indexnow-key",
        "abcdef123456",
        "--baidu-endpoint",
        f"{endpoint.url}/urls",
        "--indexnow-endpoint",
        f"{endpoint.url}/indexnow",
    )
    assert done.returncode == 0, done.stderr
    baidu, indexnow = endpoint.requests
    assert baidu[0] == "/urls?site=archive.example.org&token=tok123"
    assert baidu[1].startswith("text/plain") and baidu[2].decode().split() == [f"{SITE}/a/", f"{SITE}/b/"]
    body = json.loads(indexnow[2])
    assert body == {
        "host": "archive.example.org",
        "key": "abcdef123456",
        "keyLocation": f"{SITE}/abcdef123456.txt",
        "urlList": [f"{SITE}/a/", f"{SITE}/b/"],
    }


def test_a_refused_or_unreachable_push_never_fails_the_publish(endpoint: Endpoint, tmp_path: Path) -> None:
    endpoint.status = 500
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{SITE}/a/\n", encoding="utf-8")
    done = run(
        "push",
        "--urls",
        str(urls),
        "--site",
        SITE,
        "--baidu-token",
        "tok",
        "--baidu-endpoint",
        f"{endpoint.url}/urls",
        "--indexnow-key",
        "abcdef123456",
        "--indexnow-endpoint",
        "http://127.0.0.1:9/unreachable",
    )
    assert done.returncode == 0
    assert "HTTP 500" in done.stdout and "warning" in done.stderr


def test_without_secrets_nothing_is_sent(endpoint: Endpoint, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{SITE}/a/\n", encoding="utf-8")
    done = run("push", "--urls", str(urls), "--site", SITE, "--baidu-endpoint", endpoint.url)
    assert done.returncode == 0 and not endpoint.requests
    assert "skipped" in done.stdout


def test_key_file_is_written_and_checked(tmp_path: Path) -> None:
    assert run("key", "--site", str(tmp_path), "--key", "abcdef123456").returncode == 0
    assert (tmp_path / "abcdef123456.txt").read_text(encoding="utf-8") == "abcdef123456"
    bad = run("key", "--site", str(tmp_path), "--key", "../../etc/x")
    assert bad.returncode != 0 and "letters, digits or dashes" in bad.stderr
    assert run("key", "--site", str(tmp_path), "--key", "").returncode == 0
