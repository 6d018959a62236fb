"""docs/shop.md's curl flow, run as written against a live server: register,
login, refresh, the catalogue, the cart, an idempotent checkout, cancel, and
the admin tools."""

import pytest

from .examples import ROOT, check_statuses, examples, run

PAGE = ROOT / "docs" / "shop.md"

pytestmark = pytest.mark.slow


def test_the_page_marks_its_examples():
    found = examples(PAGE)
    assert sum(len(e.statuses) for e in found) >= 20
    assert {"201", "401", "403", "409", "422"} <= {s for e in found for s in e.statuses}


def test_every_shop_example_answers_as_documented(docs_server):
    server, env = docs_server
    ran = run(PAGE, server.url, env, timeout=240)
    check_statuses(PAGE, ran)
    outputs = "".join(output for _example, output in ran)
    assert (
        "Idempotent-Replayed: true" in outputs or "idempotent-replayed: true" in outputs
    )
