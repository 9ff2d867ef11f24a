"""The review queue remembers: rejected items are recorded and not offered again by the next scrape.

The record and its matching are tested on their own; then whole mornings of the scheduled
scrape run against a loopback copy of a fixture site, with a bare repository standing in
for GitHub: the fetch job's steps (``scrape_pr carry``/``reject``, the real ``fetch``,
``prune``, ``body``, ``export``) in a fresh clone of main, then the pull-request job's
``.github/scripts/push-scraped.sh``, then an editor deleting, fixing or closing on the
branch, as on GitHub.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scrapers.__main__ import main as scrapers_main
from scrapers.ci.scrape_pr import body, carry, export, export_record, prune, reject
from scrapers.core.article import Article
from scrapers.rejected import MAX_DISTANCE, Record, RecordError, Rejection, distance, rejection, simhash, text_hash
from tests.fixtures.sites.server import HERE as SITES
from tests.fixtures.sites.server import Site, load_site

ROOT = Path(__file__).resolve().parents[2]
PUSH = ROOT / ".github" / "scripts" / "push-scraped.sh"
TEXT = (
    "12月14日，2023年认可工作座谈会以视频形式召开，总局相关司局和部分省级市场监管部门负责同志参加会议。\n\n"
    "会议总结了一年来认可工作取得的进展，分析了当前认可工作面临的形势，并就做好下一年度认可工作听取了意见建议。"
)


def _article(url: str = "https://www.example.cn/a/1.html", body: str = TEXT, **kw: str) -> Article:
    return Article(
        title="认可工作座谈会召开",
        date="2023-12-15",
        category="协会动态",
        region="全国",
        slug="2023-12-15-00000001",
        body=body,
        source_url=url,
        **kw,
    )


# --- the record ---------------------------------------------------------------------------


def test_the_record_round_trips_and_refuses_a_foreign_file(tmp_path: Path) -> None:
    record = Record([rejection(_article(), "2025-09-06", "deleted on scrape/daily")])
    path = tmp_path / "rejected.csv"
    record.save(path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "url,text_hash,simhash,rejected_on,reason,title"
    assert Record.load(path).rows == record.rows
    assert Record.load(tmp_path / "missing.csv").rows == []
    with pytest.raises(RecordError, match=r"x\.csv:1: the header must be url,text_hash"):
        Record.parse("a,b\n", "x.csv")
    with pytest.raises(RecordError, match=r"x\.csv:3: expected 6 columns, got 2"):
        Record.parse(record.text() + "a,b\n", "x.csv")
    assert not record.add(rejection(_article(url="http://example.cn/a/1.html/"), "2025-09-07", "again"))  # same item


def test_the_same_item_matches_a_changed_one_does_not() -> None:
    record = Record([rejection(_article(), "2025-09-06", "deleted")])
    assert record.match(_article()) is not None
    # Same URL written another way, a date line added: still the same item.
    assert record.match(_article(url="http://example.cn/a/1.html", body=TEXT + "\n\n发布时间：2023-12-15")) is not None
    # Found under a mirror's URL, or the same text at a new address.
    assert record.match(_article(url="https://other.example/x.html", mirrors=("https://www.example.cn/a/1.html",))) is not None
    assert record.match(_article(url="https://moved.example/y.html")) is not None
    # The page changed substantially: offered again.
    rewritten = "市场监管总局发布新版检验检测机构资质认定评审准则，自明年起施行，各地要做好宣贯培训和过渡衔接工作。"
    assert record.match(_article(body=rewritten)) is None
    assert record.match(_article(url="https://www.example.cn/a/2.html", body=TEXT + "另有说明。")) is None


def test_simhash_distances() -> None:
    assert distance(simhash(TEXT), simhash(TEXT)) == 0
    assert distance(simhash(TEXT), simhash(TEXT.replace("12月14日", "12月15日"))) <= MAX_DISTANCE
    assert distance(simhash(TEXT), simhash("完全不同的一段文字，讲的是另一件事情，与座谈会毫无关系。" * 3)) > MAX_DISTANCE
    assert distance("zz", simhash(TEXT)) == 64
    assert text_hash("a，b\n\nc") == text_hash("abc")


# --- mornings of the scheduled scrape -----------------------------------------------------

SOURCE = "认可检测司（拒绝测试）"


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


class Scrape:
    """GitHub (a bare repository), the scheduled workflow's two jobs, and editors' hands."""

    def __init__(self, tmp: Path, host: str) -> None:
        self.tmp = tmp
        self.origin = tmp / "origin.git"
        _git(tmp, "init", "--quiet", "--bare", "--initial-branch=main", str(self.origin))
        seed = self._clone("seed")
        (seed / "content" / "articles").mkdir(parents=True)
        (seed / "content" / "articles" / "README.txt").write_text("articles\n", encoding="utf-8")
        _git(seed, "add", ".")
        _git(seed, "commit", "--quiet", "-m", "main")
        _git(seed, "push", "--quiet", "origin", "main")
        self.registry = tmp / "sources.yaml"
        self.registry.write_text(
            f"- name: {SOURCE}\n  lists: [http://{host}/rkjcs/gzdt/index.html]\n  links: ul.list\n"
            "  items: /rkjcs/gzdt/\\d{6}/t\\d+_\\d+\\.html$\n  politeness: {delay: 0, retries: 0}\n",
            encoding="utf-8",
        )
        self.runs = 0

    def _clone(self, name: str, *args: str) -> Path:
        work = self.tmp / name
        if work.exists():
            shutil.rmtree(work)
        subprocess.run(["git", "clone", "--quiet", *args, str(self.origin), str(work)], check=True, capture_output=True)
        for key, value in (("user.name", "t"), ("user.email", "t@example.cn"), ("commit.gpgsign", "false")):
            _git(work, "config", key, value)
        return work

    def latest_pr(self) -> tuple[int, str]:
        """What `gh pr list --state all --limit 1` says in the workflow (kept here by hand)."""
        return getattr(self, "_pr", (0, ""))

    def morning(self, capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str], Path]:
        """One run of scrape.yml; returns the description, the artifact's files and the clone."""
        self.runs += 1
        work = self._clone(f"run{self.runs}")
        root = work / "content" / "articles"
        expected = _git(work, "ls-remote", "origin", "refs/heads/scrape/daily").split("\t")[0]
        number, state = self.latest_pr()
        if state == "CLOSED":
            _git(work, "fetch", "--quiet", "origin", f"+refs/pull/{number}/head:refs/remotes/origin/closed-scrape")
            reject("refs/remotes/origin/closed-scrape", work, root, f"pull request #{number} closed without merging")
        elif state == "OPEN":
            carry(work, root)
        assert (
            scrapers_main(
                [
                    "fetch",
                    "--sources",
                    str(self.registry),
                    "--out",
                    str(root),
                    "--cache",
                    str(self.tmp / "cache"),
                    "--health",
                    str(self.tmp / "health.json"),
                ]
            )
            == 0
        )
        report = self.tmp / "skipped.json"
        report.write_text(json.dumps([vars(s) for s in prune(work, root)], ensure_ascii=False), encoding="utf-8")
        text = body(work, root, skipped=report, health=self.tmp / "none.json")
        art = self.tmp / f"scraped{self.runs}"
        export(art / "articles", work, root)
        export_record(art / "rejected.csv", work)
        (art / "pr-body.md").write_text(text, encoding="utf-8")
        capsys.readouterr()
        pushed = subprocess.run(
            [str(PUSH), str(art), "scrape/daily", expected],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "GITHUB_OUTPUT": ""},
        )
        assert pushed.returncode == 0, pushed.stderr
        if "pushed" in pushed.stdout and "nothing" not in pushed.stdout:
            if self.latest_pr()[1] != "OPEN":
                self._pr = (self.latest_pr()[0] + 1, "OPEN")
        return text, sorted(p.name for p in (art / "articles").iterdir()), work

    def editor(self) -> Path:
        return self._clone("editor", "--branch", "scrape/daily")

    def close_pr(self) -> None:
        number, state = self.latest_pr()
        assert state == "OPEN"
        editor = self.editor()
        _git(editor, "push", "--quiet", "origin", f"scrape/daily:refs/pull/{number}/head")
        self._pr = (number, "CLOSED")


