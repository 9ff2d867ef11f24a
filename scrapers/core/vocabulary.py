"""The vocabulary: category keywords and tags, kept as data (``scrapers/data/vocabulary.yaml``).

In the core because the normaliser (:mod:`scrapers.enrich.classify` scores categories and
finds tags with it), the content rules (a tag outside the vocabulary is worth a warning)
and the taxonomy plugin (tag slugs) all read it. Every mistake in the file is reported as
``file:line: …`` (:mod:`scrapers.core.datafiles`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scrapers.core.article import CATEGORY_SLUGS
from scrapers.core.datafiles import load_yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "vocabulary.yaml"
DEFAULT_CATEGORY = "行业动态"


@dataclass(frozen=True)
class Vocabulary:
    min_score: float
    pattern_weight: float
    keywords: dict[str, dict[str, float]]
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    tags: dict[str, tuple[str, ...]]
    min_mentions: int
    max_tags: int
    body_only_share: float = 0.5


@lru_cache(maxsize=2)
def load_vocabulary(path: Path = DATA) -> Vocabulary:
    """The vocabulary file, checked: every mistake is reported as ``file:line: …``."""
    doc = load_yaml(path)
    cats = doc.mapping("categories", required=True)
    for name in cats:
        if name not in CATEGORY_SLUGS:
            raise doc.error(f"unknown category {name!r}; use one of {', '.join(CATEGORY_SLUGS)}", "categories", name)
    keywords: dict[str, dict[str, float]] = {}
    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    for c in cats:
        words = doc.mapping("categories", c, "keywords")
        keywords[c] = {str(k): doc.number("categories", c, "keywords", k, default=1.0) for k in words}
        patterns[c] = doc.regexes("categories", c, "title_patterns")
    tags: dict[str, tuple[str, ...]] = {}
    for tag in doc.mapping("tags"):
        tags[str(tag)] = (str(tag), *doc.strings("tags", tag))
    return Vocabulary(
        min_score=doc.number("min_score", default=4),
        pattern_weight=doc.number("pattern_weight", default=50),
        keywords=keywords,
        patterns=patterns,
        tags=tags,
        min_mentions=int(doc.number("min_mentions", default=1, minimum=1)),
        max_tags=int(doc.number("max_tags", default=6, minimum=1)),
        body_only_share=doc.number("body_only_share", default=0.5),
    )
