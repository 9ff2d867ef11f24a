"""Preview while editing: serve the built site on localhost and rebuild when a file changes.

``invoke serve`` calls :func:`serve` with its own build step (Pelican with
``SHOW_DRAFTS``, so drafts and not-yet-due scheduled articles are built too, each with a
mark, at the addresses printed after every build). An editor saves an article, waits for
"rebuilt", and reloads the page. Each changed article is checked first (``invoke
check``'s rules), so the terminal says what to fix even when the page builds. A failed
build prints the check's one-line findings (no traceback), and the previous site stays up
until the next save.

The port is taken before the first build: when another preview already serves on it,
nothing is built (the running preview's ``output/`` is left alone) and the message says
which ``--port`` to use instead.

Watching uses watchfiles (already installed with Pelican), so nothing new is needed.
"""

from __future__ import annotations

import errno
import functools
import http.server
import socket
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchfiles import watch

from scrapers.core.rules import ARTICLES, check_files


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without logging every request: the terminal is for build messages."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class PortTaken(OSError):
    """The preview's port is in use (another preview?); the message says what to do."""


def _taken(bind: str, port: int, exc: OSError) -> PortTaken:
    if exc.errno == errno.EADDRINUSE:
        return PortTaken(f"port {port} on {bind} is already in use (another `invoke serve` still running?): stop "
                         f"that one with Ctrl-C, or use another port: invoke serve --port {port + 1}")
    return PortTaken(f"cannot serve on {bind}:{port}: {exc.strerror}")


def free_port_or_say(bind: str, port: int) -> None:
    """Raise :class:`PortTaken` when ``bind:port`` cannot be served on (checked before anything is built)."""
    if port == 0:
        return
    with socket.socket(socket.AF_INET6 if ":" in bind else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as http.server does: TIME_WAIT is fine
        try:
            probe.bind((bind, port))
        except OSError as exc:
            raise _taken(bind, port, exc) from None


def drafts_built(output: Path, base: str) -> list[str]:
    """Addresses of the drafts in a preview build (they are listed on no page of the site)."""
    return [f"{base}drafts/{p.parent.name}/" for p in sorted((output / "drafts").glob("*/index.html"))]


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
    handler = functools.partial(_QuietHandler, directory=str(output))
    try:  # the port first: a second preview must not rebuild the first one's output and then fail
        server = http.server.ThreadingHTTPServer((bind, port), handler)
    except OSError as exc:
        raise _taken(bind, port, exc) from None
    host, real_port = server.server_address[:2]
    base = f"http://{host}:{real_port}/"
    if _build(rebuild, say):
        _say_drafts(output, base, say)
    thread = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    thread.start()
    say(f"Preview at {base} — save a file to rebuild, Ctrl-C to stop")
    try:
        paths = [str(p) for p in watched if p.exists()]
        for changes in watch(*paths, stop_event=stop, watch_filter=lambda _change, path: _relevant(path),
                             rust_timeout=500, yield_on_timeout=False):
            changed = sorted({Path(p) for _, p in changes})
            say("changed: " + ", ".join(p.name for p in changed))
            report(changed, root, say)
            if _build(rebuild, say):
                _say_drafts(output, base, say)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _say_drafts(output: Path, base: str, say: Callable[[str], None]) -> None:
    for url in drafts_built(output, base):
        say(f"draft (not published): {url}")


def _build(rebuild: Callable[[], object], say: Callable[[str], None]) -> bool:
    start = time.perf_counter()
    try:
        rebuild()
    except (Exception, SystemExit):  # a failed build must not stop the preview (Invoke's Exit is an Exception)
        say("build failed: fix what is printed above and save again; the previous site is still served")
        return False
    say(f"rebuilt in {time.perf_counter() - start:.1f}s")
    return True
