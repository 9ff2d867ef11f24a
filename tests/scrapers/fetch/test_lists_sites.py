"""Every list shape read from a real server on 127.0.0.1 (the fixture sites), and a source
that would go silent failing with the reason, through ``fetch`` and ``sources check``."""

import json
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from scrapers.__main__ import main
from scrapers.fetch.client import Fetcher
from scrapers.fetch.lists import read_list
from scrapers.fetch.sources import load_sources
from tests.fixtures.sites.server import HERE, Site, load_site, registry

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def reg(sites, tmp_path) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(registry({n: r.host for n, r in sites.items()}), encoding="utf-8")
    return path


def source(reg: Path, name: str):
    (found,) = [s for s in load_sources(reg) if s.name == name]
    return found


def hits(site: Site, path: str) -> list[dict[str, list[str]]]:
    """The query parameters of every answered request to ``path``."""
    return [parse_qs(urlsplit(h.path).query) for h in site.hits if urlsplit(h.path).path == path]


UNIT = "/api-gateway/jpaas-publish-server/front/page/build/unit"
PROXY = "/module/web/jpage/dataproxy.jsp"


def test_a_jpaas_shell_is_read_through_its_data_service_with_paging(sites, reg):
    s = source(reg, "认可检测司通知公告（JPaaS样例）")
    with Fetcher() as fetcher:
        report = read_list(fetcher, s, s.lists[0])
    assert report.shape == "jpaas" and report.kind == "信息列表" and report.in_html == 4
    assert [link.url.rsplit("/", 1)[1] for link in report.links] == [
        "art_3f6c0a1e9b2d4c58a7e1f0b9c2d3e4f5.html",
        "art_8d21e7c4b0a94f6e9c3b5a7d1e2f8a6b.html",
        "art_c5a9f3e1d7b24a0c8e6f4b2a9d1c7e3f.html",
    ]
    assert (report.links[0].text, report.links[0].date) == (
        "市场监管总局部署开展检验检测报告数据质量专项检查",
        "2024-06-18",
    )
    calls = hits(sites["jpaas-portal"].site, UNIT)
    assert [(c["tagId"][0], c.get("paramJson", [""])[0]) for c in calls] == [
        ("信息列表", ""),
        ("信息列表", '{"pageNo":2,"pageSize":2}'),  # the page size the first answer's pager gave
        ("栏目导航", ""),
    ]
    assert all(c["webId"] == ["c0ffee5eed1a2b3c"] and c["pageId"] == ["pg4d2a9c"] for c in calls), "queryData sent as is"
    assert [h.status for h in sites["jpaas-portal"].site.hits if urlsplit(h.path).path == UNIT] == [200, 200, 200]
    assert len(report.requests) == 3 and not report.notes


def test_one_page_is_the_default_and_the_robots_txt_of_the_data_service_is_obeyed(sites, reg, tmp_path, serve):
    s = replace(source(reg, "认可检测司通知公告（JPaaS样例）"), pages=1)
    with Fetcher() as fetcher:
        assert len(read_list(fetcher, s, s.lists[0]).links) == 2
    closed = tmp_path / "closed"
    shutil.copytree(HERE / "jpaas-portal", closed)
    (closed / "robots.txt").write_text("User-agent: *\nDisallow: /api-gateway/\n", encoding="utf-8")
    site = load_site("jpaas-portal")
    running = serve(Site("closed", closed, site.config))
    with Fetcher() as fetcher:
        report = read_list(fetcher, s, running.url("/rkjcs/tzgg/index.html"))
    assert not report.links and UNIT not in [urlsplit(h.path).path for h in running.site.hits]
    assert (
        "data service (信息列表): skipped by robots: /api-gateway/jpaas-publish-server/front/page/build/unit is disallowed"
        in (report.problem())
    )


def test_a_jcms_column_pages_through_dataproxy(sites, reg):
    s = source(reg, "江苏省市场监管局（JCMS样例）")
    with Fetcher() as fetcher:
        first = read_list(fetcher, replace(s, pages=1), s.lists[0])
        both = read_list(fetcher, s, s.lists[0])
    assert first.shape == "jcms" and len(first.links) == 2 and not first.requests
    assert [link.url.rsplit("/", 1)[1] for link in both.links] == [
        "art_2001_30001.html",
        "art_2001_30002.html",
        "art_7b3e9d1f5a2c4e6b8d0f2a4c6e8b1d3f.html",
    ]
    assert both.links[2].text == "省内首家碳排放核查机构联盟成立", "a GBK answer, declared in its XML declaration only"
    (call,) = hits(sites["jcms-province"].site, PROXY)
    assert {k: v[0] for k, v in call.items() if k in ("startrecord", "endrecord", "perpage", "columnid", "unitid", "webid")} == {
        "startrecord": "3",
        "endrecord": "4",
        "perpage": "2",
        "columnid": "2001",
        "unitid": "8801",
        "webid": "21",
    }
    assert "page" not in call


