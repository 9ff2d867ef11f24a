"""``python -m scrapers fetch`` end to end against the fixture sites on 127.0.0.1."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scrapers.__main__ import main
from scrapers.core.article import parse
from tests.fixtures.sites.server import Site, registry

ROOT = Path(__file__).resolve().parents[3]
GOOD = [
    "监管总局认可检测司（样例）",
    "江苏省检验检测行业协会（样例）",
    "检测认证资讯网（繁体样例）",
    "中国质检新闻网（样例）",
    "浙江省市场监管局（样例）",
    "认可检测司通知公告（JPaaS样例）",
    "江苏省市场监管局（JCMS样例）",
    "四川省检验检测认证协会（JSON样例）",
    "四川省检验检测认证协会（RSS样例）",
    "四川省检验检测认证协会（站点地图样例）",
]
NOISE = [
    "分享到",
    "分享至",
    "版权所有",
    "相关新闻",
    "相关链接",
    "相關",
    "上一篇",
    "打印",
    "扫一扫",
    "当前位置",
    "ICP",
    "责任编辑",
    "点击数",
    "首页",
    "热点",
]

#: what each item becomes: URL ending → (title, date, category, region, source)
EXPECTED = {
    "t20240520_1001.html": (
        "市场监管总局举办2024年世界认可日主题活动",
        "2024-05-20 16:30",
        "世界认可日",
        "全国",
        "认可与检验检测监督管理司",
    ),
    "t20240418_1002.html": (
        "市场监管总局办公厅关于开展2024年检验检测机构能力验证工作的通知",
        "2024-04-18 10:00",
        "政策公告",
        "全国",
        "认可与检验检测监督管理司",
    ),
    "t20240305_1004.html": (
        "全国检验检测机构开放日活动在多地同步开展",
        "2024-03-05 09:00",
        "开放日",
        "全国",
        "认可与检验检测监督管理司",
    ),
    "t20231215_0999.html": ("2023年认可工作座谈会召开", "2023-12-15 15:00", "行业动态", "全国", "认可与检验检测监督管理司"),
    "show.asp?id=101": ("省检验检测行业协会召开第三届会员代表大会", "2024-01-16", "协会动态", "江苏省", "协会秘书处"),
    "show.asp?id=102": ("协会组织开展检验检测机构内审员培训", "2024-03-22", "协会动态", "江苏省", "江苏省检验检测行业协会"),
    "show.asp?id=103": ("协会发布检验检测机构诚信自律公约", "2024-04-08", "协会动态", "江苏省", "协会秘书处"),
    "n202.html": ("粤港澳检测认证机构签署合作备忘录", "2024-06-13 10:05", "联盟合作", "广东省", "大湾区检测认证联盟"),
    "content_556677.htm": ("湖北推进检验检测机构“双随机”监督抽查", "2024-06-12 09:15", "政策公告", "湖北省", "中国质量报"),
    "content_551234.htm": (
        "中国认证认可协会发布团体标准 规范检验检测服务评价",
        "2024-05-28 16:40",
        "协会动态",
        "全国",
        "中国质量报",
    ),
    "ok.html": ("检验检测机构数字化转型案例发布", "2024-06-20", "协会动态", "全国", "中国检验检测学会"),
    "busy.html": ("第三方检测机构加快布局新能源汽车检测", "2024-06-17", "行业动态", "全国", "检测行业网"),
    "art_1228_5001.html": ("省市场监管局召开全省检验检测工作会议", "2024-06-03", "行业动态", "浙江省", "浙江省市场监督管理局"),
    "art_1228_5002.html": (
        "检验检测机构资质认定告知承诺办理指引发布",
        "2024-05-21",
        "行业动态",
        "浙江省",
        "浙江省市场监督管理局",
    ),
    # a JPaaS shell's list, built by its data service (two pages)
    "art_3f6c0a1e9b2d4c58a7e1f0b9c2d3e4f5.html": (
        "市场监管总局部署开展检验检测报告数据质量专项检查",
        "2024-06-18 10:30",
        "行业动态",
        "全国",
        "认可与检验检测监督管理司",
    ),
    "art_8d21e7c4b0a94f6e9c3b5a7d1e2f8a6b.html": (
        "全国认证认可检验检测标准化技术委员会召开年度工作会",
        "2024-06-07 16:00",
        "行业动态",
        "全国",
        "认可与检验检测监督管理司",
    ),
    "art_c5a9f3e1d7b24a0c8e6f4b2a9d1c7e3f.html": (
        "检验检测机构资质认定网上审批系统完成升级",
        "2024-05-29 09:00",
        "行业动态",
        "全国",
        "认可与检验检测监督管理司",
    ),
    # a JCMS column: the page's datastore, then a dataproxy.jsp group; both URL schemes
    "art_2001_30001.html": (
        "省市场监管局通报上半年检验检测机构能力验证结果",
        "2024-06-12",
        "行业动态",
        "江苏省",
        "江苏省市场监督管理局",
    ),
    "art_2001_30002.html": (
        "南京检验检测认证服务业集聚区新引进机构23家",
        "2024-06-05",
        "行业动态",
        "江苏省",
        "江苏省市场监督管理局",
    ),
    "art_7b3e9d1f5a2c4e6b8d0f2a4c6e8b1d3f.html": (
        "省内首家碳排放核查机构联盟成立",
        "2024-05-28",
        "联盟合作",
        "江苏省",
        "江苏省市场监督管理局",
    ),
    # a JSON list, an RSS feed, a sitemap index
    "4101.html": ("协会举办实验室信息管理系统应用交流会", "2024-06-11", "协会动态", "四川省", "四川省检验检测认证协会"),
    "4102.html": ("协会发布检验检测机构从业人员继续教育计划", "2024-06-03", "协会动态", "四川省", "四川省检验检测认证协会"),
    "4103.html": ("川渝两地检验检测机构签署结果互认合作协议", "2024-05-24", "联盟合作", "重庆市", "四川省检验检测认证协会"),
    "4104.html": ("协会组织开展世界计量日宣传活动", "2024-05-16", "协会动态", "四川省", "四川省检验检测认证协会"),
    "4105.html": ("协会开展检验检测机构诚信经营承诺活动", "2024-06-20", "协会动态", "四川省", "四川省检验检测认证协会"),
    "4106.html": ("协会召开第二届理事会第三次会议", "2024-05-09", "协会动态", "四川省", "四川省检验检测认证协会"),
}


@pytest.fixture
def reg(sites, tmp_path) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(registry({n: r.host for n, r in sites.items()}), encoding="utf-8")
    return path


def fetch(reg: Path, tmp_path: Path, *extra: str) -> list[str]:
    return ["fetch", "--sources", str(reg), "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache"), *extra]


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.iterdir())}


def line_for(lines: list[str], ending: str) -> str:
    (line,) = [x for x in lines if x.split(": ", 1)[0].endswith(ending)]
    return line


def test_fetch_writes_clean_articles_reports_every_case_and_a_second_run_writes_nothing(sites, reg, tmp_path, capsys):
    assert main(fetch(reg, tmp_path)) == 1  # one source (the dead site) failed entirely
    lines = capsys.readouterr().out.splitlines()
    out = tmp_path / "out"
    articles = {parse(p.read_text(encoding="utf-8")).source_url: parse(p.read_text(encoding="utf-8")) for p in out.glob("*.md")}
    assert len(articles) == len(EXPECTED)
    for ending, (title, day, category, region, source) in EXPECTED.items():
        (article,) = [a for url, a in articles.items() if url.endswith(ending)]
        assert (article.title, article.date, article.category, article.region, article.source) == (
            title,
            day,
            category,
            region,
            source,
        )
        assert article.scraper_hash and article.slug.startswith(day[:10])
        assert not [n for n in NOISE if n in article.body], article.body
        assert article.summary and not article.review, article.review
        assert "new → " in line_for(lines, ending.replace("content_551234.htm", "old/551234.html"))
    # the Big5 mirror of the open-day item is a Mirror, not a file
    (open_day,) = [a for u, a in articles.items() if u.endswith("t20240305_1004.html")]
    assert open_day.mirrors == (sites["big5-mirror"].url("/news/2024/0306/n201.html"),)
    assert line_for(lines, "n201.html").endswith(f"duplicate of {out / open_day.slug}.md")
    # every failure case has its own clear line
    assert line_for(lines, "/missing.html").endswith(": failed: HTTP 404")
    assert line_for(lines, "/broken.html").endswith(": failed: HTTP 500 after 1 retries")
    assert line_for(lines, "/slow.html").endswith(": failed: timed out: no answer within 0.5 s (2 tries)")
    assert "failed: redirect loop: /loop-a.html → /loop-b.html → /loop-a.html" in line_for(lines, "/loop-a.html")
    assert "failed: page too large" in line_for(lines, "/huge.html")
    assert line_for(lines, "/download.do?id=7").endswith(": skipped: not an HTML page (application/msword)")
    assert line_for(lines, "/files/report.pdf").endswith(": skipped: attachment (.pdf), not an article page")
    assert "skipped by robots: /rkjcs/internal/t20240410_1003.html is disallowed by" in line_for(lines, "t20240410_1003.html")
    assert "failed: HTTP 503 after 1 retries" in "\n".join(lines)
    assert "asks us to wait 3600 s" in "\n".join(lines)
    assert lines[-1] == (
        "summary: 26 new, 1 duplicate, 3 skipped, 1 skipped by robots, 5 failed; sources: 11 ok, "
        "1 failed (停摆的网站（样例）: no list page could be read)"
    )
    assert not [p for p in out.glob(".*") if p.name.endswith(".tmp")], "no temporary files left behind"

    before = snapshot(out)
    assert main(fetch(reg, tmp_path)) == 1
    again = capsys.readouterr().out.splitlines()
    assert snapshot(out) == before, "a second run writes nothing"
    assert again[-1].startswith("summary: 26 unchanged, 1 duplicate, 3 skipped, 1 skipped by robots, 5 failed;")
    # pages with validators cost a 304 the second time
    assert sites["regulator"].site.statuses("/rkjcs/gzdt/202405/t20240520_1001.html") == [200, 304]
    assert sites["gbk-assoc"].site.statuses("/news/show.asp?id=103") == [200, 304]


def test_only_good_sources_exit_zero_and_a_dry_run_writes_nothing(reg, tmp_path, capsys):
    argv = fetch(reg, tmp_path, "--source", *GOOD[:2], "--dry-run")
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == ("summary: 7 new, 1 skipped, 1 skipped by robots; sources: 2 ok (dry run: nothing written)")
    assert not (tmp_path / "out").exists() and not (tmp_path / "cache").exists()


def test_since_and_limit(reg, tmp_path, capsys):
    assert main(fetch(reg, tmp_path, "--source", GOOD[0], "--since", "2024-01-01", "--limit", "2")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "t20231215_0999.html" not in "\n".join(lines)
    assert lines[-1] == "summary: 2 new, 1 older than --since not fetched; sources: 1 ok"
    assert main(fetch(reg, tmp_path, "--since", "2024-13-01")) == 2
    assert "--since wants a date" in capsys.readouterr().err


def test_an_article_an_editor_changed_survives_a_rerun(reg, tmp_path, capsys):
    argv = fetch(reg, tmp_path, "--source", GOOD[1])
    assert main(argv) == 0
    out = tmp_path / "out"
    (path,) = [p for p in out.glob("*.md") if "show.asp?id=103" in p.read_text(encoding="utf-8")]
    edited = path.read_text(encoding="utf-8").replace("截至目前", "截至4月底")
    edited = edited.replace("Region: 江苏省", "Region: 江苏省\nCity: 南京市")
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert line_for(lines, "show.asp?id=103").endswith(f"kept {path} (edited by an editor; not overwritten)")
    assert path.read_text(encoding="utf-8") == edited


def test_the_invoke_task_runs_the_same_command(reg, tmp_path):
    invoke = Path(sys.executable).with_name("invoke")
    done = subprocess.run(
        [
            str(invoke),
            "fetch",
            "--sources",
            str(reg),
            "--source",
            GOOD[2],
            "--out",
            str(tmp_path / "o"),
            "--dry-run",
            "--limit",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "summary: 1 new; sources: 1 ok (dry run: nothing written)"
    assert not (tmp_path / "o").exists()


def test_unknown_source_and_bad_registry_are_usage_errors(reg, tmp_path, capsys):
    assert main(fetch(reg, tmp_path, "--source", "nope")) == 2
    assert "no source named 'nope'" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: x\n  lists: [https://a.example/]\n", encoding="utf-8")
    assert main(["fetch", "--sources", str(bad)]) == 2
    assert f"{bad}:1: entry 1 (x): 'items' is required" in capsys.readouterr().err


def test_a_killed_run_leaves_nothing_half_written_and_simply_runs_again(sites, tmp_path):
    regulator = sites["regulator"]
    routes = regulator.site.config.setdefault("routes", {})
    stuck = "/rkjcs/gzdt/202403/t20240305_1004.html"
    routes[stuck] = {"delay": 30}
    reg = tmp_path / "sources.yaml"
    reg.write_text(
        f"""
