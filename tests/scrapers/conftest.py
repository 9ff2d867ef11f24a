"""Fixtures shared by the scraper tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.sites.server import Running, load_site, site_names


@pytest.fixture
def sites() -> Iterator[dict[str, Running]]:
    """Every fixture site served on 127.0.0.1 (port 0), stopped after the test."""
    running = {name: Running(load_site(name)) for name in site_names()}
    yield running
    for r in running.values():
        r.close()
