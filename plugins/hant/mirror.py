"""A Simplified page's Traditional copy, made from its rendered HTML (no second render).

Kept free of Pelican's signals so it can be tested on strings. One :class:`Mirror` per
build knows where each page's copy lives (:meth:`Mirror.hant_url`) and turns a written
Simplified page into its copy (:meth:`Mirror.page`):

1. the 简体/繁體 switch (``base.html``) is swapped: 繁體 becomes the current option and
   简体 a link back to the Simplified page;
2. every site-internal URL is rewritten: links to pages (``href``, ``action``, the
   canonical ``<link>``, ``og:url`` and the page-URL data attributes of the pagination jump
   box and the search page) go to their Traditional copies, so a reader who chose 繁體 stays
   in it with no redirect; every other URL (stylesheet, scripts, images, feeds, the search
   index) keeps its target and is only re-based, since the copy may sit at another depth
   (relative URLs). A URL preceded by ``hreflang="zh-Hans"`` (the alternate link, the
   switch's 简体 link) keeps pointing at the Simplified page;
3. ``lang``, ``og:locale`` and the JSON-LD ``inLanguage`` and URL say Traditional;
4. the text is converted with OpenCC piece by piece (:func:`piecewise`).

Where copies live: an article's at ``HANT_URL`` (``articles/<slug>/zh-hant/``, the URL
these copies have had since the first release), every other page's under ``HANT_PREFIX``
(``zh-hant/``: ``zh-hant/``, ``zh-hant/category/policy/page/2/``, ``zh-hant/search/``).
The mapping depends only on the URL, so a page's copy is a function of its Simplified
bytes (what lets the incremental build skip copies of unchanged pages).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable

from pelican.utils import get_relative_path, path_to_url

#: Splits HTML into text and tags (the tags kept, at odd positions).
_TAGS = re.compile(r"(<[^>]*>)")

#: The switch as ``base.html`` renders it on a Simplified page (one line, attributes in
#: this order), and what the Traditional copy shows instead.
SWITCH_HANS = re.compile(
    r'<span class="script-switch__option is-current" aria-current="true">简体</span>'
    r'<a class="script-switch__option" hreflang="zh-Hant" lang="zh-Hant" href="[^"]*" data-script="hant">繁體</a>'
)
SWITCH_HANT = (
    '<a class="script-switch__option" hreflang="zh-Hans" href="{href}" lang="zh-Hans" data-script="hans">简体</a>'
    '<span class="script-switch__option is-current" aria-current="true">繁體</span>'
)
#: Before a URL attribute, marks a link that stays on the Simplified page (alternate, switch).
_HANS_MARK = ' hreflang="zh-Hans"'
#: Attributes whose URL, when it names a page, is sent to the page's Traditional copy.
PAGE_ATTRS = frozenset({"href", "action", "content", "value", "data-first", "data-pattern", "data-categories"})


class Pieces:
    """OpenCC applied piece by piece, each distinct piece converted once per build.

    A page is cut at its tags: converting the pieces equals converting the page for
    OpenCC, since no phrase of its dictionaries holds ``<`` or ``>`` (a phrase never spans
    a tag). ASCII pieces (most tags, URLs, markup) are left as they are, as OpenCC leaves
    ASCII alone. One memory of pieces serves every page of a build (navigation, footer and
    titles repeat on thousands of pages) and the search index's texts (:meth:`text`: the
    paragraphs of an article are mostly the text pieces of its page, converted already).
    """

    #: pieces remembered before the memory starts again: the shared ones (navigation, footer)
    #: are met again at once, while an archive's article texts would otherwise all stay
    #: (about 7 KB an article in each rendering process at 100,000 articles)
    LIMIT = 200_000

    def __init__(self, convert: Callable[[str], str]) -> None:
        self._convert = convert
        self.seen: dict[str, str] = {}

    def piece(self, piece: str) -> str:
        if piece.isascii():
            return piece
        done = self.seen.get(piece)
        if done is None:
            if len(self.seen) >= self.LIMIT:
                self.seen.clear()
            done = self.seen[piece] = self._convert(piece)
        return done

    def page(self, html: str) -> str:
        """The page converted (tags and text alike, since attributes hold text too)."""
        return "".join(map(self.piece, _TAGS.split(html)))

    def text(self, text: str) -> str:
        """Plain text converted line by line (no phrase spans a line break either)."""
        return "\n".join(map(self.piece, text.split("\n")))


def piecewise(convert: Callable[[str], str]) -> Callable[[str], str]:
    """``convert`` applied to a page piece by piece (:class:`Pieces`), equal to ``convert(html)``."""
    return Pieces(convert).page


def page_url(save_as: str) -> str:
    """Output path → URL path (``a/b/index.html`` → ``a/b/``, ``index.html`` → ``""``)."""
    return save_as[: -len("index.html")] if save_as == "index.html" or save_as.endswith("/index.html") else save_as


class Mirror:
    """Where Traditional copies live, and how a Simplified page becomes one.

    ``articles`` maps each article's URL to its copy's URL; ``prefix`` is where every other
    page's copy lives; ``exclude`` holds glob patterns of output paths that get no copy
    (and that links keep pointing at as they are: the 404 page). ``siteurl`` and
    ``relative`` are Pelican's ``SITEURL`` and ``RELATIVE_URLS``.
    """

    def __init__(
        self,
        convert: Callable[[str], str],
        articles: dict[str, str],
        prefix: str = "zh-hant/",
        siteurl: str = "",
        relative: bool = True,
        exclude: Iterable[str] = ("404.html",),
    ) -> None:
        if not prefix.endswith("/") or prefix.startswith("/"):
            raise ValueError(f"HANT_PREFIX must be a relative folder ending with '/': {prefix!r}")
        self.pieces = Pieces(convert)
        self.articles = dict(articles)
        self.copies = frozenset(self.articles.values())
        self.prefix = prefix
        self.siteurl = siteurl.rstrip("/")
        self.relative = relative
        self.exclude = tuple(exclude)
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._links: dict[tuple[str, str, bool, str, str], str] = {}

    # ------------------------------------------------------------------ where copies live

    def is_copy(self, url: str) -> bool:
        """Is this URL path a Traditional copy?"""
        return url.startswith(self.prefix) or url in self.copies

    def hant_url(self, url: str) -> str:
        """The Traditional copy of the page at ``url`` (a site-relative URL, with any
        ``?query`` or ``#fragment``); the URL itself when it is no page (a stylesheet, a
        feed, an image), is excluded, or is a copy already."""
        cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
        path, rest = url[:cut], url[cut:]
        found = self.articles.get(path)
        if found is not None:
            return found + rest
        if self.is_copy(path) or not (path == "" or path.endswith(("/", ".html"))):
            return url
        save_as = path + "index.html" if path == "" or path.endswith("/") else path
        if self.excluded(save_as):
            return url
        return self.prefix + url

    def excluded(self, save_as: str) -> bool:
        return any(fnmatch.fnmatchcase(save_as, p) for p in self.exclude)

    def hant_save_as(self, save_as: str) -> str | None:
        """Where the copy of the output file ``save_as`` goes; None if it gets none (not a
        directory page, excluded, or a copy itself)."""
        if not (save_as == "index.html" or save_as.endswith("/index.html")) or self.excluded(save_as):
            return None
        url = page_url(save_as)
        if self.is_copy(url):
            return None
        return self.hant_url(url) + "index.html"

    # ------------------------------------------------------------------ the copy

    def _siteurl(self, save_as: str) -> str:
        return path_to_url(get_relative_path(save_as)) if self.relative else self.siteurl

    def _pattern(self, base: str) -> re.Pattern[str]:
        found = self._patterns.get(base)
        if found is None:
            # No optional group before the attribute: the regex engine would try it at every
            # character of the page (8× slower); link() looks behind for the zh-Hans mark.
            found = self._patterns[base] = re.compile(
                r' (?P<attr>href|src|action|content|value|data-[a-z-]+)="' + re.escape(base + "/") + r'(?P<path>[^"]*)"'
            )
        return found

    def page(self, html: str, save_as: str) -> str:
        """The Traditional copy of the Simplified page ``html`` written at ``save_as``."""
        dest = self.hant_save_as(save_as)
        if dest is None:
            raise ValueError(f"{save_as}: this output file gets no Traditional copy")
        src_url = page_url(save_as)
        old, new = self._siteurl(save_as), self._siteurl(dest)
        html = SWITCH_HANS.sub(lambda _: SWITCH_HANT.format(href=f"{old}/{src_url}"), html, count=1)
        links = self._links

        def link(m: re.Match[str]) -> str:
            start = m.start()
            hans = m.string.startswith(_HANS_MARK, max(start - len(_HANS_MARK), 0), start)
            key = (old, new, hans, m.group("attr"), m.group("path"))
            done = links.get(key)
            if done is None:
                if len(links) >= Pieces.LIMIT:  # each article's own links: remembered for a while
                    links.clear()
                attr, path = key[3], key[4]
                target = path if hans or attr not in PAGE_ATTRS else self.hant_url(path)
                done = links[key] = f' {attr}="{new}/{target}"'
            return done

        html = self._pattern(old).sub(link, html)
        html = html.replace('<html lang="zh-CN">', '<html lang="zh-Hant">', 1)
        html = html.replace('<meta property="og:locale" content="zh_CN">', '<meta property="og:locale" content="zh_TW">', 1)
        html = html.replace(" data-pagefind-body", "")
        if '"inLanguage":"zh-CN"' in html:  # the article's JSON-LD: this copy's language and URL
            html = html.replace('"inLanguage":"zh-CN"', '"inLanguage":"zh-Hant"', 1)
            if not self.relative and self.siteurl:
                own, copy = f'"{self.siteurl}/{src_url}"', f'"{self.siteurl}/{page_url(dest)}"'
                html = html.replace(f'"url":{own}', f'"url":{copy}').replace(f'"@id":{own}', f'"@id":{copy}')
        return self.pieces.page(html)
