"""Pelican settings for local builds (relative URLs, no feeds).

The field rules (categories and their URL slugs) are declared once in
``scrapers.core.article`` and read from there, so the site, the normaliser and the
content check never disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import re  # noqa: E402

from pelican.settings import DEFAULT_CONFIG  # noqa: E402
from unidecode import unidecode  # noqa: E402

from scrapers.core.article import CATEGORY_SLUGS, MEDIA_DIRS  # noqa: E402

# No site-wide AUTHOR (not even ""): Pelican would credit every article without Authors to
# it, and an empty one makes it warn about an invalid slug, which `--fatal warnings` fails on.
SITENAME = "检验检测认证新闻档案"
SITESUBTITLE = "协会动态 · 联盟合作 · 开放日 · 世界认可日 · 政策公告 · 行业动态"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Images and attachments (content/images/, content/attachments/<slug>/) are copied as they are;
# an article links them as {static}/images/x.png, which Pelican turns into the right URL in
# the preview and under the published site's path alike (`invoke check` insists on that form).
STATIC_PATHS: list[str] = list(MEDIA_DIRS)
# Status: draft, and Status: scheduled before its Date, are never built (plugins.validate
# gives them Pelican's "skip" status) unless SHOW_DRAFTS is set, as `invoke serve` does: then
# they are built here, with a mark at the top of the page, and listed nowhere.
SHOW_DRAFTS = False
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{slug}/index.html"
THEME = str(ROOT / "theme")
# Every template escapes what it prints (titles, sources, places and URLs come from scraped
# pages); only HTML the reader plugin rendered and sanitised is marked |safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
# Markdown only (plugins.reader: markdown-it-py + nh3). reStructuredText's include/raw
# directives and the HTML reader's save_as would be ways out of the content folder.
READERS = {"rst": None, "html": None, "htm": None}
# Matched against file and folder names: dot-files (editor lock files such as .#x.md, our
# .scrapers.lock), Emacs/Vim leftovers and temp files of interrupted writes are never read.
IGNORE_FILES = [".*", "#*#", "*~", "*.swp", "*.tmp"]
# Our plugins are packages of the repo (ROOT is on sys.path above), one per concern; see
# each package's docstring for its settings. validate runs first and stops a bad build.
PLUGIN_PATHS: list[str] = []
PLUGINS = [
    "plugins.reader",
    "plugins.scale",
    "plugins.validate",
    "plugins.taxonomy",
    "plugins.related",
    "plugins.hant",
    "plugins.feeds",
    "plugins.seo",
    "plugins.searchfold",
    "plugins.share",
    "plugins.documents",
    "plugins.searchindex",
    "plugins.incremental",
]

TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
LOCALE = ("C.UTF-8",)
# One date format on every page (lists, articles, feeds' HTML): 2024-06-07.
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
# The ICP filing number (e.g. "浙ICP备12345678号-1") shown in the footer, linking to the
# MIIT record site, as mainland hosting requires; empty: no line. Set it in publishconf.py
# or the ICP_BEIAN environment variable of the publish workflow.
ICP_BEIAN = ""
DEFAULT_PAGINATION = 20
# The home page shows the latest items and a section per category, not every article
# (the archive pages do that), so only term lists are paginated.
PAGINATED_TEMPLATES = {"category": None, "tag": None, "term": None}
DEFAULT_METADATA: dict[str, str] = {}

# Stable ASCII URLs: articles by their Slug (date + short id, never the title),
# categories by the fixed English slugs, tags by their pinyin (unidecode).
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# Pelican transliterates a name (unidecode) before applying these, so the six categories
# are matched in their pinyin form; the default rules still apply to anything else.
CATEGORY_REGEX_SUBSTITUTIONS = [
    (rf"(?u)\A\s*{re.escape(unidecode(name).strip())}\s*\Z", slug) for name, slug in CATEGORY_SLUGS.items()
] + list(DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
CATEGORIES_URL = "category/"
CATEGORIES_SAVE_AS = "category/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# Reporters are listed on the article page; no per-author pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "search"]
INDEX_URL = ""
INDEX_SAVE_AS = "index.html"
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Region, city, source, year and month pages (plugins.taxonomy); years and months live
# under archives/. Pelican's own period archives stay off.
TAXONOMY_URLS: dict[str, dict[str, str]] = {}

# The region index lists provinces in administrative order, grouped by the six large
# administrative regions (as 国家统计局 lists them), with a jump list; 全国 comes first.
REGION_GROUPS = [
    ("全国", ["全国"]),
    ("华北", ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区"]),
    ("东北", ["辽宁省", "吉林省", "黑龙江省"]),
    ("华东", ["上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省"]),
    ("中南", ["河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省"]),
    ("西南", ["重庆市", "四川省", "贵州省", "云南省", "西藏自治区"]),
    ("西北", ["陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区"]),
    ("港澳台", ["香港特别行政区", "澳门特别行政区", "台湾省"]),
]

# Related articles and the Traditional copies (plugins.related, plugins.hant).
RELATED_MAX = 5
HANT_ENABLED = True
HANT_OPENCC_CONFIG = "s2tw"

# Feeds need absolute URLs: switched on in publishconf.py only.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TERM_FEED_ATOM: dict[str, str] = {}
FEED_ALL_JSON = None
FEED_MAX_ITEMS = 50
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Builds are incremental (plugins.incremental): Pelican's reader cache, keyed by a SHA-256 of
# each file, and a record of what every page read, in .cache/pelican/ next to the output
# folder (or --cache-path). `invoke build --clean` builds from nothing.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "sha256"
CONTENT_CACHING_LAYER = "reader"
GZIP_CACHE = False
