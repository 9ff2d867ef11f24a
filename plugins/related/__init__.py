"""Related and neighbouring articles on each article page.

After Pelican has read the articles, every published article gets:

- ``related_articles``: up to ``RELATED_MAX`` (5) articles sharing tags, region or city,
  preferring close dates (see :mod:`plugins.related.index`; near-linear, never all pairs);
- ``prev_article_in_category`` / ``next_article_in_category``: the older and newer
  article in its category (None at either end).

Settings: ``RELATED_MAX`` (default 5), ``RELATED_WINDOW`` (default 25: neighbours in time
looked at per posting list on each side).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pelican import signals

from .index import features_of, neighbours, related


def attach(generator: Any) -> None:
    articles = list(generator.articles)
    settings = generator.settings
    limit = int(settings.get("RELATED_MAX", 5))
    window = int(settings.get("RELATED_WINDOW", 25))
    picks = related([features_of(a) for a in articles], limit=limit, window=window)
    for article, chosen in zip(articles, picks, strict=True):
        article.related_articles = [articles[j] for j in chosen]
    by_category: dict[Any, list[Any]] = defaultdict(list)
    for a in articles:
        by_category[getattr(a, "category", None)].append(a)
    pairs = neighbours(by_category)
    for a in articles:
        a.prev_article_in_category, a.next_article_in_category = pairs.get(id(a), (None, None))


def register() -> None:
    signals.article_generator_finalized.connect(attach)
