"""The one content reader: Markdown in, sanitised HTML out; no other format is read.

Why a reader of our own instead of Pelican's Markdown and reStructuredText readers:

- **No escape hatch from content.** reStructuredText's ``include`` directive copies any
  file of the build machine into the site and its ``raw`` directive passes ``<script>``;
  Pelican's HTML reader takes ``save_as`` from a ``<meta>``. Only Markdown is read here,
  and :func:`register` switches every other reader off (a ``.rst`` or ``.html`` file in
  ``content/`` is reported by the validate plugin instead of being built).
- **Raw HTML stays text.** Articles come from hostile press pages. The body is rendered by
  markdown-it-py with HTML disabled, so ``<script>`` in a paragraph is shown, not run;
  then the HTML we produced passes an allow-list sanitiser (nh3) anyway, so a renderer
  bug cannot put live markup on a page or in a feed. Only ``http``/``https`` and
  site-relative URLs survive in links and images, with any ``user:pass@`` removed.
- **Linear time.** Python-Markdown is quadratic on runs of ``[`` (200 KB of ``检[1]``
  took 52 s); markdown-it-py renders that in a quarter of a second.
- **No surprise syntax.** Indented code blocks are off (a paragraph indented by four
  spaces stays a paragraph), and there are no definition lists (``: `` at the start of a
  line is text), no attribute lists and no Markdown-in-HTML.
- **Plain-text metadata.** Title, source, authors and the other fields are text; the theme
  renders them with Jinja autoescape. ``Summary`` (Pelican's one formatted field) is
  rendered with the same renderer and sanitiser as the body.

Metadata is the block of ``Key: value`` lines before the first blank line (the format of
:mod:`scrapers.core.article`, which the validate plugin checks strictly for articles). Fields
that would change where a page is written or how (``save_as``, ``url``, ``template``) are
honoured only on pages (``content/pages/``), and only as a file name at the top of the
site and a template of the theme; on articles they are dropped with a warning.

Settings: ``READER_ALLOWED_TEMPLATES`` (page templates a page may name; default
``("page", "404")``).
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
import stat
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import nh3
from markdown_it import MarkdownIt
from pelican import signals
from pelican.generators import Generator
from pelican.readers import BaseReader
from pelican.utils import pelican_open

from scrapers.core.article import FIELDS

logger = logging.getLogger(__name__)

#: Elements the renderer produces (CommonMark plus tables); everything else is removed.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "del",
        "code",
        "pre",
        "a",
        "img",
        "sup",
        "sub",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES: frozenset[str] = frozenset({"http", "https"})
URL_ATTRIBUTES: frozenset[str] = frozenset({"href", "src"})
#: Pelican's intra-site link forms: {filename}x.md, {static}/x.png, {attach}, {index}, {tag}…
_INTRASITE = re.compile(r"^\{(?:filename|static|attach|index|tag|category|author)\}")
_META_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")
_SAVE_AS = re.compile(r"^[A-Za-z0-9_-]+\.html$")
#: Metadata holding URLs of other sites (Pelican's lower-case names), each with "one URL only":
#: read from the article model's own field declarations, never listed twice.
URL_FIELDS: dict[str, bool] = {f.key.lower(): f.kind == "url" for f in FIELDS if f.kind in ("url", "urls")}
#: Metadata that decides where or how Pelican writes a page.
OUTPUT_FIELDS: frozenset[str] = frozenset({"save_as", "url", "template"})
DEFAULT_TEMPLATES: tuple[str, ...] = ("page", "404")
#: Formats Pelican could read but this site does not: reported, never built.
FOREIGN_FORMATS: frozenset[str] = frozenset(
    {"rst", "html", "htm", "txt", "ipynb", "org", "asciidoc", "adoc", "markdown", "mkd", "mdown"}
)


def safe_url(value: str) -> str | None:
    """The URL if it may appear in a link or image of the site, else ``None``.

    Allowed: ``http``/``https`` (with any ``user:pass@`` removed), paths within the site
    (``/x``, ``x/y``, ``#frag``, ``?q``) and Pelican's ``{filename}``-style placeholders, as
    long as they do not climb out of the content folder. Everything with another scheme
    (``javascript:``, ``data:``, ``file:``, ``vbscript:``…) is refused, including schemes
    hidden by case, whitespace or control characters, which browsers ignore.
    """
    url = "".join(ch for ch in value if ch > " " and ch != "\x7f")
    if not url:
        return None
    if _INTRASITE.match(url):
        target = _INTRASITE.sub("", url).split("#", 1)[0].split("?", 1)[0]
        return None if ".." in target.replace("\\", "/").split("/") else url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme:
        if parts.scheme.lower() not in URL_SCHEMES or not parts.hostname:
            return None
    elif url.startswith("//"):
        if not parts.hostname:
            return None
    elif ":" in url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return None  # "javascript&colon;…" decoded, or a scheme urlsplit did not see
    if parts.username is not None or parts.password is not None:
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = host + (f":{parts.port}" if parts.port else "")
        url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return url


def external_url(value: str) -> str | None:
    """An absolute ``http``/``https`` URL without ``user:pass@``, or ``None``.

    For the metadata fields that name another site (``Source_URL``, ``Mirrors``): there a
    relative path or a placeholder means nothing, and any other scheme is an attack.
    """
    url = safe_url(value)
    if url is None or not url.lower().startswith(("http://", "https://")):
        return None
    return url


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES:
        return safe_url(value)
    return value


def sanitise(html: str) -> str:
    """Allow-list sanitising of HTML we rendered: only our tags, attributes and URLs."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_attribute_filter,
        link_rel=None,
        strip_comments=True,
    )


