"""Pelican's own steps that grow faster than the archive, made linear.

Profiled at 100,000 articles (py-spy over a cold build, README "Build benchmark"), Pelican
4.12 spent 170 of the main process's 366 seconds in one line of
:func:`pelican.utils.process_translations`: ``[x for x in content_list if x not in index]``
tests membership in a *list* for every article, so reading grows with the square of the
archive (1.7 s at 10,000 articles, 170 s at 100,000). :func:`process_translations` here is
the same function with that membership test made by identity in a set (Pelican's
``Content`` defines no ``__eq__``, so ``in`` compared identities anyway): same originals,
same translations, same order, same warnings; ``tests/plugins/scale`` compares the two on
lists with translations, hidden duplicates and shuffled input.

The generators module imported the function by name, so that name is the one replaced, when
the plugin registers (before any generator runs).

Reading is also spread over the cores: :mod:`plugins.scale.reading` renders the article
files' Markdown in forked workers when reading starts and hands Pelican its own reader
cache filled (the objects are still built in order, in the main process).
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import groupby
from operator import attrgetter
from typing import Any

import pelican.generators
from pelican import signals
from pelican.utils import get_original_items

from .reading import on_preread

#: Pelican's function, kept for the equivalence test and for unregistering.
ORIGINAL = pelican.generators.process_translations


def process_translations(
    content_list: list[Any], translation_id: str | Collection[str] | None = None
) -> tuple[list[Any], list[Any]]:
    """:func:`pelican.utils.process_translations` (4.12) in linear time.

    Line for line Pelican's code, but the last step looks each item up in a set of the
    originals' ids instead of scanning the list of originals.
    """
    if not translation_id:
        return content_list, []
    if isinstance(translation_id, str):
        translation_id = {translation_id}
    index: list[Any] = []
    try:
        content_list.sort(key=attrgetter(*translation_id))
    except TypeError:
        raise TypeError(
            f"Cannot unpack {translation_id}, 'translation_id' must be falsy, a string or a collection of strings"
        ) from None
    except AttributeError:
        raise AttributeError(
            f"Cannot use {translation_id} as 'translation_id', there appear to be items without these metadata attributes"
        ) from None
    for id_vals, group in groupby(content_list, attrgetter(*translation_id)):
        id_vals = (id_vals,) if len(translation_id) == 1 else id_vals
        with_str = "with" + ", ".join([' {} "{{}}"'] * len(translation_id)).format(*translation_id).format(*id_vals)
        items = list(group)
        index.extend(get_original_items(items, with_str))
        for a in items:
            a.translations = [x for x in items if x is not a]
    originals = {id(x) for x in index}
    return index, [x for x in content_list if id(x) not in originals]


def register() -> None:
    pelican.generators.process_translations = process_translations
    signals.article_generator_preread.connect(on_preread)
