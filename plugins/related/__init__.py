"""Related and neighbouring articles on each article page.

After Pelican has read the articles, every published article gets:

- ``related_articles``: first the other reports of the same event (``Related:`` slugs the
  importer records, shown on both pages), then up to ``RELATED_MAX`` (5) articles sharing
  tags, region or city, preferring close dates (see :mod:`plugins.related.index`;
  near-linear, never all pairs);
- ``same_event_articles``: the other reports of the same event alone;
- ``prev_article_in_category`` / ``next_article_in_category``: the older and newer
  article in its category (None at either end).

Settings: ``RELATED_MAX`` (default 5), ``RELATED_WINDOW`` (default 25: neighbours in time
looked at per posting list on each side).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from pelican import signals

from .index import features_of, first_then, neighbours, related, same_event_links


def attach(generator: Any) -> None:
    articles = list(generator.articles)
    settings = generator.settings
    limit = int(settings.get("RELATED_MAX", 5))
    window = int(settings.get("RELATED_WINDOW", 25))
    picks = related([features_of(a) for a in articles], limit=limit, window=window)
    links = same_event_links([str(getattr(a, "slug", "")) for a in articles], [_declared(a) for a in articles])
    for article, chosen, linked in zip(articles, picks, links, strict=True):
        article.same_event_articles = [articles[j] for j in linked]
        article.related_articles = [articles[j] for j in first_then(linked, chosen, limit)]
    by_category: dict[Any, list[Any]] = defaultdict(list)
    for a in articles:
        by_category[getattr(a, "category", None)].append(a)
    pairs = neighbours(by_category)
    for a in articles:
        a.prev_article_in_category, a.next_article_in_category = pairs.get(id(a), (None, None))


def _declared(article: Any) -> list[str]:
    """The ``Related:`` slugs of an article (Pelican gives the line as one string)."""
    value = getattr(article, "related", "") or ""
    names = value if isinstance(value, (list, tuple)) else re.split(r"[,，、;；\s]+", str(value))
    return [str(n).strip() for n in names if str(n).strip()]


def register() -> None:
    signals.article_generator_finalized.connect(attach)
