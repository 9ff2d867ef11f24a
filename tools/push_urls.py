"""Tell search engines which pages a publish added or changed (Baidu link push, IndexNow).

Mainland readers find news through Baidu, which crawls a new site slowly; its link push
(普通收录 API) and IndexNow (Bing, Yandex, Seznam, Naver; 360 and Sogou accept it too)
take a list of URLs right after a deploy. The publish workflow runs three steps:

    python tools/push_urls.py changed --new output/sitemap.xml --old "$SITEURL/sitemap.xml" --out urls.txt
    python tools/push_urls.py key --site output --key "$INDEXNOW_KEY"          # before the upload
    python tools/push_urls.py push --urls urls.txt --site "$SITEURL" \\
        --baidu-token "$BAIDU_PUSH_TOKEN" --indexnow-key "$INDEXNOW_KEY"          # after the deploy

``changed`` compares the sitemap just built with the one deployed (``<lastmod>`` differs,
or the URL is new); with no deployed sitemap (the first publish) every URL counts, up to
``--max``. ``push`` does nothing for a service whose secret is empty, and it never fails a
publish: a refused or unreachable endpoint is reported as a warning and the exit code is 0.
The endpoints can be pointed elsewhere (``--baidu-endpoint``, ``--indexnow-endpoint``) for
tests against a local server.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BAIDU_ENDPOINT = "http://data.zz.baidu.com/urls"
INDEXNOW_ENDPOINT = "https://api.indexnow.org/indexnow"
#: IndexNow keys: 8–128 characters of letters, digits and dashes.
KEY_RE = re.compile(r"^[A-Za-z0-9-]{8,128}$")
TIMEOUT = 20


def _read(source: str) -> bytes | None:
    """A sitemap from a file or an http(s) URL; None when it is not there (first publish)."""
    if source.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(source, timeout=TIMEOUT) as resp:
                return resp.read(50_000_000)
        except (urllib.error.URLError, OSError) as exc:
            print(f"warning: could not read {source}: {exc}", file=sys.stderr)
            return None
    path = Path(source)
    return path.read_bytes() if path.is_file() else None


def sitemap_entries(source: str, _depth: int = 0) -> dict[str, str]:
    """``url → lastmod`` of a sitemap, following a sitemap index one level down."""
    data = _read(source)
    if not data:
        return {}
    root = ElementTree.fromstring(data)
    if root.tag.endswith("sitemapindex") and _depth == 0:
        entries: dict[str, str] = {}
        base = source.rsplit("/", 1)[0]
        for loc in root.findall("s:sitemap/s:loc", NS):
            part = (loc.text or "").strip()
            name = part.rsplit("/", 1)[-1]
            # A local build's index names its parts by the published URL: read them beside it.
            entries.update(sitemap_entries(part if source.startswith("http") else f"{base}/{name}", 1))
        return entries
    return {
        (u.findtext("s:loc", namespaces=NS) or "").strip(): (u.findtext("s:lastmod", namespaces=NS) or "").strip()
        for u in root.findall("s:url", NS)
    }


def changed(new: str, old: str, limit: int) -> list[str]:
    """URLs of ``new`` that ``old`` lacks or lists with another lastmod, newest first."""
    fresh, before = sitemap_entries(new), sitemap_entries(old)
    urls = [u for u, mod in fresh.items() if u and before.get(u) != mod]
    urls.sort(key=lambda u: fresh[u], reverse=True)
    return urls[:limit]


def write_key(site: Path, key: str) -> Path | None:
    """The IndexNow key file at the site's root (the services fetch it to verify the key)."""
    if not key:
        return None
    if not KEY_RE.match(key):
        raise SystemExit("error: INDEXNOW key must be 8-128 letters, digits or dashes")
    path = site / f"{key}.txt"
    path.write_text(key, encoding="utf-8")
    return path


def _post(url: str, body: bytes, content_type: str) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as resp:
            return resp.status, resp.read(2000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(2000).decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as exc:
        return 0, str(exc)


def push_baidu(urls: list[str], site: str, token: str, endpoint: str = BAIDU_ENDPOINT) -> bool:
    """Baidu's link push: plain text, one URL a line, ``site`` and ``token`` in the query."""
    host = urlsplit(site).netloc
    status, answer = _post(
        f"{endpoint}?{urlencode({'site': host, 'token': token})}", "\n".join(urls).encode("utf-8"), "text/plain"
    )
    ok = status == 200
    print(f"baidu: {len(urls)} URLs, HTTP {status or 'error'}: {answer.strip()[:300]}")
    return ok


def push_indexnow(urls: list[str], site: str, key: str, endpoint: str = INDEXNOW_ENDPOINT) -> bool:
    """IndexNow: JSON with the host, the key and where the key file is."""
    host = urlsplit(site).netloc
    body = {"host": host, "key": key, "keyLocation": f"{site.rstrip('/')}/{key}.txt", "urlList": urls}
    status, answer = _post(endpoint, json.dumps(body).encode("utf-8"), "application/json; charset=utf-8")
    ok = status in (200, 202)
    print(f"indexnow: {len(urls)} URLs, HTTP {status or 'error'}: {answer.strip()[:300]}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("changed", help="list new and changed URLs")
    c.add_argument("--new", required=True, help="the sitemap just built (file)")
    c.add_argument("--old", required=True, help="the deployed sitemap (URL or file; missing = first publish)")
    c.add_argument("--out", required=True, type=Path)
    c.add_argument("--max", type=int, default=2000, help="at most this many URLs (Baidu's daily quota)")
    k = sub.add_parser("key", help="write the IndexNow key file into the site")
    k.add_argument("--site", required=True, type=Path)
    k.add_argument("--key", default="")
    p = sub.add_parser("push", help="push the listed URLs; never fails")
    p.add_argument("--urls", required=True, type=Path)
    p.add_argument("--site", required=True, help="the published site's URL")
    p.add_argument("--baidu-token", default="")
    p.add_argument("--indexnow-key", default="")
    p.add_argument("--baidu-endpoint", default=BAIDU_ENDPOINT)
    p.add_argument("--indexnow-endpoint", default=INDEXNOW_ENDPOINT)
    args = parser.parse_args(argv)

    if args.command == "changed":
        urls = changed(args.new, args.old, args.max)
        args.out.write_text("".join(f"{u}\n" for u in urls), encoding="utf-8")
        print(f"{len(urls)} new or changed URLs → {args.out}")
        return 0
    if args.command == "key":
        written = write_key(args.site, args.key)
        print(f"IndexNow key file: {written.name}" if written else "no IndexNow key set: nothing written")
        return 0
    urls = [u.strip() for u in args.urls.read_text(encoding="utf-8").splitlines() if u.strip()] if args.urls.is_file() else []
    if not urls:
        print("no new or changed URLs: nothing to push")
        return 0
    results = []
    if args.baidu_token:
        results.append(push_baidu(urls, args.site, args.baidu_token, args.baidu_endpoint))
    else:
        print("baidu: no BAIDU_PUSH_TOKEN set: skipped")
    if args.indexnow_key:
        results.append(push_indexnow(urls, args.site, args.indexnow_key, args.indexnow_endpoint))
    else:
        print("indexnow: no INDEXNOW_KEY set: skipped")
    if not all(results):
        print("warning: a push was refused or failed (see above); the site is published all the same", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
