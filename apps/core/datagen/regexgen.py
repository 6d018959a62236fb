"""Generate a string that fully matches a regular expression (seeded).

Walks the parse tree of Python's own regex parser; the result is checked
with the same linear-time matcher (RE2, ``patterns``) that requests are
checked with, so an unsupported construct costs a retry, never an invalid
value. Unbounded repeats are capped to keep values short, and no value grows
past ``MAX_GENERATED_LENGTH``: ``(a{1000}){1000}``-style nesting is refused
(``RegexUnsupported``), never built.
"""

from __future__ import annotations

import random
import re
import string
from functools import lru_cache
from typing import Any

from .patterns import PatternUnsupported, compile_pattern

try:  # Python 3.11+
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

PRINTABLE = [c for c in string.printable if c not in "\t\n\r\x0b\x0c"]
DIGITS = list(string.digits)
WORD = list(string.ascii_letters + string.digits + "_")
SPACE = [" "]
MAX_REPEAT_EXTRA = 4
# Longest string generated for one pattern (and the work to build it).
MAX_GENERATED_LENGTH = 10_000
CATEGORY_CHARS = {
    C.CATEGORY_DIGIT: DIGITS,
    C.CATEGORY_NOT_DIGIT: [c for c in PRINTABLE if not c.isdigit()],
    C.CATEGORY_WORD: WORD,
    C.CATEGORY_NOT_WORD: [c for c in PRINTABLE if c not in WORD],
    C.CATEGORY_SPACE: SPACE,
    C.CATEGORY_NOT_SPACE: [c for c in PRINTABLE if c != " "],
}


class RegexUnsupported(Exception):
    pass


@lru_cache(maxsize=1024)
def _parsed(pattern: str) -> Any:
    try:
        return sre_parse.parse(pattern)
    except re.error as exc:
        raise RegexUnsupported(f"cannot generate for {pattern!r}: {exc}") from exc


def compiled(pattern: str) -> Any:
    """The pattern's RE2 program (``search`` / ``fullmatch`` as ``re``)."""
    try:
        return compile_pattern(pattern)
    except PatternUnsupported as exc:
        raise RegexUnsupported(str(exc)) from exc


def _class_chars(items: list[tuple[Any, Any]]) -> list[str]:
    negate = False
    chars: list[str] = []
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            chars.append(chr(av))
        elif op is C.RANGE:
            lo, hi = av
            chars.extend(chr(c) for c in range(lo, min(hi, lo + 2000) + 1))
        elif op is C.CATEGORY:
            chars.extend(CATEGORY_CHARS.get(av, []))
    if negate:
        excluded = set(chars)
        return [c for c in PRINTABLE if c not in excluded]
    return chars


# Compiled program: ("lit", str) | ("set", list[str]) | ("alt", [prog, ...])
# | ("group", n, prog) | ("rep", lo, hi, prog) | ("ref", n)
def _compile(tree: Any) -> list[tuple[Any, ...]]:
    prog: list[tuple[Any, ...]] = []
    for op, av in tree:
        if op is C.LITERAL:
            prog.append(("lit", chr(av)))
        elif op is C.NOT_LITERAL:
            prog.append(("set", [c for c in PRINTABLE if ord(c) != av]))
        elif op is C.ANY:
            prog.append(("set", PRINTABLE))
        elif op is C.IN:
            chars = _class_chars(av)
            if not chars:
                raise RegexUnsupported("empty character class")
            prog.append(("set", chars))
        elif op is C.BRANCH:
            prog.append(("alt", [_compile(b) for b in av[1]]))
        elif op is C.SUBPATTERN:
            prog.append(("group", av[0], _compile(av[-1])))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(
            C, "POSSESSIVE_REPEAT", None
        ):
            lo, hi, sub = av
            if hi is C.MAXREPEAT or hi > lo + MAX_REPEAT_EXTRA:
                hi = lo + MAX_REPEAT_EXTRA
            prog.append(("rep", lo, hi, _compile(sub)))
        elif op is getattr(C, "ATOMIC_GROUP", None):
            prog.append(("group", None, _compile(av)))
        elif op is C.GROUPREF:
            prog.append(("ref", av))
        elif op is C.CATEGORY:
            prog.append(("set", CATEGORY_CHARS.get(av, WORD)))
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # anchors emit nothing; lookarounds are re-checked
        else:
            raise RegexUnsupported(f"unsupported regex construct {op}")
    return prog


@lru_cache(maxsize=1024)
def program(pattern: str) -> list[tuple[Any, ...]]:
    return _compile(_parsed(pattern))


def _emit(
    prog: list[tuple[Any, ...]],
    rng: random.Random,
    groups: dict[int, str],
    out: list[str],
) -> None:
    for step in prog:
        if len(out) > MAX_GENERATED_LENGTH:
            raise RegexUnsupported(
                f"a matching string would be longer than {MAX_GENERATED_LENGTH} characters"
            )
        kind = step[0]
        if kind == "lit":
            out.append(step[1])
        elif kind == "set":
            chars = step[1]
            out.append(chars[rng.randrange(len(chars))])
        elif kind == "rep":
            sub = step[3]
            for _ in range(rng.randint(step[1], step[2])):
                _emit(sub, rng, groups, out)
        elif kind == "group":
            start = len(out)
            _emit(step[2], rng, groups, out)
            if step[1] is not None:
                groups[step[1]] = "".join(out[start:])
        elif kind == "alt":
            branches = step[1]
            _emit(branches[rng.randrange(len(branches))], rng, groups, out)
        else:
            out.append(groups.get(step[1], ""))


def generate_matching(pattern: str, rng: random.Random, attempts: int = 20) -> str:
    """A string ``s`` with ``re.search(pattern, s)`` true; raises when none found."""
    regex = compiled(pattern)
    prog = program(pattern)
    for _ in range(attempts):
        out: list[str] = []
        _emit(prog, rng, {}, out)
        value = "".join(out)
        if regex.search(value):
            return value
    raise RegexUnsupported(f"could not produce a string matching {pattern!r}")
