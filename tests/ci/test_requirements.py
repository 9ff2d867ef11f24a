"""The supply chain offline: hash-locked requirements, the Makefile's lock check, Dependabot,
and .ci/run's Java detection.

Nothing here reaches a registry: the lock is compared with requirements.txt as text, and
`make check-lock` runs on copies in a temp directory. `make lock` (which needs PyPI) and
the hash-checked install itself are exercised by `make venv` on a fresh clone.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements-lock.txt"
AUDIT_LOCK = ROOT / ".github" / "pip-audit" / "requirements.txt"
CI_RUN = ROOT / ".ci" / "run"


def _name(raw: str) -> str:
    """A distribution name as pip compares them (PEP 503), extras dropped."""
    return re.sub(r"[-_.]+", "-", raw.split("[")[0]).lower()


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"([A-Za-z0-9][A-Za-z0-9._\[\],-]*)==([^\s;\\]+)", line):
            pins[_name(m.group(1))] = m.group(2)
    return pins


def _hashed_entries(path: Path) -> dict[str, list[str]]:
    """``name==version`` -> its ``--hash=sha256:`` values, from a pip-compile style file."""
    entries: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"([A-Za-z0-9][^\s=]*)==(\S+)", line):
            current = f"{_name(m.group(1))}=={m.group(2)}"
            entries[current] = []
        for h in re.findall(r"--hash=(\w+):(\S+)", line):
            assert current is not None, f"{path.name}: a hash before any requirement: {line!r}"
            assert h[0] == "sha256" and re.fullmatch(r"[0-9a-f]{64}", h[1]), line
            entries[current].append(h[1])
    return entries


def test_the_lock_pins_exactly_what_requirements_txt_pins():
    assert _pins(LOCK) == _pins(ROOT / "requirements.txt"), "run `make lock` after editing requirements.txt"


def test_every_locked_package_has_hashes():
    entries = _hashed_entries(LOCK)
    assert len(entries) == len(_pins(ROOT / "requirements.txt"))
    assert all(entries.values()), [k for k, v in entries.items() if not v]
    # Compiled packages carry one hash per wheel (every platform GitHub's runners and a
    # developer might use), not just this machine's.
    assert len(entries[f"lxml=={_pins(LOCK)['lxml']}"]) > 10
    assert "--index-url" not in LOCK.read_text(encoding="utf-8") and "--find-links" not in LOCK.read_text(encoding="utf-8")


def test_requirements_in_agrees_with_requirements_txt():
    pins = _pins(ROOT / "requirements.txt")
    for name, version in _pins(ROOT / "requirements.in").items():
        assert pins.get(name) == version, f"requirements.in pins {name}=={version}, requirements.txt {pins.get(name)}"


def test_the_auditor_is_hash_locked_too():
    entries = _hashed_entries(AUDIT_LOCK)
    assert any(k.startswith("pip-audit==") for k in entries)
    assert all(entries.values()), [k for k, v in entries.items() if not v]


def test_the_makefile_installs_with_require_hashes():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    install = [ln for ln in text.splitlines() if "pip install" in ln and "$(BIN)" in ln]
    assert install == ["\t$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)"]
    assert "LOCK := requirements-lock.txt" in text
    # The stamp changes with either file, so editing one re-runs the install (and the check).
    assert "STAMP := $(VENV)/.installed-$(shell cat requirements.txt $(LOCK) | cksum | cut -d' ' -f1)" in text
    assert "$(STAMP): requirements.txt $(LOCK)\n\t@$(MAKE) --no-print-directory check-lock\n" in text


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for name in ("Makefile", "requirements.txt", "requirements-lock.txt", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def _make(cwd: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *targets], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def test_check_lock_passes_on_the_committed_files(copy: Path) -> None:
    done = _make(copy, "check-lock")
    assert done.returncode == 0, done.stderr


def test_check_lock_names_what_differs(copy: Path) -> None:
    text = (copy / "requirements.txt").read_text(encoding="utf-8")
    ruff = re.search(r"^ruff==(\S+)$", text, re.M)
    assert ruff
    text = text.replace(ruff.group(0), "ruff==0.0.1") + "Some_New.Package==1.0\n"
    (copy / "requirements.txt").write_text(text, encoding="utf-8")
    done = _make(copy, "check-lock")
    assert done.returncode != 0
    assert "error: some-new-package==1.0 is only in requirements.txt" in done.stderr
    assert "error: ruff==0.0.1 is only in requirements.txt" in done.stderr
    assert f"error: ruff=={ruff.group(1)} is only in requirements-lock.txt" in done.stderr
    assert "run `make lock` to update requirements-lock.txt from requirements.txt" in done.stderr
    # ... and `make venv` stops there, before creating anything.
    done = _make(copy, "venv")
    assert done.returncode != 0 and "run `make lock`" in done.stderr
    assert not (copy / ".venv").exists()


def test_dependabot_watches_pip_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert {("pip", "/"), ("npm", "/"), ("github-actions", "/"), ("pip", "/.github/pip-audit")} <= updates
    for ecosystem, directory in updates:
        assert (ROOT / directory.lstrip("/")).is_dir(), f"{ecosystem}: no directory {directory}"
    assert all(u["schedule"]["interval"] in {"daily", "weekly", "monthly"} for u in config["updates"])


def _java_functions() -> str:
    text = CI_RUN.read_text(encoding="utf-8")
    start = text.index("java_major() {")
    end = text.index("\n", text.index("java_ok() {"))
    return text[start:end]


def test_ci_run_installs_java_when_missing():
    code = [ln.split("#", 1)[0] for ln in CI_RUN.read_text(encoding="utf-8").splitlines()]
    assert any("extra+=(default-jre-headless)" in ln for ln in code)
    assert any("openjdk-17-jre-headless" in ln for ln in code)  # when the default JRE is older
    assert any(re.search(r"if java_ok; then", ln) for ln in code)


def test_ci_run_reads_the_java_version():
    """The detection itself, run on this machine's java and on a PATH without one."""
    java = shutil.which("java")
    script = _java_functions() + "\njava_major; if java_ok; then echo ok; else echo missing; fi\n"
    bash = shutil.which("bash") or "/bin/bash"
    bare = subprocess.run([bash, "-c", script], capture_output=True, text=True, check=True, env={"PATH": "/nonexistent"}).stdout
    assert bare == "\nmissing\n" or bare == "missing\n"
    if java is None:
        pytest.skip("no java on PATH here (.ci/run installs it)")
    version = subprocess.run([java, "-version"], capture_output=True, text=True, check=True).stderr
    m = re.search(r'version "(?:1\.)?(\d+)', version)
    assert m
    found = subprocess.run([bash, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert found == [m.group(1), "ok" if int(m.group(1)) >= 17 else "missing"]
