"""Every record is a pure function of (seed, locale, entity, index): the
same bytes in another process, whatever was generated before, and offset
windows that concatenate to one large request."""

import hashlib
import subprocess
import sys

import pytest

from apps.generator.engine import ENTITIES, rows
from apps.generator.engine.formats import FORMATS, encode
from tests.django_free import ROOT, django_modules_loaded_by

DIGEST_ALL = """
import hashlib, sys
from apps.generator.engine import ENTITIES, rows
from apps.generator.engine.formats import FORMATS, encode
names = sorted(ENTITIES)
if sys.argv[1] == "reversed":
    names.reverse()  # another history: the same bytes regardless
for name in names:
    for fmt in FORMATS:
        body = b"".join(encode(ENTITIES[name], rows(name, seed=42, locale="de_DE",
                                                     offset=5, limit=40), fmt))
        print(name, fmt, hashlib.sha256(body).hexdigest())
"""


def body(entity, fmt="json", *, seed=3, locale="en_US", offset=0, limit=100):
    spec = ENTITIES[entity]
    found = rows(entity, seed=seed, locale=locale, offset=offset, limit=limit)
    return b"".join(encode(spec, found, fmt))


def digests_from_a_new_process(order: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", DIGEST_ALL, order], cwd=ROOT, capture_output=True,
        text=True, timeout=120, check=True,
        # Another hash seed too: no set or dict order may leak into output.
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
             "PYTHONHASHSEED": "1" if order == "reversed" else "2"},
    )  # fmt: skip
    return sorted(result.stdout.splitlines())


@pytest.mark.slow
def test_two_processes_give_byte_identical_output_for_every_entity_and_format():
    first = digests_from_a_new_process("sorted")
    second = digests_from_a_new_process("reversed")

    assert len(first) == len(ENTITIES) * len(FORMATS)
    assert first == second
    here = sorted(
        f"{name} {fmt} {hashlib.sha256(body(name, fmt, seed=42, locale='de_DE', offset=5, limit=40)).hexdigest()}"
        for name in ENTITIES
        for fmt in FORMATS
    )
    assert here == first


@pytest.mark.parametrize("entity", ["users", "orders", "returns", "inventory"])
def test_offset_windows_concatenate_to_one_large_request(entity):
    whole = list(rows(entity, seed=9, locale="fr_FR", offset=0, limit=300))
    pages = [
        r
        for start in range(0, 300, 70)
        for r in rows(
            entity, seed=9, locale="fr_FR", offset=start, limit=min(70, 300 - start)
        )
    ]

    assert pages == whole


def test_a_record_does_not_depend_on_what_was_generated_before():
    before = body("orders", offset=500, limit=20)
    for other in ("users", "products", "promotions", "returns"):
        body(other, limit=300)

    assert body("orders", offset=500, limit=20) == before


def test_seeds_and_locales_change_the_output():
    assert body("users", seed=1) != body("users", seed=2)
    assert body("users", locale="en_US") != body("users", locale="ja_JP")


def test_the_core_is_django_free():
    assert django_modules_loaded_by("apps.generator.engine") == []
