"""Safe request placeholders in static bodies.

Syntax, inside any string of the body (keys are left alone)::

    {{ path.order_id }}  {{ query.page }}  {{ header.X-Request-Id }}  {{ method }}
    {{ query.page | 1 }}     -> "1" when the parameter is absent

This is substitution, not a template language: no expressions, loops, filters
or attribute access, so a request can never run code or reach other data. Values
are inserted as text; JSON encoding escapes them, and in HTML/XML text bodies
they are HTML-escaped so a reflected value cannot become markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

PLACEHOLDER_RE = re.compile(
    r"\{\{\s*(path|query|header|method)(?:\.([A-Za-z0-9_.\-]{1,128}))?"
    r"\s*(?:\|\s*([^{}]{0,200}?))?\s*\}\}"
)
MAX_VALUE_CHARS = 4096


def has_placeholders(body: Any) -> bool:
    if isinstance(body, str):
        return PLACEHOLDER_RE.search(body) is not None
    if isinstance(body, list):
        return any(has_placeholders(item) for item in body)
    if isinstance(body, dict):
        return any(has_placeholders(item) for item in body.values())
    return False


class RequestValues:
    """What placeholders may read: path params, first query values, headers."""

    __slots__ = ("headers", "method", "path", "query")

    def __init__(
        self,
        *,
        method: str,
        path: Mapping[str, str],
        query: Mapping[str, list[str]],
        headers: Mapping[str, str],
    ) -> None:
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers  # lower-cased names

    def lookup(self, namespace: str, key: str | None) -> str | None:
        if namespace == "method":
            return self.method
        if key is None:
            return None
        if namespace == "path":
            return self.path.get(key)
        if namespace == "query":
            values = self.query.get(key)
            return values[0] if values else None
        return self.headers.get(key.lower())


def _render_string(text: str, values: RequestValues, escape: bool) -> str:
    def replace(match: re.Match[str]) -> str:
        namespace, key, fallback = match.group(1), match.group(2), match.group(3)
        if namespace != "method" and key is None:
            return match.group(0)
        value = values.lookup(namespace, key)
        if value is None:
            value = (fallback or "").strip()
        value = value[:MAX_VALUE_CHARS]
        return html.escape(value) if escape else value

    return PLACEHOLDER_RE.sub(replace, text)


def render(body: Any, values: RequestValues, *, escape_markup: bool = False) -> Any:
    """A copy of ``body`` with every placeholder in its strings replaced."""
    if isinstance(body, str):
        return _render_string(body, values, escape_markup)
    if isinstance(body, list):
        return [render(item, values, escape_markup=escape_markup) for item in body]
    if isinstance(body, dict):
        return {
            k: render(item, values, escape_markup=escape_markup)
            for k, item in body.items()
        }
    return body