- name: 样例
  lists: [{regulator.url("/rkjcs/gzdt/index.html")}]
  links: ul.list
  items: /rkjcs/gzdt/\\d{{6}}/t\\d+_\\d+\\.html$
  politeness: {{delay: 0, read_timeout: 60, retries: 0}}
""",
        encoding="utf-8",
    )
    argv = [sys.executable, "-m", "scrapers", *fetch(reg, tmp_path)]
    proc = subprocess.Popen(
        argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    try:
        deadline = time.monotonic() + 20
        while stuck not in regulator.site.arrivals and time.monotonic() < deadline:
            time.sleep(0.05)
        assert stuck in regulator.site.arrivals, "the run never reached the slow page"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert "interrupted: no file is half-written; run the same command again" in err
    out = tmp_path / "out"
    assert not out.exists() or not list(out.iterdir())
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.name.endswith(".tmp")]

    del routes[stuck]
    assert main(fetch(reg, tmp_path)) == 0
    assert len(list(out.glob("*.md"))) == 4
    assert regulator.site.statuses("/rkjcs/gzdt/202405/t20240520_1001.html") == [200, 304]


def test_a_source_past_its_time_limit_reports_the_remaining_items_as_skipped(sites, tmp_path, capsys):
    regulator = sites["regulator"]
    first = "/rkjcs/gzdt/202405/t20240520_1001.html"
    regulator.site.config.setdefault("routes", {})[first] = {"delay": 30}  # the first item hangs
    reg = tmp_path / "sources.yaml"
    reg.write_text(
        f"""
