"""Settings for the published site: absolute URLs, feeds and discovery files on top of pelicanconf.

With an absolute SITEURL the seo plugin also writes sitemap.xml and robots.txt and the
theme adds canonical links and Open Graph tags.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://example.github.io/tic-news-archive").rstrip("/")
RELATIVE_URLS = False
# Mainland hosting needs the ICP filing number in the footer (empty: no line).
ICP_BEIAN = os.environ.get("ICP_BEIAN", "").strip()

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TERM_FEED_ATOM = {"region": "feeds/region/{slug}.atom.xml"}
FEED_ALL_JSON = "feeds/all.json"

DELETE_OUTPUT_DIRECTORY = True

# Drafts and scheduled articles before their time never reach the published site, whatever
# the environment says (plugins.validate skips them; nowhere to write them either).
SHOW_DRAFTS = False
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
