"""``invoke find 标题关键词``: which file holds the article an editor has in mind.

Files are named after their slug (``2023-01-18-519e2677.md``), never after their title, so
an editor who wants to correct "the article about the 杭州 促进会" needs a way from the
title to the file. Every word given must occur in the title, the source URL or the slug
(Simplified or Traditional, any case); the newest matches come first, one line each:
``path  date  title``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from scrapers.core.article import ArticleFormatError, iter_article_files, parse
from scrapers.core.rules import ARTICLES, display_path


@dataclass(frozen=True)
class Match:
    path: Path
    date: str
    title: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}  {self.date[:10]}  {self.title}"


def _fold(text: str) -> str:
    """Lower case, Simplified: 檢驗 and 检验, ABC and abc match alike."""
    from scrapers.normalise.script import _converter

    return _converter("t2s").convert(text).lower()


def find(words: list[str], root: Path = ARTICLES) -> list[Match]:
    """Articles under ``root`` whose title, source URL or slug contains every word, newest first."""
    wanted = [_fold(w) for w in words if w.strip()]
    found = []
    for path in iter_article_files(root):
        try:
            a = parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ArticleFormatError):
            text = path.name  # a broken file is still findable by its name
            a = None
        else:
            text = " ".join((a.title, a.source_url, a.slug, path.name))
        haystack = _fold(text)
        if all(w in haystack for w in wanted):
            found.append(Match(path, a.date if a else "", a.title if a else "(cannot be read: run invoke check)"))
    return sorted(found, key=lambda m: (m.date, str(m.path)), reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.editors.find", description=__doc__.split("\n\n")[0])
    parser.add_argument("words", nargs="+", help="words of the title (or of the source URL, or the slug)")
    parser.add_argument("--root", default=str(ARTICLES), help="the articles directory (default content/articles/)")
    args = parser.parse_args(argv)
    matches = find(args.words, Path(args.root))
    for m in matches:
        print(m)
    if not matches:
        print(f"no article's title contains {' '.join(args.words)!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
