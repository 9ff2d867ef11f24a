"""Writing a file whole or not at all: the one atomic writer of the scrapers.

Why one: articles (``store``), the editors' fixes, the rejection record, attachments and
the HTTP cache all write files that a crash must never leave half-written, and each used
to carry its own temp-file-and-rename. The rules are the same for all of them: the
temporary file lies beside the target (same filesystem, so the rename is atomic), is named
``.<name>.<8 random>.tmp`` (what :mod:`scrapers.store` cleans up after a killed writer),
gets the mode a new file would get under the umask (``mkstemp`` alone gives 0600), and is
removed again when anything fails.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def file_mode() -> int:
    """``0o666`` less the umask: what ``open()`` would give a new file (``mkstemp`` gives 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: str | bytes, *, sync: bool = True) -> None:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends, or bytes) to ``path`` via a temp file + rename.

    ``sync``: flush the data to disk before the rename, so that after a power cut the file
    is the old one or the new one (a cache that is only an optimisation may skip it).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # not on Windows
            os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
