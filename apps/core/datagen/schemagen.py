"""Generate a JSON value that validates against a JSON Schema (seeded).

The generator constructs values that satisfy the schema by construction for
the common vocabulary (types, bounds, lengths, formats, patterns, enums,
objects, arrays, $ref, allOf merging). For keywords where construction can
only be approximate (oneOf exclusivity, not, uniqueItems, if/then, float
multipleOf, lookaround patterns …) the schema is marked "risky" and every
value is checked with jsonschema and regenerated on failure. Save time runs
the same generator over many seeds (``satisfiability_problem``), so a schema
that cannot be satisfied is refused before any request sees it.
"""

from __future__ import annotations

import copy
import json
import math
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from . import fakedata as fd
from .dialects import schema_validator
from .regexgen import RegexUnsupported, compiled, generate_matching

MAX_DEPTH = 12
DEFAULT_EXTRA_ITEMS = 4
OPTIONAL_PROPERTY_CHANCE = 0.85
NULL_CHANCE = 0.1
RUNTIME_ATTEMPTS = 8
SAVE_TIME_SEEDS = 40
# A schema whose first body holds more values than this is tried over
# proportionally fewer seeds (at least SAVE_TIME_MIN_SEEDS).
SAVE_TIME_NODES = 1000
SAVE_TIME_MIN_SEEDS = 4
RISKY_KEYWORDS = frozenset(
    {
        "oneOf", "anyOf", "not", "if", "uniqueItems", "contains", "dependentSchemas",
        "patternProperties", "propertyNames", "unevaluatedProperties",
        "unevaluatedItems", "examples", "minProperties", "maxProperties",
        "allOf", "$dynamicRef", "dependencies",
    }
)  # fmt: skip
TYPE_ORDER = ("object", "array", "string", "integer", "number", "boolean", "null")


class Unsatisfiable(Exception):
    """The schema (or a part of it) admits no value the generator can build."""


class GenerationError(Exception):
    """No valid value after several attempts (should have been refused at save)."""


@dataclass(frozen=True, slots=True)
class GenerationLimits:
    """How big a schema, and a body generated from it, may be.

    ``limits_problem`` refuses a schema beyond the first four when it is
    saved, so that generation within them is cheap; the last two are the
    budget of one generation (every attempt of one call together), a
    backstop that raises ``BudgetExceeded`` instead of running on.
    """

    max_items: int = 1000  # minItems, minContains
    max_properties: int = 1000  # properties, required, minProperties
    max_string_length: int = 10_000  # minLength
    max_depth: int = 64  # nesting of objects and arrays in the schema document
    max_nodes: int = 10_000  # values in one generated body
    max_bytes: int = 1_048_576  # JSON size of one generated body


DEFAULT_LIMITS = GenerationLimits()


