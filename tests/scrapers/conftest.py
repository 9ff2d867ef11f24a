"""Fixtures shared by the scraper tests.

The fetcher refuses loopback and private addresses (SSRF), and every test server listens
on 127.0.0.1, so each server a test starts is named, ``127.0.0.1:PORT`` by
``127.0.0.1:PORT``, in ``SCRAPERS_ALLOW_HOSTS`` (the narrow allowance the fetcher reads):
a redirect from it to another port or address is still refused. The variable is set
with ``monkeypatch``, so subprocesses of the test (``python -m scrapers fetch``) see it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.fixtures.sites.server import Running, Site, load_site, site_names

ALLOW_ENV = "SCRAPERS_ALLOW_HOSTS"


@pytest.fixture
def allow_hosts(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``allow_hosts("127.0.0.1:PORT", …)``: let the fetcher reach these test servers, and no other."""
    allowed: list[str] = []

    def allow(*hosts: str) -> None:
        allowed.extend(hosts)
        monkeypatch.setenv(ALLOW_ENV, ",".join(allowed))

    return allow


@pytest.fixture
def serve(allow_hosts: Callable[..., None]) -> Iterator[Callable[[Site], Running]]:
    """``serve(site)``: serve one site on 127.0.0.1 (port 0), allowed, stopped after the test."""
    started: list[Running] = []

    def start(site: Site) -> Running:
        running = Running(site)
        started.append(running)
        allow_hosts(running.host)
        return running

    yield start
    for running in started:
        running.close()


@pytest.fixture
def sites(serve: Callable[[Site], Running]) -> dict[str, Running]:
    """Every fixture site served on 127.0.0.1 (port 0), allowed, stopped after the test."""
    return {name: serve(load_site(name)) for name in site_names()}