def _title(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def test_rejected_items_are_not_offered_again_over_the_same_site(
    serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site_root = tmp_path / "site"
    shutil.copytree(SITES / "regulator", site_root)
    running = serve(Site("regulator", site_root, load_site("regulator").config))
    gh = Scrape(tmp_path, running.host)

    # Morning 1: four new items, one pull request.
    text, files, _ = gh.morning(capsys)
    assert "**4 new, 0 changed, 0 removed**" in text and len(files) == 4
    first, second, *_ = sorted(files, key=lambda n: n)  # by date in the name

    # The editor deletes one item on the branch and fixes another's title.
    editor = gh.editor()
    _git(editor, "rm", "--quiet", f"content/articles/{first}")
    fixed = editor / "content" / "articles" / second
    fixed.write_text(fixed.read_text(encoding="utf-8").replace("Title: ", "Title: （编辑改）", 1), encoding="utf-8")
    _git(editor, "commit", "--quiet", "-am", "review")
    _git(editor, "push", "--quiet", "origin", "scrape/daily")

    # Morning 2: the deleted item is fetched again and left out; the fix carries over.
    text, files, work = gh.morning(capsys)
    assert first not in files and second in files and len(files) == 3
    assert _title(work / "content" / "articles" / second).startswith("Title: （编辑改）")
    assert "· 1 skipped as rejected earlier" in text and "**1 rejected item recorded**" in text
    assert "### Skipped as rejected earlier (1)" in text
    record = Record.load(work / "scrapers" / "data" / "rejected.csv")
    assert [r.reason for r in record.rows] == ["deleted on scrape/daily"]
    branch = gh.editor()
    assert (branch / "scrapers" / "data" / "rejected.csv").is_file()  # the record travels with the batch

    # The editors close the pull request: the whole batch is rejected.
    gh.close_pr()
    text, files, work = gh.morning(capsys)
    assert files == []  # nothing is offered again
    assert "· 4 skipped as rejected earlier" in text and "**4 rejected items recorded**" in text
    reasons = sorted(r.reason for r in Record.load(work / "scrapers" / "data" / "rejected.csv").rows)
    assert reasons == ["deleted on scrape/daily", *["pull request #1 closed without merging"] * 3]

    # A page that changes substantially is offered again (and only that one).
    page = site_root / "rkjcs" / "gzdt" / "202312" / "t20231215_0999.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace(
        "12月14日，2023年认可工作座谈会以视频形式召开",
        "12月14日，市场监管总局发布检验检测机构资质认定新规，明确能力验证和内部审核要求，各省局要组织专题培训，确保新规平稳落地",
    )
    html = html.replace(
        "会议总结了一年来认可工作取得的进展",
        "新规对检验检测报告的出具、签发和存档作出细化规定，并列明了违规情形的处理办法，鼓励机构开展信息化建设",
    )
    page.write_text(html, encoding="utf-8")
    text, files, _ = gh.morning(capsys)
    assert len(files) == 1 and "· 3 skipped as rejected earlier" in text


def test_reject_and_carry_on_plain_git(tmp_path: Path) -> None:
    """The git side alone: deletions on an open branch and a closed batch are both recorded."""
    scrape = Scrape(tmp_path, "127.0.0.1:9")
    work = scrape._clone("work")
    root = work / "content" / "articles"
    _git(work, "switch", "--quiet", "-c", "scrape/daily")
    for n in (1, 2, 3):
        a = _article(url=f"https://example.cn/{n}.html", body=f"第{n}条：" + TEXT.replace("12月14日", f"12月{n}日") * n)
        (root / f"2023-12-15-0000000{n}.md").write_text(a.render(), encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "commit", "--quiet", "-m", "Scraped articles")
    _git(work, "rm", "--quiet", "content/articles/2023-12-15-00000002.md")
    _git(work, "commit", "--quiet", "-m", "editor rejects 2")
    _git(work, "push", "--quiet", "origin", "scrape/daily")
    fresh = scrape._clone("fresh")
    fresh_root = fresh / "content" / "articles"
    assert sorted(carry(fresh, fresh_root)) == [
        "content/articles/2023-12-15-00000001.md",
        "content/articles/2023-12-15-00000003.md",
    ]
    rows = Record.load(fresh / "scrapers" / "data" / "rejected.csv").rows
    assert [(r.url, r.reason) for r in rows] == [("https://example.cn/2.html", "deleted on scrape/daily")]
    closed = scrape._clone("closed")
    _git(closed, "fetch", "--quiet", "origin", "+refs/heads/scrape/daily:refs/remotes/origin/closed-scrape")
    found = reject("refs/remotes/origin/closed-scrape", closed, closed / "content" / "articles", "pull request #7 closed")
    assert sorted(r.url for r in found) == [f"https://example.cn/{n}.html" for n in (1, 2, 3)]
    assert len(Record.load(closed / "scrapers" / "data" / "rejected.csv").rows) == 3
    assert isinstance(found[0], Rejection)
