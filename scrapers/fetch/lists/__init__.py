"""Lists of a source wherever the site keeps them: one module per shape, one reader for all.

``html`` (anchors of a page), ``jpaas`` (JPaaS unitbuild shells and their data service),
``jcms`` (Hanweb JCMS datastores and ``dataproxy.jsp`` groups), ``json`` (any JSON or
JSONP list), ``feed`` (RSS, RDF, Atom), ``sitemap`` (urlsets and sitemap indexes); the
``reader`` recognises the shape of what a list URL answers and says what it saw.
"""

from scrapers.fetch.lists.common import Link, article_like
from scrapers.fetch.lists.html import find_links
from scrapers.fetch.lists.reader import SHAPES, ListReport, detect, read_list

__all__ = ["SHAPES", "Link", "ListReport", "article_like", "detect", "find_links", "read_list"]
