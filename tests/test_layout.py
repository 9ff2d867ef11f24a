"""The package layout holds: who may import whom (README "Layout").

- the core (``scrapers/core``) imports nothing of the project outside itself at import
  time (its rules reach the normaliser's detectors inside the functions that run them);
- the plugins import only the core;
- the pipeline stages never import the editors' tools or the CI helpers;
- ``scrapers/ci/schedule.py`` runs before any package is installed: the standard library only.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = ["fetch", "extract", "normalise", "enrich", "assemble.py", "dedupe.py", "importer.py", "store.py",
            "rejected.py"]


def _imports(path: Path, top_level_only: bool = False) -> list[tuple[int, str]]:
    """``(line, module)`` of every import in ``path`` (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return found


def _files(*parts: str) -> list[Path]:
    out: list[Path] = []
    for part in parts:
        p = ROOT / part
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return out


def _offences(files: list[Path], bad, top_level_only: bool = False) -> list[str]:
    return [f"{f.relative_to(ROOT)}:{line}: imports {module}" for f in files
            for line, module in _imports(f, top_level_only) if bad(module)]


def _ours(module: str) -> bool:
    return module.split(".")[0] in ("scrapers", "plugins", "tools", "bench", "tests", "tasks")


def test_plugins_import_only_the_core() -> None:
    assert _offences(_files("plugins"), lambda m: m.startswith("scrapers") and not m.startswith("scrapers.core")) == []


def test_the_core_imports_only_the_core_at_import_time() -> None:
    assert _offences(_files("scrapers/core"), lambda m: _ours(m) and not m.startswith("scrapers.core"),
                     top_level_only=True) == []


def test_the_pipeline_never_imports_the_editors_or_ci() -> None:
    files = _files("scrapers/core", *(f"scrapers/{p}" for p in PIPELINE))
    assert _offences(files, lambda m: m.startswith(("scrapers.editors", "scrapers.ci"))) == []


def test_the_schedule_helper_needs_the_standard_library_only() -> None:
    """Imported by an interpreter that sees no installed package at all (``-S``: no site-packages)."""
    done = subprocess.run([sys.executable, "-S", "-c", "import scrapers.ci.schedule"], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("role", ["core", "fetch", "extract", "normalise", "enrich", "editors", "ci"])
def test_each_role_is_a_package_that_says_what_it_holds(role: str) -> None:
    init = ROOT / "scrapers" / role / "__init__.py"
    assert init.is_file() and ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))


def test_the_readme_map_names_every_module() -> None:
    """The README's Layout section lists each module and package of scrapers/ by its path."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    missing = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "scrapers").iterdir())
               if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())) and p.name != "__init__.py"
               and p.relative_to(ROOT).as_posix().rstrip("/") not in section]
    assert missing == [], f"README Layout does not name: {missing}"