def make_renderer() -> MarkdownIt:
    """CommonMark with tables; raw HTML, indented code and link auto-detection off."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("code")
    default_normalize = md.normalizeLink

    def normalize_link(url: str) -> str:
        # Keep Pelican's {filename} placeholders intact (markdown-it would percent-encode the
        # braces and Pelican would no longer find them).
        match = _INTRASITE.match(url)
        if match:
            return match.group(0) + default_normalize(url[match.end() :])
        return default_normalize(url)

    md.normalizeLink = normalize_link  # type: ignore[method-assign]
    return md


_RENDERER = make_renderer()


def render(markdown: str) -> str:
    """Markdown text → sanitised HTML (blocks joined by newlines, none at the end)."""
    return sanitise(_RENDERER.render(markdown)).rstrip("\n")


def split_metadata(text: str) -> tuple[list[tuple[str, str, int]], str]:
    """``(key, value, line)`` triples of the metadata block, and the body after it.

    The block is the run of ``Key: value`` lines at the top of the file, ended by the first
    blank line; an indented line continues the previous value (as in Python-Markdown's meta
    extension). A file that does not start with a ``Key:`` line has no metadata.
    """
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    fields: list[tuple[str, str, int]] = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        if not line.strip():
            i += 1
            break
        match = _META_LINE.match(line)
        if match:
            fields.append((match.group(1), match.group(2).strip(), i + 1))
        elif fields and line[:1] in (" ", "\t"):
            key, value, at = fields[-1]
            fields[-1] = (key, f"{value} {line.strip()}".strip(), at)
        else:
            if not fields:
                return [], text
            break
        i += 1
    return fields, "\n".join(lines[i:])


class SafeMarkdownReader(BaseReader):
    """Pelican reader for ``.md`` files: markdown-it-py, then nh3; metadata as plain text."""

    enabled = True
    #: ``.md`` only: the content check and the validate plugin look at ``.md`` files, so a
    #: ``.markdown`` file would be built unchecked; it is reported instead.
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        with pelican_open(source_path) as text:
            fields, body = split_metadata(text)
        is_page = _is_page(source_path, self.settings)
        formatted = {f.lower() for f in self.settings.get("FORMATTED_FIELDS", ["summary"])}
        metadata: dict[str, Any] = {}
        for key, value, line in fields:
            name = key.lower()
            if name in OUTPUT_FIELDS and not self._output_field_ok(name, value, is_page):
                logger.warning("%s:%d: %s: %r is not allowed here; ignored", source_path, line, key, value)
                continue
            if name in metadata:
                logger.warning("%s:%d: %s is given twice; the first one is used", source_path, line, key)
                continue
            if name in URL_FIELDS:
                value = self._clean_urls(source_path, line, key, value, single=URL_FIELDS[name])
                if not value:
                    continue
            if name in formatted:
                metadata[name] = self.process_metadata(name, render(value))
            else:
                metadata[name] = self.process_metadata(name, value)
        return render(body), metadata

    @staticmethod
    def _clean_urls(source_path: str, line: int, key: str, value: str, single: bool) -> str:
        """Only http(s) URLs, credentials removed; anything else dropped with a warning."""
        kept = []
        for part in [value] if single else value.split(","):
            part = part.strip()
            if not part:
                continue
            url = external_url(part)
            if url is None:
                logger.warning("%s:%d: %s: %r is not an http(s) URL; left out", source_path, line, key, part)
            else:
                kept.append(url)
        return ", ".join(kept)

    def _output_field_ok(self, name: str, value: str, is_page: bool) -> bool:
        if not is_page:
            return False
        if name in ("save_as", "url"):
            return bool(_SAVE_AS.match(value))
        allowed = self.settings.get("READER_ALLOWED_TEMPLATES", DEFAULT_TEMPLATES)
        return value in allowed


def _is_page(source_path: str, settings: dict[str, Any]) -> bool:
    rel = os.path.relpath(source_path, settings.get("PATH", "."))
    first = rel.replace("\\", "/").split("/", 1)[0]
    return first in [p.strip("/").split("/", 1)[0] for p in settings.get("PAGE_PATHS", ["pages"])]


def use_only_markdown(readers: Any) -> None:
    """Replace the Markdown reader with ours and switch every other reader off.

    Only the ``static`` pseudo-format (Pelican reads static files through it) is kept.
    """
    for ext in list(readers.reader_classes):
        if ext != "static":
            readers.reader_classes[ext] = None
    for ext in SafeMarkdownReader.file_extensions:
        readers.reader_classes[ext] = SafeMarkdownReader


def _skip_reason(full: str) -> str:
    """Why a file in the content folder is not read, or "" when it may be."""
    try:
        info = os.lstat(full)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return "a symbolic link (content must be plain files in the repository)"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    return ""


def safe_get_files(self: Generator, paths: Any, exclude: list[str] | None = None, extensions: Any = None) -> set[str]:
    """Pelican's ``Generator.get_files`` without following links or opening special files.

    Pelican walks the content folder following symbolic links and opens whatever matches:
    a broken link or an editor's lock file (``.#x.md``, a dangling link) crashes the build,
    a link loop walks for ever, a FIFO hangs it, and a link to ``../../.git/config`` named
    ``x.md`` would put that file on the site. Here only plain files are taken; links and
    special files are skipped with a warning naming them, and so are files of a format
    nobody reads (``.rst``, ``.html``): they would otherwise vanish without a word.
    """
    if isinstance(paths, str):
        paths = [paths]
    excluded = {os.path.normpath(os.path.join(self.path, e)) for e in exclude or []}
    ignores = self.settings["IGNORE_FILES"]
    if extensions is None:
        extensions = tuple(self.readers.extensions)

    def ignored(name: str) -> bool:
        return any(fnmatch.fnmatch(name, pattern) for pattern in ignores)

    files: set[str] = set()
    for path in paths:
        root = os.path.join(self.path, path) if path else self.path
        if os.path.islink(root):
            logger.warning("%s: not read: %s", root, _skip_reason(root))
            continue
        if os.path.isdir(root):
            for dirpath, dirs, names in os.walk(root, topdown=True, followlinks=False):
                for d in list(dirs):
                    full = os.path.join(dirpath, d)
                    if os.path.normpath(full) in excluded or ignored(d):
                        dirs.remove(d)
                    elif os.path.islink(full):
                        logger.warning("%s: not read: %s", full, _skip_reason(full))
                        dirs.remove(d)
                for name in names:
                    full = os.path.join(dirpath, name)
                    if ignored(name):
                        continue
                    _consider(self, full, os.path.relpath(full, self.path), extensions, files)
        elif os.path.lexists(root) and not ignored(os.path.basename(root)):
            _consider(self, root, path, extensions, files)
    return files


def _consider(generator: Generator, full: str, rel: str, extensions: Any, files: set[str]) -> None:
    ext = os.path.splitext(full)[1][1:]
    if extensions is not False and ext not in extensions:
        if ext.lower() in FOREIGN_FORMATS and _in_content_paths(generator, rel):
            logger.warning("%s: not read: only Markdown (.md) files are built; convert it or remove it", full)
        return
    reason = _skip_reason(full)
    if reason:
        logger.warning("%s: not read: %s", full, reason)
        return
    files.add(rel)


def _in_content_paths(generator: Generator, rel: str) -> bool:
    settings = generator.settings
    tops = [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]
    rel = rel.replace("\\", "/")
    return any(rel == t or rel.startswith(t.rstrip("/") + "/") for t in tops if t)


def register() -> None:
    signals.readers_init.connect(use_only_markdown)
    Generator.get_files = safe_get_files  # type: ignore[method-assign]