def test_a_json_list_a_feed_and_a_sitemap(sites, reg):
    with Fetcher() as fetcher:
        data = read_list(fetcher, s := source(reg, "四川省检验检测认证协会（JSON样例）"), s.lists[0])
        rss = read_list(fetcher, s := source(reg, "四川省检验检测认证协会（RSS样例）"), s.lists[0])
        smap = read_list(fetcher, s := source(reg, "四川省检验检测认证协会（站点地图样例）"), s.lists[0])
        newest = read_list(fetcher, replace(s, pages=1), s.lists[0])
    assert (data.shape, [link.url[-9:] for link in data.links]) == ("json", ["4101.html", "4102.html"])
    assert data.links[0].date == "2024-06-11" and len(data.seen) == 3  # the about page is a link, not an item
    assert (rss.shape, rss.kind, [link.text for link in rss.links]) == (
        "feed",
        "RSS",
        ["川渝两地检验检测机构签署结果互认合作协议", "协会组织开展世界计量日宣传活动"],
    )
    assert (smap.shape, smap.kind, [(link.url[-9:], link.date) for link in smap.links]) == (
        "sitemap",
        "index",
        [("4105.html", "2024-06-20"), ("4106.html", "2024-05-09")],
    )
    assert [urlsplit(u).path for u in smap.requests] == ["/sitemap-2024-06.xml", "/sitemap-2024-05.xml"], "newest first, own host"
    assert [link.url[-9:] for link in newest.links] == ["4105.html"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "silent.yaml"
    path.write_text(text, encoding="utf-8")
    return path


FAST = "  politeness: {delay: 0, connect_timeout: 2, read_timeout: 1, retries: 0, backoff: 0.01}\n"


def test_a_list_whose_article_links_all_fail_items_fails_the_source(sites, tmp_path, capsys):
    host = sites["regulator"].host
    reg = write(
        tmp_path,
        f"- name: 旧规则\n  lists: [http://{host}/rkjcs/gzdt/index.html]\n"
        "  items: /rkjcs/gzdt/art/\\d{4}/art_[0-9a-f]{32}\\.html$\n" + FAST,
    )
    out = tmp_path / "out"
    assert main(["fetch", "--sources", str(reg), "--out", str(out), "--cache", str(tmp_path / "c")]) == 1
    lines = capsys.readouterr().out.splitlines()
    reason = (
        f"list http://{host}/rkjcs/gzdt/index.html yields no item: HTML list: 6 article-like links, none matching items; "
        f"e.g. http://{host}/rkjcs/gzdt/202405/t20240520_1001.html, "
    )
    assert any(line.startswith(f"  source failed: {reason}") for line in lines), lines
    assert lines[-1].startswith("summary: no items; sources: 0 ok, 1 failed (旧规则: list http://")
    record = json.loads((tmp_path / "health.json").read_text(encoding="utf-8"))["sources"]["旧规则"]
    assert record["status"] == "failed" and record["reason"].startswith(reason) and record["last_success"] == ""


def test_a_shell_whose_data_service_lost_its_unit_fails_with_what_was_seen(sites, tmp_path, capsys):
    host = sites["jpaas-portal"].host
    reg = write(
        tmp_path,
        f"- name: 工作动态\n  lists: [http://{host}/rkjcs/gzdt/index.html, http://{host}/rkjcs/tzgg/index.html]\n"
        "  items: /art/\\d{4}/art_[0-9a-f]{32}\\.html$\n" + FAST,
    )
    assert main(["sources", "check", "--sources", str(reg), "--cache", str(tmp_path / "c")]) == 1
    out = capsys.readouterr().out
    assert (
        f"  SILENT: list http://{host}/rkjcs/gzdt/index.html yields no item: list built by script: JPaaS unitbuild "
        "(动态列表); 4 links in HTML, 7 in all, no article-like one; data service (动态列表): the answer says "
        "success=false (单元不存在)"
    ) in out
    assert "    shape: list built by script: JPaaS unitbuild (信息列表); 2 data requests" in out
    assert "    links: 9 seen (4 in the page's HTML), 2 article-like, 2 matching items" in out
    assert out.splitlines()[-1] == "summary: 0 of 1 sources ok; silent: 工作动态"
    assert not (tmp_path / "health.json").exists(), "sources check writes no health record"


def test_sources_check_passes_a_working_registry_and_fetches_no_item(sites, reg, tmp_path, capsys):
    names = ["认可检测司通知公告（JPaaS样例）", "四川省检验检测认证协会（RSS样例）"]
    assert main(["sources", "check", "--sources", str(reg), "--source", *names, "--cache", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert "  ok: 3 item links" in out and "  ok: 2 item links" in out
    assert "    shape: feed (RSS)" in out and "    e.g. 2024-05-24 http://" in out
    assert out.splitlines()[-1] == "summary: 2 of 2 sources ok"
    assert not [h for h in sites["jpaas-portal"].site.hits if "/art/" in h.path], "no item page requested"
    assert main(["sources", "check", "--sources", str(reg), "--source", "nope"]) == 2


def test_the_health_record_is_written_by_fetch_not_by_a_dry_run_and_a_drop_warns(sites, reg, tmp_path, capsys):
    name = "四川省检验检测认证协会（JSON样例）"
    health = tmp_path / "health.json"
    argv = ["fetch", "--sources", str(reg), "--source", name, "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "c")]
    assert main([*argv, "--dry-run"]) == 0 and not health.exists()
    health.write_text(
        json.dumps(
            {"version": 1, "sources": {name: {"status": "ok", "history": [30, 28, 31], "last_success": "2024-06-01T00:00:00Z"}}}
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    warning = "found 2 item links, far fewer than usual (30, the median of its last 3 successful runs)"
    assert f"  warning: {warning}" in lines
    assert lines[-1] == "summary: 2 new; sources: 1 ok (1 with warnings)"
    entry = json.loads(health.read_text(encoding="utf-8"))["sources"][name]
    assert (entry["status"], entry["reason"], entry["found"], entry["new"], entry["history"]) == (
        "warning",
        warning,
        2,
        2,
        [30, 28, 31, 2],
    )
    other = tmp_path / "elsewhere.json"
    assert main([*argv, "--health", str(other)]) == 0
    assert json.loads(other.read_text(encoding="utf-8"))["sources"][name]["status"] == "ok"
