"""Escape body text for Markdown so the site shows it as text, never as markup.

Scraped text can contain ``<script>``, ``<img onerror=…>`` or ``[x](javascript:…)``;
in Markdown those would become live HTML or links. ``&``, ``<`` and ``>`` become
entities and Markdown's active characters get a backslash. Escaping first undoes an
earlier escape, so running it on its own output changes nothing (idempotence).
"""

from __future__ import annotations

import html
import re

_ACTIVE = re.compile(r"([\\`*_\[\]|])")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])(?=\s|$)")


def unescape_markdown(text: str) -> str:
    text = re.sub(r"\\([\\`*_\[\]|#>+=.)-])", r"\1", text)
    return html.unescape(text)


def escape_markdown(text: str) -> str:
    """Escape one paragraph of plain text for Markdown (idempotent)."""
    plain = unescape_markdown(text)
    out = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _ACTIVE.sub(r"\\\1", out)

    def block(m: re.Match[str]) -> str:
        marker = m.group(2)
        if marker[-1] in ".)" and marker[:-1].isdigit():
            return f"{m.group(1)}{marker[:-1]}\\{marker[-1]}"
        return f"{m.group(1)}\\{marker}"

    return _BLOCK_START.sub(block, out)
