"""JSON with a nesting limit, shared by every API family and the mock engine.

``json.loads`` recurses once per level: a body of 100,000 ``[`` raises
``RecursionError`` (a 500 in every family before this module), and anything
that later walks the value recursively (``json.dumps``, jsonschema, the
journal's redaction) would crash the same way. ``loads`` measures the depth
first, in one pass without recursion, and refuses a document nested deeper
than the limit with ``JsonTooDeep`` (a ``ValueError``, so every caller that
already turns malformed JSON into a 400 does the same here).
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

# Deep enough for any real document (a JSON Schema inside a request is
# limited to 64 levels by MOCK_SCHEMA_MAX_DEPTH); far below the recursion limit.
DEFAULT_MAX_DEPTH = 100

_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class JsonTooDeep(ValueError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"JSON nested more than {limit} levels deep")
        self.limit = limit


def text_depth_exceeds(data: bytes | str, limit: int) -> bool:
    """Whether the document opens more than ``limit`` nested arrays/objects.

    C-speed steps only (count, regex substitution, translate, accumulate):
    brackets inside strings are dropped, the rest summed as +1/-1.
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    brackets = _STRINGS.sub(b"", raw).translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > limit


def loads(
    data: bytes | str, *, max_depth: int = DEFAULT_MAX_DEPTH, **kwargs: Any
) -> Any:
    """``json.loads`` that refuses documents nested deeper than ``max_depth``."""
    if text_depth_exceeds(data, max_depth):
        raise JsonTooDeep(max_depth)
    return json.loads(data, **kwargs)


def value_depth(value: Any) -> int:
    """Nesting depth of a parsed value (0 for a scalar), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list | tuple):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest
