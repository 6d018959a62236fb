"""Regular expressions from configuration, matched in linear time (RE2).

A pattern a user saves (a header, query or path spec, a JSON Schema
``pattern`` or ``patternProperties`` key) is matched against values a client
sends. Python's ``re`` backtracks: ``^(a+)+$`` against 28 ``a`` and a ``b``
takes seconds and blocks the event loop of the worker serving it. RE2
(``google-re2``) runs in time linear in the value, whatever the pattern, so
every configured pattern is compiled and matched here, never with ``re``.

RE2 has no backreferences (``\\1``), lookahead / lookbehind (``(?=``,
``(?!``, ``(?<=``, ``(?<!``), possessive quantifiers or atomic groups, and
repeat counts above 1000: such a pattern is refused when it is saved
(``pattern_problem``) and, if one reaches the matcher anyway (rows written
before this check), ``compile_pattern`` raises ``PatternUnsupported``.
ECMA-262's ``\\uXXXX`` escape (JSON Schema patterns are ECMA-262) is
translated to RE2's ``\\x{XXXX}``; ``\\d``, ``\\w`` and ``\\s`` are ASCII
classes, as in ECMA-262.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import re2

# Longest pattern accepted anywhere (spec fields and inside JSON Schemas).
MAX_PATTERN_LENGTH = 500
SUPPORTED_SUBSET = (
    "RE2 syntax: no backreferences, lookahead/lookbehind, possessive "
    "quantifiers or atomic groups; repeat counts up to 1000"
)

_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a refused pattern is a field error, not a log line


class PatternUnsupported(ValueError):
    """The pattern is longer than allowed or outside what RE2 supports."""


def _translate(pattern: str) -> str:
    return _UNICODE_ESCAPE.sub(r"\1\\x{\2}", pattern)


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> Any:
    """The compiled RE2 program; raises ``PatternUnsupported``."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternUnsupported(
            f"a pattern may be at most {MAX_PATTERN_LENGTH} characters"
        )
    try:
        return re2.compile(_translate(pattern), _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternUnsupported(f"{reason} (supported: {SUPPORTED_SUBSET})") from exc


def pattern_problem(pattern: Any) -> str | None:
    """Why the pattern cannot be used, or None."""
    if not isinstance(pattern, str):
        return "a pattern must be a string"
    try:
        compile_pattern(pattern)
    except PatternUnsupported as exc:
        return str(exc)
    return None


def search(pattern: str, text: str) -> bool:
    """``re.search`` semantics (JSON Schema ``pattern``), in linear time."""
    return compile_pattern(pattern).search(text) is not None


def fullmatch(pattern: str, text: str) -> bool:
    return compile_pattern(pattern).fullmatch(text) is not None


def schema_patterns(schema: Any) -> list[tuple[str, Any]]:
    """Every (JSON pointer, pattern) a schema holds: ``pattern`` values and
    ``patternProperties`` keys, at any depth (iterative: no recursion)."""
    found: list[tuple[str, Any]] = []
    stack: list[tuple[str, Any]] = [("", schema)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                child = f"{where}/{_escape(str(key))}"
                if key == "pattern" and isinstance(value, str):
                    found.append((child, value))
                elif key == "patternProperties" and isinstance(value, dict):
                    found.extend((f"{child}/{_escape(p)}", p) for p in value)
                if key not in ("enum", "const", "examples", "default"):
                    stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((f"{where}/{i}", item) for i, item in enumerate(node))
    return sorted(found, key=lambda item: item[0])


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")
