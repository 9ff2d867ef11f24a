"""The dependency record kept between builds, and where it lives.

One pickle per output directory (``<cache>/incremental.pickle``) holds:

- ``reads``: every read some page made, ``(object key, attribute)``, with its fingerprint
  at the end of the build;
- ``pages``: per output file, the fingerprint of its template files (and of the transform
  applied after rendering), the fingerprints of the context names it looked up, where its
  read ids are in ``page_reads`` (one numpy array for all pages), and the size and mtime the
  file had when it was written or last confirmed, so a file changed or removed by hand is
  rendered again;
- ``produced``: every file the build wrote or confirmed, to remove what a later build no
  longer makes (a deleted article's pages);
- ``memo``: values kept between builds while ``code`` is the same, whatever the settings
  (:meth:`plugins.incremental.Build.remember`: the templates' references);
- ``code`` and ``settings``: fingerprints of the plugins' source and data files with the
  library versions, and of the settings. When either differs the reads and pages are
  dropped (everything is rendered; unchanged files are still left untouched) and Pelican's
  reader cache is not loaded.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

logger = logging.getLogger(__name__)

FORMAT = 6
STATE_FILE = "incremental.pickle"
#: Packages whose behaviour shapes the output; their versions are part of the code fingerprint.
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown-it-py", "nh3", "opencc", "feedgenerator")
#: Files whose change can change any page: the plugins, the scrapers they import, their data.
CODE_SUFFIXES = (".py", ".csv", ".json", ".yaml", ".yml", ".txt", ".tsv")


FIELDS = frozenset({"code", "settings", "reads", "read_fps", "pages", "page_reads", "produced", "memo"})


class PageRecord(NamedTuple):
    """What one output file was made from (``reads``: ids into the read table)."""

    template: int
    roots: tuple[tuple[str, int], ...]
    reads: np.ndarray
    size: int
    mtime_ns: int


@dataclass
class State:
    """The record of the previous build into one output directory."""

    def records(self) -> dict[str, PageRecord]:
        """The pages as :class:`PageRecord` (read ids as views into ``page_reads``)."""
        reads = self.page_reads
        return {rel: PageRecord(t, roots, reads[a:b], size, mtime) for rel, (t, roots, a, b, size, mtime) in self.pages.items()}

    code: bytes = b""
    settings: int = 0
    reads: list[tuple[str, Any]] = field(default_factory=list)
    read_fps: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    #: Per page: (template, roots, start, end, size, mtime_ns); its reads are page_reads[start:end].
    pages: dict[str, tuple[int, tuple[tuple[str, int], ...], int, int, int, int]] = field(default_factory=dict)
    page_reads: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    produced: set[str] = field(default_factory=set)
    memo: dict[tuple[str, Any], Any] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path) -> State | None:
        path = directory / STATE_FILE
        try:
            with path.open("rb") as fh:
                data = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception as exc:  # a truncated or foreign file: start again, say so
            logger.info("incremental: %s unreadable (%s); building everything", path, exc)
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not FIELDS <= data.keys():
            return None
        state = cls()
        for name in FIELDS:
            setattr(state, name, data[name])
        return state

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / STATE_FILE
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        data = {"format": FORMAT, **{n: getattr(self, n) for n in FIELDS}}
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


def code_fingerprint(roots: list[Path]) -> bytes:
    """Fingerprint of the source and data files under ``roots`` and of the library versions."""
    h = hashlib.blake2b(digest_size=16)
    h.update(sys.version.encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name}=={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=absent;".encode())
    for root in roots:
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(root)).encode() + b"\0")
                h.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return h.digest()


def cache_dir(settings: dict[str, Any], output_path: str) -> Path:
    """Where the caches of a build into ``output_path`` live.

    ``--cache-path`` (Pelican's ``CACHE_PATH``) when given; otherwise a ``.cache`` folder
    next to the output folder (``output/`` → ``.cache/``, ignored by git; a test's temp
    output → the test's temp folder). Each output folder gets its own subfolder, so builds
    into different folders (local preview, publish build, tests in parallel) never share.
    """
    out = Path(output_path).resolve()
    base = settings.get("CACHE_PATH") or "cache"
    base_path = out.parent / ".cache" / "pelican" if base == "cache" else Path(base).resolve()
    tag = hashlib.sha1(str(out).encode()).hexdigest()[:12]
    return base_path / f"{out.name}-{tag}"