class LimitExceeded(Unsatisfiable):
    """The schema asks for more than a limit allows; ``limit`` names the field
    of ``GenerationLimits`` (so a caller can name its own setting)."""

    def __init__(self, message: str, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


class BudgetExceeded(GenerationError):
    """One generation would build more values or bytes than its budget."""

    def __init__(self, message: str, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


class _Budget:
    __slots__ = ("bytes", "limits", "nodes")

    def __init__(self, limits: GenerationLimits) -> None:
        self.limits = limits
        self.nodes = 0
        self.bytes = 0

    def spend(self, size: int) -> None:
        self.nodes += 1
        self.bytes += size
        if self.nodes > self.limits.max_nodes:
            raise BudgetExceeded(
                f"a generated body would hold more than {self.limits.max_nodes} values",
                limit="max_nodes",
            )
        if self.bytes > self.limits.max_bytes:
            raise BudgetExceeded(
                f"a generated body would be larger than {self.limits.max_bytes} bytes",
                limit="max_bytes",
            )


def _too_many(what: str, asked: int, limit: int, field: str) -> LimitExceeded:
    return LimitExceeded(f"{what} {asked} is over the limit of {limit}", limit=field)


def limits_problem(
    schema: Any, limits: GenerationLimits = DEFAULT_LIMITS
) -> LimitExceeded | None:
    """The first limit the schema document breaks, else None. Iterative (a
    schema nested past Python's recursion limit is measured, not crashed on)."""
    stack: list[tuple[Any, int]] = [(schema, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, list):
            if depth > limits.max_depth:
                return _depth_problem(limits)
            stack.extend((item, depth + 1) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        if depth > limits.max_depth:
            return _depth_problem(limits)
        problem = _keyword_problem(node, limits)
        if problem is not None:
            return problem
        stack.extend((value, depth + 1) for value in node.values())
    return None


def _depth_problem(limits: GenerationLimits) -> LimitExceeded:
    return LimitExceeded(
        f"the schema nests objects and arrays more than {limits.max_depth} levels deep",
        limit="max_depth",
    )


def _count(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float):
        return int(min(value, 1e18))
    if isinstance(value, dict | list):
        return len(value)
    return 0


def _keyword_problem(node: dict[str, Any], limits: GenerationLimits) -> Any:
    checks = (
        ("minItems", limits.max_items, "max_items"),
        ("minContains", limits.max_items, "max_items"),
        ("properties", limits.max_properties, "max_properties"),
        ("required", limits.max_properties, "max_properties"),
        ("minProperties", limits.max_properties, "max_properties"),
        ("minLength", limits.max_string_length, "max_string_length"),
    )
    for keyword, limit, field in checks:
        asked = _count(node.get(keyword))
        if asked > limit:
            return _too_many(keyword, asked, limit, field)
    return None


# --- helpers ------------------------------------------------------------------


def _types(schema: dict[str, Any]) -> list[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        types = [declared]
    elif isinstance(declared, list) and declared:
        types = [t for t in TYPE_ORDER if t in declared]
    else:
        if any(
            k in schema
            for k in (
                "properties",
                "required",
                "additionalProperties",
                "patternProperties",
                "minProperties",
            )
        ):
            types = ["object"]
        elif any(
            k in schema
            for k in ("items", "prefixItems", "minItems", "maxItems", "contains")
        ):
            types = ["array"]
        elif any(k in schema for k in ("minLength", "maxLength", "pattern", "format")):
            types = ["string"]
        elif any(
            k in schema
            for k in (
                "minimum",
                "maximum",
                "exclusiveMinimum",
                "exclusiveMaximum",
                "multipleOf",
            )
        ):
            types = ["number"]
        else:
            types = ["string"]
    if schema.get("nullable") is True and "null" not in types:
        types = [*types, "null"]
    return types


def _json_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _intersect_types(a: Any, b: Any) -> list[str]:
    def norm(t: Any) -> set[str]:
        return {t} if isinstance(t, str) else set(t)

    sa, sb = norm(a), norm(b)
    out = sa & sb
    if ("integer" in sa and "number" in sb) or ("number" in sa and "integer" in sb):
        out.add("integer")
    if not out:
        raise Unsatisfiable(
            f"allOf asks for types {sorted(sa)} and {sorted(sb)} at once"
        )
    return [t for t in TYPE_ORDER if t in out]


LOWER_BOUNDS = (
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "minItems",
    "minProperties",
    "minContains",
)
UPPER_BOUNDS = (
    "maximum",
    "exclusiveMaximum",
    "maxLength",
    "maxItems",
    "maxProperties",
    "maxContains",
)


def merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """One schema holding both sets of constraints (allOf), as far as mergeable.

    What cannot be merged (two patterns, two item schemas) is kept under
    ``allOf`` so that the final validation still enforces it.
    """
    out = dict(a)
    extra: list[Any] = []
    for key, value in b.items():
        if key not in out:
            out[key] = value
            continue
        mine = out[key]
        if mine == value:
            continue
        if key == "type":
            out[key] = _intersect_types(mine, value)
        elif key == "required":
            out[key] = list(dict.fromkeys([*mine, *value]))
        elif (
            key in LOWER_BOUNDS
            and not isinstance(mine, bool)
            and not isinstance(value, bool)
        ):
            out[key] = max(mine, value)
        elif (
            key in UPPER_BOUNDS
            and not isinstance(mine, bool)
            and not isinstance(value, bool)
        ):
            out[key] = min(mine, value)
        elif key == "enum":
            keys = {_json_key(v) for v in value}
            out[key] = [v for v in mine if _json_key(v) in keys]
            if not out[key]:
                raise Unsatisfiable("allOf enums have no value in common")
        elif key == "properties":
            props = dict(mine)
            for name, sub in value.items():
                props[name] = {"allOf": [props[name], sub]} if name in props else sub
            out[key] = props
        elif key == "allOf":
            out[key] = [*mine, *value]
        elif key == "additionalProperties":
            if mine is False or value is False:
                out[key] = False
            else:
                out[key] = {"allOf": [mine, value]}
        elif key in (
            "title",
            "description",
            "examples",
            "default",
            "$comment",
            "x-faker",
        ):
            continue
        else:
            extra.append({key: value})
    if extra:
        out["allOf"] = [*out.get("allOf", []), *extra]
    return out


def _resolve_pointer(root: Any, ref: str) -> Any:
    if not ref.startswith("#"):
        raise Unsatisfiable(f"only local $ref is supported, got {ref!r}")
    node = root
    fragment = ref[1:]
    if fragment and not fragment.startswith("/"):
        # "#anchor"
        found = _find_anchor(root, fragment)
        if found is None:
            raise Unsatisfiable(f"$ref {ref!r} does not resolve")
        return found
    for part in fragment.split("/")[1:]:
        part = unquote(part).replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise Unsatisfiable(f"$ref {ref!r} does not resolve")
    return node


def _find_anchor(node: Any, anchor: str) -> Any:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("$anchor") == anchor or item.get("$dynamicAnchor") == anchor:
                return item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


# --- the generator ------------------------------------------------------------


class _Generator:
    def __init__(self, root: Any, rng: random.Random, budget: _Budget) -> None:
        self.root = root
        self.rng = rng
        self.ref_depth = 0
        self.budget = budget
        # Deeper than any schema within the depth limit nests: only a $ref
        # cycle with no way out gets here.
        self.max_depth = max(MAX_DEPTH * 3, budget.limits.max_depth + 8)

    def normalize(self, schema: Any, depth: int) -> Any:
        """Inline $ref and fold allOf into one schema."""
        if not isinstance(schema, dict):
            return schema
        for _ in range(32):
            if "$ref" in schema and isinstance(schema["$ref"], str):
                target = _resolve_pointer(self.root, schema["$ref"])
                rest = {k: v for k, v in schema.items() if k != "$ref"}
                if target is False:
                    raise Unsatisfiable("$ref points at a false schema")
                schema = (
                    merge(target, rest)
                    if isinstance(target, dict) and rest
                    else (target if target is not True else rest)
                )
                if not isinstance(schema, dict):
                    return schema
                continue
            if "allOf" in schema and isinstance(schema["allOf"], list):
                parts = schema["allOf"]
                base = {k: v for k, v in schema.items() if k != "allOf"}
                for part in parts:
                    part = self.normalize(part, depth)
                    if part is False:
                        raise Unsatisfiable("allOf holds a false schema")
                    if isinstance(part, dict):
                        base = merge(base, part)
                schema = base
                if "allOf" in schema or "$ref" in schema:
                    continue
            break
        return schema

    def value(self, schema: Any, hint: str | None, depth: int) -> Any:
        result = self._value(schema, hint, depth)
        # A rough JSON size: enough to stop long before the real one is huge.
        self.budget.spend(len(result) + 2 if isinstance(result, str) else 4)
        return result

    def _value(self, schema: Any, hint: str | None, depth: int) -> Any:
        if depth > self.max_depth:
            raise Unsatisfiable("the schema recurses without an end")
        if schema is True or schema == {}:
            return self.string({}, hint, depth)
        if schema is False:
            raise Unsatisfiable("a false schema admits no value")
        if not isinstance(schema, dict):
            raise Unsatisfiable("a schema must be an object or a boolean")
        schema = self.normalize(schema, depth)
        if schema is True:
            return self.string({}, hint, depth)
        if schema is False:
            raise Unsatisfiable("a false schema admits no value")
        rng = self.rng
        if "const" in schema:
            return copy.deepcopy(schema["const"])
        if "enum" in schema:
            choices = _enum_choices(schema)
            if not choices:
                raise Unsatisfiable("an empty enum admits no value")
            return copy.deepcopy(choices[rng.randrange(len(choices))])
        examples = schema.get("examples")
        if isinstance(examples, list) and examples and rng.random() < 0.5:
            return copy.deepcopy(examples[rng.randrange(len(examples))])
        for key in ("oneOf", "anyOf"):
            branches = schema.get(key)
            if isinstance(branches, list) and branches:
                rest = {k: v for k, v in schema.items() if k != key}
                order = list(range(len(branches)))
                rng.shuffle(order)
                last: Exception | None = None
                for index in order:
                    branch = self.normalize(branches[index], depth)
                    if branch is False:
                        continue
                    merged = merge(rest, branch) if isinstance(branch, dict) else rest
                    try:
                        return self.value(merged, hint, depth + 1)
                    except Unsatisfiable as exc:
                        last = exc
                raise Unsatisfiable(f"no {key} branch can be satisfied") from last
        if "if" in schema and isinstance(schema.get("if"), dict):
            rest = {k: v for k, v in schema.items() if k not in ("if", "then", "else")}
            then = schema.get("then")
            if isinstance(then, dict):
                try:
                    return self.value(
                        merge(merge(rest, schema["if"]), then), hint, depth + 1
                    )
                except Unsatisfiable:
                    pass
            otherwise = schema.get("else")
            if isinstance(otherwise, dict):
                return self.value(merge(rest, otherwise), hint, depth + 1)
            return self.value(rest, hint, depth + 1)
        if "not" in schema:
            return self._not(schema, hint, depth)
        types = _types(schema)
        non_null = [t for t in types if t != "null"]
        if not non_null:
            return None
        if "null" in types and rng.random() < NULL_CHANCE:
            return None
        kind = (
            non_null[rng.randrange(len(non_null))] if len(non_null) > 1 else non_null[0]
        )
        return getattr(self, kind)(schema, hint, depth)

    def _not(self, schema: dict[str, Any], hint: str | None, depth: int) -> Any:
        forbidden = schema["not"]
        rest = {k: v for k, v in schema.items() if k != "not"}
        if forbidden is True:
            raise Unsatisfiable("not: true admits no value")
        if _has_ref(forbidden):
            return self.value(rest, hint, depth + 1)  # checked by the caller
        check = schema_validator(forbidden)
        for _ in range(25):
            value = self.value(rest, hint, depth + 1)
            if not check.is_valid(value):
                return value
        raise Unsatisfiable("could not find a value outside the 'not' schema")

    @property
    def frugal(self) -> bool:
        """Past a quarter of the budget, build only what the schema requires
        (no optional properties or extra items): a deep schema with small
        minimal bodies gets one, instead of running into the budget."""
        return self.budget.nodes * 4 > self.budget.limits.max_nodes

    def _within(self, asked: int, keyword: str, field: str) -> None:
        """Backstop for schemas saved before the limits (or with higher ones)."""
        limit = getattr(self.budget.limits, field)
        if asked > limit:
            raise BudgetExceeded(
                f"{keyword} {asked} is over the limit of {limit}", limit=field
            )

    # -- scalars --

    def boolean(self, schema: dict[str, Any], hint: str | None, depth: int) -> bool:
        return self.rng.random() < 0.5

    def null(self, schema: dict[str, Any], hint: str | None, depth: int) -> None:
        return None

    def _bounds(
        self, schema: dict[str, Any]
    ) -> tuple[float | None, bool, float | None, bool]:
        lo, lo_ex = schema.get("minimum"), False
        hi, hi_ex = schema.get("maximum"), False
        emin, emax = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        if emin is True:
            lo_ex = True
        elif (
            isinstance(emin, int | float)
            and not isinstance(emin, bool)
            and (lo is None or emin >= lo)
        ):
            lo, lo_ex = emin, True
        if emax is True:
            hi_ex = True
        elif (
            isinstance(emax, int | float)
            and not isinstance(emax, bool)
            and (hi is None or emax <= hi)
        ):
            hi, hi_ex = emax, True
        return lo, lo_ex, hi, hi_ex

    def integer(self, schema: dict[str, Any], hint: str | None, depth: int) -> int:
        lo_f, lo_ex, hi_f, hi_ex = self._bounds(schema)
        lo = (
            None
            if lo_f is None
            else (math.floor(lo_f) + 1 if lo_ex else math.ceil(lo_f))
        )
        hi = (
            None
            if hi_f is None
            else (math.ceil(hi_f) - 1 if hi_ex else math.floor(hi_f))
        )
        named = fd.number_range_by_name(hint)
        if named and (lo is None or lo <= named[1]) and (hi is None or hi >= named[0]):
            lo = max(lo, math.ceil(named[0])) if lo is not None else math.ceil(named[0])
            hi = (
                min(hi, math.floor(named[1]))
                if hi is not None
                else math.floor(named[1])
            )
        if lo is None and hi is None:
            lo, hi = 1, 1000
        elif lo is None:
            lo = hi - 1000  # type: ignore[operator]
        elif hi is None:
            hi = lo + 1000
        if lo > hi:  # type: ignore[operator]
            raise Unsatisfiable(f"no integer between {lo_f} and {hi_f}")
        step = schema.get("multipleOf")
        if step:
            if float(step).is_integer():
                step = int(step)
                first, last = -(-lo // step), hi // step  # type: ignore[operator]
                if first > last:
                    raise Unsatisfiable(f"no multiple of {step} between {lo} and {hi}")
                return self.rng.randint(first, last) * step
            for _ in range(50):
                candidate = self.rng.randint(lo, hi)  # type: ignore[arg-type]
                if _is_multiple(candidate, step):
                    return candidate
            raise Unsatisfiable(
                f"no integer multiple of {step} found between {lo} and {hi}"
            )
        return self.rng.randint(lo, hi)  # type: ignore[arg-type]

    def number(
        self, schema: dict[str, Any], hint: str | None, depth: int
    ) -> float | int:
        lo, lo_ex, hi, hi_ex = self._bounds(schema)
        decimals = 2
        named = fd.number_range_by_name(hint)
        if named and (lo is None or lo <= named[1]) and (hi is None or hi >= named[0]):
            lo2 = named[0] if lo is None else max(lo, named[0])
            hi2 = named[1] if hi is None else min(hi, named[1])
            if lo2 < hi2:
                lo_ex = lo_ex and lo2 == lo
                hi_ex = hi_ex and hi2 == hi
                lo, hi, decimals = lo2, hi2, named[2]
        if lo is None and hi is None:
            lo, hi = 0.0, 1000.0
        elif lo is None:
            lo = hi - 1000  # type: ignore[operator]
        elif hi is None:
            hi = lo + 1000
        if lo > hi or (lo == hi and (lo_ex or hi_ex)):  # type: ignore[operator]
            raise Unsatisfiable(f"no number between {lo} and {hi}")
        step = schema.get("multipleOf")
        rng = self.rng
        if step:
            first, last = math.ceil(lo / step), math.floor(hi / step)  # type: ignore[operator]
            for _ in range(50):
                if first > last:
                    break
                k = rng.randint(first, last)
                value = k * step
                if isinstance(step, float):
                    value = round(value, 12)
                if _in_bounds(value, lo, lo_ex, hi, hi_ex) and _is_multiple(
                    value, step
                ):
                    return value
            raise Unsatisfiable(f"no multiple of {step} between {lo} and {hi}")

        def ok(v: float) -> bool:
            return _in_bounds(v, lo, lo_ex, hi, hi_ex)

        for _ in range(20):
            value = rng.uniform(lo, hi)  # type: ignore[arg-type]
            rounded = round(value, decimals) if decimals else float(round(value))
            if ok(rounded):
                return rounded
            if ok(value):
                return value
        middle = (lo + hi) / 2  # type: ignore[operator]
        if ok(middle):
            return middle
        raise Unsatisfiable(f"no number between {lo} and {hi}")

    def string(self, schema: dict[str, Any], hint: str | None, depth: int) -> str:
        rng = self.rng
        min_len = int(schema.get("minLength", 0) or 0)
        self._within(min_len, "minLength", "max_string_length")
        max_len = schema.get("maxLength")
        if max_len is not None and min_len > max_len:
            raise Unsatisfiable(f"minLength {min_len} is above maxLength {max_len}")
        pattern = schema.get("pattern")
        fmt = schema.get("format")
        faker_hint = schema.get("x-faker")

        def fits(v: Any) -> bool:
            return (
                isinstance(v, str)
                and len(v) >= min_len
                and (max_len is None or len(v) <= max_len)
                and (pattern is None or compiled(pattern).search(v) is not None)
            )

        if pattern is not None:
            for _ in range(10):
                try:
                    value = generate_matching(pattern, rng)
                except RegexUnsupported as exc:
                    raise Unsatisfiable(str(exc)) from exc
                if fits(value):
                    return value
                # An unanchored pattern matches inside a longer string: pad it.
                if len(value) < min_len and not pattern.endswith("$"):
                    padded = value + "x" * (min_len - len(value))
                    if fits(padded):
                        return padded
            raise Unsatisfiable(
                f"no string of length {min_len}..{max_len} matching {pattern!r} was found"
            )
        candidates = []
        if faker_hint is not None:
            candidates.append(lambda: fd.call_faker(faker_hint, rng))
        if isinstance(fmt, str) and fmt in fd.FORMATS:
            candidates.append(lambda: fd.FORMATS[fmt](rng))
        elif hint:
            candidates.append(lambda: fd.string_by_name(hint, rng))
        for make in candidates:
            value = make()
            if value is not None and not isinstance(value, str):
                value = str(value)
            if fits(value):
                return value  # type: ignore[return-value]
        if isinstance(fmt, str) and fmt in fd.FORMATS:
            raise Unsatisfiable(
                f"format {fmt!r} cannot fit length {min_len}..{max_len}"
            )
        # Plain text fitted to the length bounds.
        high = max_len if max_len is not None else max(min_len, 24)
        target = rng.randint(min_len, max(min_len, min(high, min_len + 24)))
        text = fd.words(rng, max(1, target // 5 + 1)) if target else ""
        while len(text) < target:
            text += " " + fd.words(rng, 1)
        text = text[:target]
        if text and text[-1] == " ":
            text = text[:-1] + "a"
        return text

    # -- containers --

    def array(self, schema: dict[str, Any], hint: str | None, depth: int) -> list[Any]:
        rng = self.rng
        min_items = int(schema.get("minItems", 0) or 0)
        self._within(min_items, "minItems", "max_items")
        max_items = schema.get("maxItems")
        if max_items is not None and min_items > max_items:
            raise Unsatisfiable(f"minItems {min_items} is above maxItems {max_items}")
        prefix = schema.get("prefixItems")
        items = schema.get("items", True)
        if isinstance(items, list):  # draft 7 tuple form
            prefix, items = items, schema.get("additionalItems", True)
        prefix = prefix or []
        if items is False:
            max_items = (
                len(prefix) if max_items is None else min(max_items, len(prefix))
            )
            if min_items > max_items:
                raise Unsatisfiable("more items are required than the tuple allows")
        upper = min_items + DEFAULT_EXTRA_ITEMS if max_items is None else max_items
        upper = (
            min(upper, min_items + DEFAULT_EXTRA_ITEMS)
            if depth < MAX_DEPTH and not self.frugal
            else min_items
        )
        count = rng.randint(min_items, max(min_items, upper))
        unique = schema.get("uniqueItems") is True
        seen: set[str] = set()
        out: list[Any] = []
        contains = schema.get("contains")
        if contains is not None and schema.get("minContains", 1) != 0 and not prefix:
            sub = {"allOf": [items, contains]} if isinstance(items, dict) else contains
            for _ in range(int(schema.get("minContains", 1))):
                for _attempt in range(25):
                    value = self.value(sub, hint, depth + 1)
                    key = _json_key(value) if unique else ""
                    if not unique or key not in seen:
                        seen.add(key)
                        out.append(value)
                        break
            count = max(count, len(out))
        for index in range(len(out), count):
            sub = prefix[index] if index < len(prefix) else items
            for _attempt in range(25):
                value = self.value(sub, hint, depth + 1)
                key = _json_key(value) if unique else ""
                if not unique or key not in seen:
                    seen.add(key)
                    out.append(value)
                    break
            else:
                if len(out) >= min_items:
                    break
                raise Unsatisfiable("cannot find enough distinct items for uniqueItems")
        return out

    def object(
        self, schema: dict[str, Any], hint: str | None, depth: int
    ) -> dict[str, Any]:
        rng = self.rng
        props: dict[str, Any] = schema.get("properties") or {}
        required = [r for r in schema.get("required", []) if isinstance(r, str)]
        self._within(len(required), "required", "max_properties")
        additional = schema.get("additionalProperties", True)
        if schema.get("unevaluatedProperties") is False:
            additional = False
        pattern_props: dict[str, Any] = schema.get("patternProperties") or {}
        max_props = schema.get("maxProperties")
        min_props = int(schema.get("minProperties", 0) or 0)
        if max_props is not None and len(set(required)) > max_props:
            raise Unsatisfiable(
                "more properties are required than maxProperties allows"
            )
        dependent = schema.get("dependentRequired") or {}
        chosen: list[str] = []
        for name in props:
            if name in required or (
                depth < MAX_DEPTH
                and not self.frugal
                and rng.random() < OPTIONAL_PROPERTY_CHANCE
            ):
                chosen.append(name)
        for name in required:
            if name not in chosen:
                chosen.append(name)
        for name in list(chosen):
            for dep in dependent.get(name, []):
                if dep not in chosen:
                    chosen.append(dep)
        if max_props is not None and len(chosen) > max_props:
            keep = [n for n in chosen if n in required]
            optional = [n for n in chosen if n not in required]
            chosen = keep + optional[: max_props - len(keep)]
        out: dict[str, Any] = {}
        for name in chosen:
            if name in props:
                sub = props[name]
            else:
                sub = next(
                    (s for p, s in pattern_props.items() if compiled(p).search(name)),
                    None,
                )
                if sub is None:
                    if additional is False:
                        raise Unsatisfiable(
                            f"required property {name!r} is not allowed (additionalProperties is false)"
                        )
                    sub = additional if isinstance(additional, dict) else True
            out[name] = self.value(sub, name, depth + 1)
        # Fill up to minProperties with further optional or additional properties.
        spare = [n for n in props if n not in out]
        counter = 0
        while len(out) < min_props:
            if spare:
                name = spare.pop(0)
                out[name] = self.value(props[name], name, depth + 1)
                continue
            if pattern_props:
                pattern, sub = next(iter(pattern_props.items()))
                try:
                    name = generate_matching(pattern, rng)
                except RegexUnsupported as exc:
                    raise Unsatisfiable(str(exc)) from exc
            elif additional is not False:
                names = schema.get("propertyNames")
                name = (
                    self.string(names, None, depth + 1)
                    if isinstance(names, dict)
                    else f"{fd.words(rng, 1)}_{counter}"
                )
                sub = additional if isinstance(additional, dict) else True
            else:
                raise Unsatisfiable(
                    "minProperties cannot be reached with the allowed properties"
                )
            counter += 1
            if counter > 50:
                raise Unsatisfiable("minProperties cannot be reached")
            if name not in out:
                out[name] = self.value(sub, name, depth + 1)
        return out


def _has_ref(node: Any) -> bool:
    return "$ref" in json.dumps(node)


def _json_type_ok(value: Any, types: Any) -> bool:
    if types is None:
        return True
    allowed = {types} if isinstance(types, str) else set(types)
    if value is None:
        kind = "null"
    elif isinstance(value, bool):
        kind = "boolean"
    elif isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return bool(allowed & {"integer", "number"})
    elif isinstance(value, float):
        kind = "number"
    elif isinstance(value, str):
        kind = "string"
    elif isinstance(value, list):
        kind = "array"
    else:
        kind = "object"
    return kind in allowed


def _enum_choices(schema: dict[str, Any]) -> list[Any]:
    """Enum values that also fit the declared type (an enum may list strays)."""
    choices = schema["enum"]
    if not isinstance(choices, list):
        return []
    return [c for c in choices if _json_type_ok(c, schema.get("type"))]


def _is_multiple(value: float, step: float) -> bool:
    """jsonschema's own multipleOf test, so the two never disagree."""
    if isinstance(step, float):
        quotient = value / step
        try:
            return int(quotient) == quotient
        except OverflowError:
            return False
    if isinstance(value, float):
        quotient = value / step
        return quotient.is_integer()
    return value % step == 0


def _in_bounds(
    v: float, lo: float | None, lo_ex: bool, hi: float | None, hi_ex: bool
) -> bool:
    if lo is not None and (v < lo or (lo_ex and v == lo)):
        return False
    return not (hi is not None and (v > hi or (hi_ex and v == hi)))


# --- public API ---------------------------------------------------------------


def _has_risky_keywords(node: Any) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if RISKY_KEYWORDS.intersection(item):
                return True
            step = item.get("multipleOf")
            if isinstance(step, float) and not step.is_integer():
                return True
            pattern = item.get("pattern")
            if isinstance(pattern, str) and "(?" in pattern:
                return True
            if "$ref" in item and len(item) > 1:
                return True
            stack.extend(
                v
                for k, v in item.items()
                if k not in ("enum", "const", "examples", "default")
            )
        elif isinstance(item, list):
            stack.extend(item)
    return False


@lru_cache(maxsize=1024)
def _risky(schema_json: str) -> bool:
    return _has_risky_keywords(json.loads(schema_json))


def needs_check(schema: Any) -> bool:
    return _risky(json.dumps(schema, sort_keys=True))


def generate_unchecked(
    schema: Any, seed: int, *, limits: GenerationLimits = DEFAULT_LIMITS
) -> Any:
    budget = _Budget(limits)
    return _Generator(schema, random.Random(seed), budget).value(schema, None, 0)


def generate(
    schema: Any,
    seed: int,
    *,
    check: bool | None = None,
    limits: GenerationLimits = DEFAULT_LIMITS,
    budget: _Budget | None = None,
) -> Any:
    """A value valid against ``schema``; the same seed gives the same value.

    Schemas using only constructive keywords skip the (costly) validation
    pass; the rest are validated and regenerated on failure. Every attempt
    draws on one budget (``limits``): ``BudgetExceeded`` when it runs out.
    """
    if check is None:
        check = needs_check(schema)
    if budget is None:
        budget = _Budget(limits)
    if not check:
        return _Generator(schema, random.Random(seed), budget).value(schema, None, 0)
    validator = schema_validator(schema)
    rng = random.Random(seed)
    last: Exception | None = None
    for _ in range(RUNTIME_ATTEMPTS):
        try:
            value = _Generator(schema, rng, budget).value(schema, None, 0)
        except Unsatisfiable as exc:
            last = exc
            continue
        if validator.is_valid(value):
            return value
    raise GenerationError(
        str(last) if last else "no generated value satisfied the schema"
    )


def satisfiability_problem(
    schema: Any,
    seeds: int = SAVE_TIME_SEEDS,
    *,
    limits: GenerationLimits = DEFAULT_LIMITS,
) -> str | LimitExceeded | BudgetExceeded | None:
    """None when bodies can be generated for this schema, else why not.

    A schema beyond ``limits`` is refused before anything is generated; a
    large one is tried over fewer seeds, so a save stays quick. A broken
    limit comes back as its exception (``.limit`` names it), any other
    reason as text.
    """
    over = limits_problem(schema, limits)
    if over is not None:
        return over
    try:
        validator = schema_validator(schema)
    except Exception as exc:  # an invalid schema is reported by its own validator
        return f"the schema cannot be used: {exc}"
    failures = 0
    reason = ""
    seed = 0
    while seed < seeds:
        budget = _Budget(limits)
        try:
            value = generate(schema, seed, check=True, limits=limits, budget=budget)
        except BudgetExceeded as exc:
            return exc
        except (Unsatisfiable, GenerationError) as exc:
            return str(exc)
        except RecursionError:
            return "the schema recurses without an end"
        errors = list(validator.iter_errors(value))
        if errors:
            failures += 1
            reason = errors[0].message
        if seed == 0 and budget.nodes > SAVE_TIME_NODES:
            seeds = max(SAVE_TIME_MIN_SEEDS, seeds * SAVE_TIME_NODES // budget.nodes)
        seed += 1
    if failures:
        return f"generated values do not validate ({reason})"
    return None
