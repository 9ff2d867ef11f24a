"""Compiled templates kept between builds, keyed by the environment as well as the source.

Each of Pelican's generators has its own Jinja environment, and each would compile the
theme again in every build; Jinja's bytecode cache saves that. Its own key (template name
and source) is not enough: what Jinja compiles depends on the environment too. A test
such as ``'json_ld' is filter`` is decided at compile time, and so is how a filter is
called (with the context or not), so a template compiled in a build without the seo
plugin (the plugin tests build with subsets of the plugins) must not be reused by one
with it. Here the key also holds the names and calling conventions of the environment's
filters and tests, its globals and its options.
"""

from __future__ import annotations

import hashlib
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from jinja2.utils import _PassArg


def environment_key(env: Environment) -> str:
    """What, besides a template's source, decides the code Jinja compiles for it."""
    parts = [
        repr(sorted((name, str(_PassArg.from_obj(f))) for name, f in env.filters.items())),
        repr(sorted((name, str(_PassArg.from_obj(f))) for name, f in env.tests.items())),
        repr(sorted(env.globals)),
        repr(sorted(type(e).__qualname__ for e in env.extensions.values())),
        repr(
            (
                env.block_start_string,
                env.block_end_string,
                env.variable_start_string,
                env.variable_end_string,
                env.comment_start_string,
                env.comment_end_string,
                env.line_statement_prefix,
                env.line_comment_prefix,
                env.trim_blocks,
                env.lstrip_blocks,
                env.newline_sequence,
                env.keep_trailing_newline,
                env.optimized,
                bool(env.autoescape),
                getattr(env.autoescape, "__qualname__", ""),
                env.is_async,
                env.undefined.__qualname__,
            )
        ),
    ]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]


class EnvironmentBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file-system bytecode cache with the environment in the key."""

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = self.get_cache_key(f"{name}\x00{environment_key(environment)}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def __reduce__(self) -> Any:
        return (type(self), (self.directory, self.pattern))