- name: 样例
  lists: [{regulator.url("/rkjcs/gzdt/index.html")}]
  links: ul.list
  items: /rkjcs/gzdt/\\d{{6}}/t\\d+_\\d+\\.html$
  politeness: {{delay: 0, read_timeout: 60, deadline: 60, retries: 0, source_deadline: 1}}
""",
        encoding="utf-8",
    )
    assert main(fetch(reg, tmp_path)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert line_for(lines, "t20240520_1001.html").endswith(": failed: source time limit of 1 s reached")
    for ending in ("t20240418_1002.html", "t20240305_1004.html", "t20231215_0999.html"):
        assert line_for(lines, ending).endswith(": skipped: source time limit of 1 s reached; fetched next run")
    assert lines[-1] == "summary: 3 skipped, 1 failed; sources: 1 ok"
    assert "/rkjcs/gzdt/202404/t20240418_1002.html" not in regulator.site.arrivals


def test_credentials_never_reach_the_article_and_redirects_inside_are_refused(sites, serve, tmp_path, capsys):
    regulator = sites["regulator"]
    port = regulator.server.server_address[1]
    item = regulator.url("/rkjcs/gzdt/202405/t20240520_1001.html")
    root = tmp_path / "lister"
    root.mkdir()
    (root / "list.html").write_text(
        f"""<html><body><ul>
      <li><a href="{item.replace("http://", "http://editor:hunter2@")}">世界认可日</a> 2024-05-20</li>
      <li><a href="/jump/1.html">跳转</a> 2024-05-21</li>
      <li><a href="javascript:location='/jump/2.html'">脚本</a> 2024-05-22</li>
    </ul></body></html>""",
        encoding="utf-8",
    )
    jump = f"http://127.0.0.2:{port}/rkjcs/gzdt/202404/t20240418_1002.html"
    lister = serve(Site("lister", root, {"routes": {"/jump/1.html": {"redirect": jump}}}))
    reg = tmp_path / "sources.yaml"
    reg.write_text(
        f"""
- name: 样例
  lists: [{lister.url("/list.html")}]
  items: /(rkjcs/gzdt/\\d{{6}}/t\\d+_\\d+\\.html|jump/\\d+\\.html)$
  politeness: {{delay: 0, retries: 0}}
""",
        encoding="utf-8",
    )
    assert main(fetch(reg, tmp_path)) == 0
    out = capsys.readouterr().out
    assert "hunter2" not in out and "javascript" not in out
    lines = out.splitlines()
    assert line_for(lines, "/jump/1.html").endswith(
        f": failed: refused {jump}: 127.0.0.2 is a loopback address (only public addresses are fetched)"
    )
    (path,) = (tmp_path / "out").glob("*.md")
    article = parse(path.read_text(encoding="utf-8"))
    assert article.source_url == item and "hunter2" not in path.read_text(encoding="utf-8")
    assert "/rkjcs/gzdt/202404/t20240418_1002.html" not in regulator.site.arrivals
