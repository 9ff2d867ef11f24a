"""Pelican settings for the plugin tests' small site: the real settings, a tiny pagination.

``PLUGIN_TEST_PLUGINS`` (comma-separated short names, e.g. ``taxonomy,related``) picks the
plugins, so each plugin's tests can build with it alone; ``PLUGIN_TEST_SITEURL`` makes the
build absolute (feeds, sitemap, canonical links); ``PLUGIN_TEST_EXTRA`` is JSON merged into
the settings last.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from pelicanconf import *  # noqa: E402, F403

PATH = str(HERE / "content")
DEFAULT_PAGINATION = 2
_names = [n.strip() for n in os.environ.get("PLUGIN_TEST_PLUGINS", "").split(",") if n.strip()]
# The reader is the content format itself (Markdown only, sanitised), so it is always on.
PLUGINS = ["plugins.reader"] + [f"plugins.{n}" for n in _names if n != "reader"]
_site = os.environ.get("PLUGIN_TEST_SITEURL", "")
if _site:
    SITEURL = _site.rstrip("/")
    RELATIVE_URLS = False
    FEED_DOMAIN = SITEURL
    FEED_ALL_ATOM = "feeds/all.atom.xml"
    CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
    TERM_FEED_ATOM = {"region": "feeds/region/{slug}.atom.xml"}
    FEED_ALL_JSON = "feeds/all.json"
globals().update(json.loads(os.environ.get("PLUGIN_TEST_EXTRA", "{}")))
