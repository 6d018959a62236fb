"""docs/amazon.md's curl flow, run as written against a live server: tokens,
orders and paging, shipment confirmation, a Restricted Data Token, a report
and its document, listings with a SKU holding a slash, search with a next
page, inventory items and report schedules."""

import json

import pytest

from .examples import ROOT, check_statuses, examples, run

PAGE = ROOT / "docs" / "amazon.md"

pytestmark = pytest.mark.slow


def test_the_page_marks_its_examples():
    found = examples(PAGE)
    assert len(found) >= 8
    assert sum(len(e.statuses) for e in found) >= 30


def test_every_amazon_example_answers_as_documented(docs_server):
    server, env = docs_server
    ran = run(PAGE, server.url, env, timeout=240)
    check_statuses(PAGE, ran)
    outputs = {example.line: output for example, output in ran}
    listings = next(out for line, out in outputs.items() if "AB/CD12-EF34" in out)
    # The slash SKU round-trips, and the search example finds listings.
    assert '"sku": "AB/CD12-EF34"' in listings or '"sku":"AB/CD12-EF34"' in listings
    search = [
        json.loads(part.split("\n\n", 1)[1].splitlines()[0])
        for part in listings.split("HTTP/1.1 200 OK")[1:]
        if '"numberOfResults"' in part
    ]
    assert search and search[0]["numberOfResults"] >= 5
