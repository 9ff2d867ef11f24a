"""The normaliser's one call for document and event fields (:mod:`.document`, :mod:`.events`).

Kept apart from :mod:`scrapers.assemble` so that the pipeline needs one line for it: a
policy notice (政策公告) gets its 文号, issuer, dates, attachments and what it replaces; an
item about an open day, a World Accreditation Day activity or an association's congress,
or any item whose title announces one, gets its event's date, end and place.
"""

from __future__ import annotations

import re
from dataclasses import replace

from scrapers.core.article import Article
from scrapers.enrich import document, events

#: Categories whose items are about events as a rule.
EVENT_CATEGORIES = frozenset({"开放日", "世界认可日", "协会动态", "联盟合作"})
#: A title that announces or reports an event in any category.
_EVENT_TITLE = re.compile(r"(?:举办|举行|召开|开展|启动|开幕|邀请|报名|开放日|认可日|大会|年会|论坛|研讨会|培训班)")


def add_structure(article: Article, body: list[str]) -> Article:
    """``article`` with the document and event fields its text gives (``body``: plain paragraphs)."""
    changes: dict[str, object] = {}
    if article.category == "政策公告":
        doc = document.extract(article.title, body)
        changes.update(
            doc_number=doc.doc_number,
            issuer=doc.issuer,
            issued=doc.issued,
            effective=doc.effective,
            attachments=doc.attachments,
            replaces=doc.replaces,
        )
    if article.category in EVENT_CATEGORIES or _EVENT_TITLE.search(article.title):
        found = events.extract(article.title, body, article.date)
        if found is not None:
            changes.update(event_date=found.date, event_end=found.end, event_place=found.place)
    return replace(article, **changes) if changes else article  # type: ignore[arg-type]
