"""Item links on an HTML list page (kept for its callers; the list shapes live in ``scrapers.lists``)."""

from .lists.common import Link
from .lists.html import find_links

__all__ = ["Link", "find_links"]
