"""Escape body text for Markdown so the site shows it as text, never as markup.

Scraped text can contain ``<script>``, ``<img onerror=…>`` or ``[x](javascript:…)``;
in Markdown those would become live HTML or links. ``&``, ``<`` and ``>`` become
entities and Markdown's active characters get a backslash. A line starting with ``: ``
would make the paragraph before it a definition list (``def_list``, part of ``extra``),
and ``:`` has no backslash escape there, so that colon becomes ``&#58;``. Escaping first undoes an
earlier escape, so running it on its own output changes nothing (idempotence).
"""

from __future__ import annotations

import html
import re

_ACTIVE = re.compile(r"([\\`*_\[\]|])")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])(?=\s|$)")
#: What Python-Markdown's def_list reads as a definition: up to 3 spaces, ':', a space or tab.
_DEFINITION = re.compile(r"^([ ]{0,3}):(?=[ \t])", re.M)


def unescape_markdown(text: str) -> str:
    text = re.sub(r"\\([\\`*_\[\]|#>+=.)-])", r"\1", text)
    return html.unescape(text)


def escape_markdown(text: str) -> str:
    """Escape one paragraph of plain text for Markdown (idempotent)."""
    return escape_text(unescape_markdown(text))


def escape_text(plain: str) -> str:
    """Escape text known to be plain (not escaped yet): exact, ``unescape_markdown`` undoes it.

    For text that was just unescaped (``renormalise``): unescaping it a second time, as
    :func:`escape_markdown` would, takes one more level off ``\\\\.`` or ``&amp;lt;``.
    """
    out = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _ACTIVE.sub(r"\\\1", out)

    def block(m: re.Match[str]) -> str:
        marker = m.group(2)
        if marker[-1] in ".)" and marker[:-1].isdigit():
            return f"{m.group(1)}{marker[:-1]}\\{marker[-1]}"
        return f"{m.group(1)}\\{marker}"

    return _DEFINITION.sub(r"\1&#58;", _BLOCK_START.sub(block, out))
