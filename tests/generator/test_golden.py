"""Golden hashes: a fixed request per entity and format must keep its bytes.

Faker's seeded output (the pools), orjson's encoding or any change to the
generator would move them. When a change is meant to alter output, bump
``VERSION`` in apps/generator/engine/keys.py and rewrite the file:

    .venv/bin/python -m tests.generator.test_golden --write
"""

import hashlib
import json
import sys
from functools import cache
from pathlib import Path

import pytest

from apps.generator.engine import ENTITIES, VERSION, rows
from apps.generator.engine.formats import FORMATS, encode

GOLDEN = Path(__file__).with_name("golden.json")
REQUESTS = [("en_US", 2026, 10, 20), ("ja_JP", 5, 0, 5)]  # locale, seed, offset, limit


KEYS = [
    (locale, seed, offset, limit, name, fmt)
    for locale, seed, offset, limit in REQUESTS
    for name in ENTITIES
    for fmt in FORMATS
]


def label(key) -> str:
    return " ".join(map(str, key))


@cache
def digests() -> dict[str, str]:
    out = {}
    for key in KEYS:
        locale, seed, offset, limit, name, fmt = key
        found = rows(name, seed=seed, locale=locale, offset=offset, limit=limit)
        body = b"".join(encode(ENTITIES[name], found, fmt))
        out[label(key)] = hashlib.sha256(body).hexdigest()
    return out


def test_the_generator_version_matches_the_golden_file():
    assert json.loads(GOLDEN.read_text())["version"] == VERSION


@pytest.mark.parametrize("key", [label(k) for k in KEYS])
def test_output_has_not_drifted(key):
    expected = json.loads(GOLDEN.read_text())["sha256"][key]

    assert digests()[key] == expected, (
        f"{key}: output changed. If meant, bump VERSION and rewrite {GOLDEN.name}; "
        "if not, a library that decides output (Faker, orjson) moved: check the pins."
    )


if __name__ == "__main__" and "--write" in sys.argv:
    GOLDEN.write_text(
        json.dumps({"version": VERSION, "sha256": digests()}, indent=1) + "\n"
    )
    print(f"wrote {GOLDEN}")


@pytest.mark.parametrize("package", ["Faker", "orjson"])
def test_the_libraries_that_decide_output_are_pinned_to_what_runs(package):
    from importlib.metadata import version

    requirements = (Path(__file__).parents[2] / "requirements/base.txt").read_text()

    assert f"\n{package}=={version(package)}\n" in requirements
