"""What a page read while it was rendered, and fingerprints of what it read.

A page's HTML is a function of its template files and of the values its templates read.
Templates reach Python objects in three ways, and each is recorded while a page renders:

- **names of the page context** (``article``, ``SITEURL``, ``articles_page``…), through
  :class:`TracingContext`: the value is fingerprinted at once; tracked objects inside it
  (articles, tags, terms, tracked lists) count only by their identity, a *key*;
- **attributes and items of tracked objects** (``article.title``, ``term.count``,
  ``items[0]``), through the environment's ``getattr``/``getitem`` (slices such as
  ``items[:4]``, which Jinja does not route there, by :class:`TrackedList` itself): recorded as
  ``(key, attribute)``, a *read* shared by every page that makes it, whose fingerprint
  is computed once per build;
- **what Python does with a tracked object** without an attribute lookup: ``len``,
  slices, iteration and membership of :class:`TrackedList` and of taxonomies (wrapped so they
  record ``__len__``/``__iter__``), ``str`` of tags, categories and terms (their name is
  part of their key), and custom filters called with a tracked object (recorded as a
  read of all of the object's public attributes, ``__all__``).

Tracked objects: Pelican's contents (articles, pages) and URL wrappers (tags,
categories, authors), the taxonomy plugin's terms and taxonomies, and
:class:`TrackedList`. Everything else a page reads is fingerprinted by value; a value
that cannot be fingerprinted (an object with no known form, a bound method of a tracked
object) is *volatile* and the page is rendered every time.

The next build re-evaluates every read on that build's objects; a page whose reads,
context names and template files all fingerprint the same would render to the same
bytes, so it is not rendered.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import PurePath
from typing import Any

from jinja2 import Environment, Undefined
from jinja2.runtime import Context
from pelican.contents import Content
from pelican.paginator import Page as PaginatorPage
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper

from plugins.taxonomy.terms import Taxonomy, Term

logger = logging.getLogger(__name__)

#: A fingerprint that never equals another (the value could not be fingerprinted).
VOLATILE = 0
#: Fingerprint of an object the build no longer has.
MISSING = 1
_RESERVED = 2  # real fingerprints are 64-bit integers from 2 up
#: Pelican's intra-site link placeholders: content holding one depends on other pages' URLs.
_INTRASITE = re.compile(r"[{|](?:filename|static|attach|index|tag|category|author)[}|]")
#: Content properties whose value depends on the page being written (``localsiteurl``):
#: fingerprinted from the raw text instead.
_CONTEXT_PROPERTIES = frozenset({"content", "summary"})

Read = tuple[str, Any]  # (object key, attribute / ("[]", item) / "__len__" / "__iter__" / "__all__")


class TrackedList(list):
    """A list of the build (all articles, a category's articles…) whose uses are recorded.

    Templates that only show a count (``items|length``) or the first few (``items[:4]``)
    then depend on that and not on every member, so a new article does not make every
    page that shows the category menu stale. Membership tests use a set of ids (Pelican
    asks ``article in articles`` once per article and tag).
    """

    __slots__ = ("_ids", "key")

    def __init__(self, items: Any, key: str) -> None:
        super().__init__(items)
        self.key = key
        self._ids: set[int] | None = None

    def __len__(self) -> int:
        note(self, "__len__")
        return list.__len__(self)

    def __iter__(self) -> Iterator[Any]:
        note(self, "__iter__")
        return list.__iter__(self)

    def __getitem__(self, index: Any) -> Any:
        # Jinja compiles ``items[:4]`` to a plain subscript, past the environment's getitem.
        if isinstance(index, slice):
            note(self, ("[]", ("\x00slice", index.start, index.stop, index.step)))
        else:
            note(self, ("[]", index))
        return list.__getitem__(self, index)

    def __reversed__(self) -> Iterator[Any]:
        note(self, "__iter__")
        return list.__reversed__(self)

    def __contains__(self, item: object) -> bool:
        note(self, "__iter__")
        if self._ids is None or len(self._ids) != list.__len__(self):
            self._ids = {id(x) for x in list.__iter__(self)}
        if id(item) in self._ids:
            return True
        return any(x == item for x in list.__iter__(self)) if not isinstance(item, Content) else False

    def __reduce__(self) -> Any:
        return (list, (list(list.__iter__(self)),))


class Recorder:
    """The reads of the page being rendered (``None`` between pages: nothing is recorded)."""

    reads: dict[tuple[int, Any], tuple[Any, Any]] | None = None
    roots: set[str] | None = None


RECORDER = Recorder()


def note(obj: Any, op: Any) -> None:
    """Record that the page being rendered used ``obj`` through ``op``."""
    reads = RECORDER.reads
    if reads is not None:
        reads[(id(obj), op)] = (obj, op)


_TRACKED_TYPES: dict[type, bool] = {}
TRACKED = (Content, URLWrapper, Term, Taxonomy, TrackedList)


def is_tracked(obj: Any) -> bool:
    t = type(obj)
    known = _TRACKED_TYPES.get(t)
    if known is None:
        known = _TRACKED_TYPES[t] = issubclass(t, TRACKED)
    return known


def key_of(obj: Any) -> str:
    """A tracked object's identity, the same in the next build (source file, name, kind)."""
    if isinstance(obj, Content):
        return "c:" + str(obj.source_path)
    if isinstance(obj, URLWrapper):
        return f"{type(obj).__name__}:{obj.name}\x1f{obj.slug}"
    if isinstance(obj, Term):
        return f"term:{obj.kind}:{obj.name}\x1f{obj.title}"
    if isinstance(obj, Taxonomy):
        return f"tax:{obj.kind}"
    if isinstance(obj, TrackedList):
        return obj.key
    raise TypeError(f"not a tracked object: {type(obj).__name__}")


def _wrap_dunders() -> None:
    """Record ``len(taxonomy)`` and ``for t in taxonomy`` (Taxonomy is not a list)."""
    if getattr(Taxonomy, "_incremental_wrapped", False):
        return
    orig_len, orig_iter = Taxonomy.__len__, Taxonomy.__iter__

    def __len__(self: Taxonomy) -> int:
        note(self, "__len__")
        return orig_len(self)

    def __iter__(self: Taxonomy) -> Iterator[Term]:
        note(self, "__iter__")
        return orig_iter(self)

    Taxonomy.__len__ = __len__  # type: ignore[method-assign]
    Taxonomy.__iter__ = __iter__  # type: ignore[method-assign]
    Taxonomy._incremental_wrapped = True  # type: ignore[attr-defined]


_wrap_dunders()


# ----------------------------------------------------------------------------- fingerprints


class Fingerprinter:
    """64-bit fingerprints of values for one build (containers memoised by identity)."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, int]] = {}
        self._all: dict[int, tuple[Any, int]] = {}

    def digest(self, value: Any) -> int:
        """A 64-bit fingerprint of ``value``; :data:`VOLATILE` when it has no stable form."""
        t = type(value)
        if t is str:
            return _finish(hashlib.blake2b(b"s" + value.encode("utf-8", "surrogatepass"), digest_size=8).digest())
        if value is None or t is bool or t is int:
            return _finish(hashlib.blake2b(b"n" + repr(value).encode(), digest_size=8).digest())
        container = t in _CONTAINERS or isinstance(value, (list, tuple, dict, set, frozenset))
        if container or is_tracked(value):
            hit = self._memo.get(id(value))
            if hit is not None and hit[0] is value:
                return hit[1]
        h = hashlib.blake2b(digest_size=8)
        try:
            self._feed(h, value)
        except _Volatile:
            return VOLATILE
        out = _finish(h.digest())
        if container or is_tracked(value):
            memo = self._memo
            if len(memo) > _MEMO_MAX:
                # A cache, and it holds what it fingerprinted alive: pages' own tuples and
                # lists would otherwise stay until the build ends (~30 an article).
                memo.clear()
            memo[id(value)] = (value, out)
        return out

    def _feed(self, h: Any, v: Any) -> None:
        if v is None or v is True or v is False:
            h.update(b"N" if v is None else b"T" if v else b"F")
        elif isinstance(v, str):
            b = v.encode("utf-8", "surrogatepass")
            h.update(b"s%d:" % len(b))
            h.update(b)
        elif isinstance(v, (int, float)):
            h.update(b"n" + repr(v).encode() + b";")
        elif is_tracked(v):
            k = key_of(v).encode("utf-8", "surrogatepass")
            h.update(b"k%d:" % len(k))
            h.update(k)
        elif isinstance(v, (list, tuple)):
            h.update(b"[%d:" % len(v))
            for item in list.__iter__(v) if isinstance(v, list) else v:
                self._feed(h, item)
            h.update(b"]")
        elif isinstance(v, dict):
            h.update(b"{%d:" % len(v))
            for k in sorted(v, key=repr):
                self._feed(h, k)
                self._feed(h, v[k])
            h.update(b"}")
        elif isinstance(v, (set, frozenset)):
            h.update(b"<%d:" % len(v))
            for item in sorted(v, key=repr):
                self._feed(h, item)
            h.update(b">")
        elif isinstance(v, Undefined):
            h.update(b"U")  # an attribute the object does not have (templates test for it)
        elif isinstance(v, (datetime, date, time)):
            h.update(b"d" + v.isoformat().encode() + str(getattr(v, "tzinfo", None)).encode() + b";")
        elif isinstance(v, tzinfo):
            h.update(b"z" + str(v).encode() + b";")
        elif isinstance(v, timedelta):
            h.update(b"t" + repr(v).encode())
        elif isinstance(v, PaginatorPage):
            h.update(b"P")
            self._feed(
                h,
                (
                    v.number,
                    v.paginator.num_pages,
                    v.paginator.count,
                    v.paginator.per_page,
                    v.paginator.orphans,
                    v.name,
                    v.url,
                    v.save_as,
                    list(v.object_list),
                ),
            )
        elif isinstance(v, Paginator):
            h.update(b"G")
            self._feed(h, (v.name, v.url, v.num_pages, v.count, v.per_page, v.orphans))
        elif isinstance(v, (bytes, PurePath)):
            h.update(b"b" + (bytes(v) if isinstance(v, bytes) else str(v).encode()) + b";")
        elif isinstance(v, re.Pattern):
            h.update(b"r" + repr((v.pattern, v.flags)).encode())
        elif isinstance(v, type) or (callable(v) and hasattr(v, "__qualname__") and not hasattr(v, "__self__")):
            # Functions and classes (filters in settings): their code is in the code fingerprint.
            h.update(b"f" + f"{getattr(v, '__module__', '')}.{v.__qualname__}".encode())
        else:
            raise _Volatile

    def whole(self, obj: Any) -> int:
        """Fingerprint of every public attribute of a tracked object (what a filter may read)."""
        hit = self._all.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        if isinstance(obj, (TrackedList, Taxonomy)):
            out = self.digest([*list.__iter__(obj)] if isinstance(obj, TrackedList) else list(obj.terms_by_name.values()))
        else:
            fields = {k: v for k, v in vars(obj).items() if not k.startswith("_") and k not in ("settings",)}
            if isinstance(obj, Content):
                fields["\x00content"] = raw_content(obj)
            out = self.digest(fields)
            if out == VOLATILE and logger.isEnabledFor(logging.DEBUG):
                odd = sorted(k for k, v in fields.items() if self.digest(v) == VOLATILE)
                logger.debug("incremental: %s: attributes with no stable form: %s", key_of(obj), odd)
        self._all[id(obj)] = (obj, out)
        return out


#: Entries of :attr:`Fingerprinter._memo` before it is emptied.
_MEMO_MAX = 1 << 16
_CONTAINERS = frozenset({list, tuple, dict, set, frozenset, TrackedList})


def _finish(raw: bytes) -> int:
    value = int.from_bytes(raw, "little")
    return value if value >= _RESERVED else value + _RESERVED


class _Volatile(Exception):
    """Raised inside a fingerprint when a value has no stable form."""


def raw_content(obj: Content) -> Any:
    """What a content's ``content``/``summary`` are made from; volatile with intra-site links."""
    text = getattr(obj, "_content", "") or ""
    summary = obj.metadata.get("summary") if isinstance(getattr(obj, "metadata", None), dict) else None
    if _INTRASITE.search(text) or (summary and _INTRASITE.search(str(summary))):
        return _VolatileValue()
    return (text, summary)


class _VolatileValue:
    """A value that makes any fingerprint containing it volatile."""


def evaluate(fp: Fingerprinter, env: Environment, obj: Any, op: Any) -> int:
    """The fingerprint of one read, made on an object of the current build."""
    if type(op) is str and op[:2] != "__" and op not in _CONTEXT_PROPERTIES:
        # Jinja's getattr: the attribute, else the item, else undefined (the common case first).
        try:
            value = getattr(obj, op)
        except AttributeError:
            value = env.getattr(obj, op)
        if callable(value) and getattr(value, "__self__", None) is obj:
            return VOLATILE  # a method of a tracked object: what it returns is not known here
        return fp.digest(value)
    if op == "__len__":
        return fp.digest(list.__len__(obj) if isinstance(obj, TrackedList) else len(obj.terms_by_name))
    if op == "__iter__":
        return fp.digest([*list.__iter__(obj)] if isinstance(obj, TrackedList) else obj.terms)
    if op == "__all__":
        return fp.whole(obj)
    if isinstance(op, tuple):  # ("[]", item)
        item = op[1]
        if isinstance(item, tuple) and item and item[0] == "\x00slice":
            item = slice(*item[1:])
        value = env.getitem(obj, item)
    else:
        if isinstance(obj, Content) and op in _CONTEXT_PROPERTIES:
            value = raw_content(obj)
            if isinstance(value, _VolatileValue):
                return VOLATILE
            return fp.digest(("\x00raw", op, value))
        value = env.getattr(obj, op)
    if getattr(value, "__self__", None) is obj and callable(value):
        return VOLATILE  # a method of a tracked object: what it returns is not known here
    if isinstance(value, _VolatileValue):
        return VOLATILE
    return fp.digest(value)


# ----------------------------------------------------------------------------- environment hooks


class TracingContext(Context):
    """Jinja's context, recording which names of the page context a template looked up."""

    def resolve_or_missing(self, key: str) -> Any:
        roots = RECORDER.roots
        if roots is not None and key not in self.vars:
            roots.add(key)
        return super().resolve_or_missing(key)


#: Jinja's own filters that reach objects only through the environment's getattr/getitem,
#: str(), len() or iteration, all of which are recorded. Others (custom filters, pprint,
#: tojson) get a read of all public attributes of each tracked argument.
_SAFE_FILTERS = frozenset(
    {
        "abs",
        "attr",
        "batch",
        "capitalize",
        "center",
        "count",
        "d",
        "default",
        "dictsort",
        "e",
        "escape",
        "filesizeformat",
        "first",
        "float",
        "forceescape",
        "format",
        "groupby",
        "indent",
        "int",
        "items",
        "join",
        "last",
        "length",
        "list",
        "lower",
        "map",
        "max",
        "min",
        "reject",
        "rejectattr",
        "replace",
        "reverse",
        "round",
        "safe",
        "select",
        "selectattr",
        "slice",
        "sort",
        "string",
        "striptags",
        "sum",
        "title",
        "trim",
        "truncate",
        "unique",
        "upper",
        "urlencode",
        "urlize",
        "wordcount",
        "wordwrap",
        "strftime",
    }
)


def _traced_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    def traced(*args: Any, **kwargs: Any) -> Any:
        if RECORDER.reads is not None:
            for a in (*args, *kwargs.values()):
                if is_tracked(a):
                    note(a, "__all__")
                elif isinstance(a, (list, tuple)):
                    for x in a:
                        if is_tracked(x):
                            note(x, "__all__")
        return func(*args, **kwargs)

    traced.__dict__.update(func.__dict__)  # keeps Jinja's pass_context/pass_environment marks
    traced.__name__ = getattr(func, "__name__", "filter")
    traced.__wrapped__ = func  # type: ignore[attr-defined]
    return traced


def instrument(env: Environment) -> None:
    """Make ``env`` record reads (only while a page is being rendered)."""
    if getattr(env, "_incremental", False):
        return
    base_getitem = Environment.getitem.__get__(env)
    tracked = _TRACKED_TYPES
    recorder = RECORDER

    undefined = env.undefined

    def getattr_(obj: Any, attribute: str) -> Any:
        reads = recorder.reads
        if reads is not None:
            known = tracked.get(type(obj))
            if known is None:
                known = is_tracked(obj)
            if known:
                reads[(id(obj), attribute)] = (obj, attribute)
        # Jinja's Environment.getattr, inlined: this runs for every attribute on every page.
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return undefined(obj=obj, name=attribute)

    def getitem(obj: Any, argument: Any) -> Any:
        reads = recorder.reads
        if reads is not None and is_tracked(obj):
            item = ("\x00slice", argument.start, argument.stop, argument.step) if isinstance(argument, slice) else argument
            try:
                hash(item)
            except TypeError:
                item = ("\x00unhashable", repr(item))
            op = ("[]", item)
            reads[(id(obj), op)] = (obj, op)
        return base_getitem(obj, argument)

    env.getattr = getattr_  # type: ignore[method-assign]
    env.getitem = getitem  # type: ignore[method-assign]
    env.context_class = TracingContext
    for name, func in list(env.filters.items()):
        if name not in _SAFE_FILTERS:
            env.filters[name] = _traced_filter(func)
    env._incremental = True  # type: ignore[attr-defined]
