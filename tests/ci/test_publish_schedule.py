"""The hourly publish run: it builds and deploys only when a scheduled article is due.

``Status: scheduled`` articles go out with the first build after their time; nothing is
pushed then, so publish.yml also runs every hour and its ``due`` job decides, with the
standard library only (``python3 -m scrapers.ci.schedule due``), whether the run has work.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import yaml

from scrapers.ci.schedule import due, missing

ROOT = Path(__file__).resolve().parents[2]


def _article(root: Path, slug: str, when: str, status: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{slug}.md").write_text(f"Title: 标题{slug}\nDate: {when}\nCategory: 开放日\nRegion: 浙江省\nSlug: {slug}\n"
                                     f"{status}\n正文。\n", encoding="utf-8")


def test_due_lists_scheduled_articles_whose_time_has_come(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    _article(root, "2025-09-06-00000001", "2025-09-06 08:00", "Status: scheduled\n")
    _article(root, "2025-09-06-00000002", "2025-09-06 10:00", "Status: scheduled\n")
    _article(root, "2025-09-01-00000003", "2025-09-01 10:00", "Status: scheduled\n")  # long past: deployed already
    _article(root, "2025-09-06-00000004", "2025-09-06 07:00", "Status: draft\n")
    _article(root, "2025-09-06-00000005", "2025-09-06 07:00", "")
    now = datetime(2025, 9, 6, 9, 0)
    assert due(root, now) == ["articles/2025-09-01-00000003/", "articles/2025-09-06-00000001/"]
    done = subprocess.run([sys.executable, "-m", "scrapers.ci.schedule", "due", "--root", str(root), "--now",
                           "2025-09-06 09:00", "--within-days", "1"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "articles/2025-09-06-00000001/\n"
    done = subprocess.run([sys.executable, "-m", "scrapers.ci.schedule", "due", "--root", str(root), "--now",
                           "2025-09-06 07:59", "--within-days", "1"], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "0 scheduled articles to publish\n")


def test_missing_asks_the_deployed_site(tmp_path: Path) -> None:
    (tmp_path / "articles" / "a").mkdir(parents=True)
    (tmp_path / "articles" / "a" / "index.html").write_text("ok", encoding="utf-8")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        site = f"http://127.0.0.1:{server.server_address[1]}/"
        assert missing(["articles/a/", "articles/b/"], site) == ["articles/b/"]
    finally:
        server.shutdown()
        server.server_close()


def test_the_workflow_runs_hourly_and_builds_only_when_due() -> None:
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    on = wf.get("on", wf.get(True))
    assert on["schedule"] == [{"cron": "7 * * * *"}]
    due_job, build = wf["jobs"]["due"], wf["jobs"]["build"]
    assert due_job["if"] == "github.event_name == 'schedule'"
    assert due_job["permissions"] == {"contents": "read", "pages": "read"}
    assert any("python3 -m scrapers.ci.schedule due --siteurl" in s.get("run", "") for s in due_job["steps"])
    assert not any("setup-python" in s.get("uses", "") for s in due_job["steps"])  # standard library only
    assert build["needs"] == "due" and "needs.due.outputs.publish == 'true'" in build["if"]
    tests = next(s for s in build["steps"] if s.get("run") == "make test")
    assert tests["if"] == "github.event_name != 'schedule'"
