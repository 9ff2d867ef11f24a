"""Preview while editing: serve the built site on localhost and rebuild when a file changes.

``invoke serve`` calls :func:`serve` with its own build step (Pelican, then Pagefind, so
search works in the preview too). An editor saves an article, waits for "rebuilt", and
reloads the page. Each changed article is checked first (``invoke check``'s rules), so
the terminal says what to fix even when the page builds. A failed build is reported and
the previous site stays up until the next save.

Watching uses watchfiles (already installed with Pelican), so nothing new is needed.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchfiles import watch

from .check import ARTICLES, check_files


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without logging every request: the terminal is for build messages."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def _relevant(path: str) -> bool:
    name = Path(path).name
    return not (name.startswith(".") or name.endswith(("~", ".tmp", ".swp")) or "__pycache__" in path)


def report(changed: Iterable[Path], root: Path = ARTICLES, say: Callable[[str], None] = print) -> int:
    """Check the changed articles and print the findings; returns the number of errors."""
    articles = [p for p in changed if p.suffix == ".md" and p.is_file() and root.resolve() in p.resolve().parents]
    if not articles:
        return 0
    findings = check_files(articles, root)
    for f in findings:
        say(str(f))
    return sum(f.error for f in findings)


def serve(output: Path, watched: Iterable[Path], rebuild: Callable[[], object], *, bind: str = "127.0.0.1",
          port: int = 8000, root: Path = ARTICLES, stop: threading.Event | None = None,
          say: Callable[[str], None] = print) -> None:
    """Build once, serve ``output`` on ``bind:port``, and rebuild on every change under ``watched``.

    Runs until interrupted (Ctrl-C) or until ``stop`` is set.
    """
    stop = stop or threading.Event()
    output.mkdir(parents=True, exist_ok=True)
    _build(rebuild, say)
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((bind, port), handler)
    thread = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    thread.start()
    host, real_port = server.server_address[:2]
    say(f"Preview at http://{host}:{real_port}/ — save a file to rebuild, Ctrl-C to stop")
    try:
        paths = [str(p) for p in watched if p.exists()]
        for changes in watch(*paths, stop_event=stop, watch_filter=lambda _change, path: _relevant(path),
                             rust_timeout=500, yield_on_timeout=False):
            changed = sorted({Path(p) for _, p in changes})
            say("changed: " + ", ".join(p.name for p in changed))
            report(changed, root, say)
            _build(rebuild, say)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _build(rebuild: Callable[[], object], say: Callable[[str], None]) -> bool:
    start = time.perf_counter()
    try:
        rebuild()
    except Exception as exc:  # a failed build must not stop the preview
        say(f"build failed ({type(exc).__name__}): fix the file and save again; the previous site is still served")
        return False
    say(f"rebuilt in {time.perf_counter() - start:.1f}s")
    return True
