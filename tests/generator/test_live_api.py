"""The generator over real HTTP: gunicorn with two uvicorn workers (as
deployed), httpx as the client, every entity in every format read back."""

import csv
import io
import json
import sqlite3
import time
import xml.etree.ElementTree as ET
import zipfile

import httpx
import pytest

from apps.generator.engine import ENTITIES, VERSION
from apps.generator.engine.formats import csv_columns
from tests.e2e.server import LiveServer, manage, server_env

pytestmark = pytest.mark.slow
API = "/generator/api/v1/"


@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("generator") / "live.sqlite3"
    manage(server_env(f"sqlite:///{path}"), "migrate", "--noinput")
    return path


@pytest.fixture(scope="module")
def live(db_file):
    env = server_env(f"sqlite:///{db_file}")
    # Generous start-up: the two cores are shared with other engineers' work.
    server = LiveServer("config.asgi:application", env, workers=2, startup_timeout=120)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def http(live):
    with httpx.Client(base_url=live.url, timeout=60) as client:
        yield client


def get(http, entity, **params):
    response = http.get(API + entity, params=params)
    assert response.status_code == 200, response.text
    return response


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def assert_csv_cell(cell: str, value) -> None:
    if isinstance(value, list):
        assert json.loads(cell) == value
    else:
        assert cell == text_of(value)


def assert_xml(element, fields, record) -> None:
    assert [child.tag for child in element] == [f.name for f in fields]
    for fld, child in zip(fields, element, strict=True):
        value = record[fld.name]
        if fld.type == "object" and value is not None:
            assert_xml(child, fld.children, value)
        elif fld.type == "array":
            assert [c.tag for c in child] == ["item"] * len(value)
            for entry, item in zip(value, child, strict=True):
                assert_xml(item, fld.children, entry)
        else:
            assert (child.text or "") == text_of(value)


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_entity_serves_four_formats_that_read_back_to_the_same_values(
    http, entity
):
    spec = ENTITIES[entity]
    params = {"seed": 11, "limit": 25, "offset": 3, "locale": "fr_FR"}
    records = get(http, entity, **params).json()
    assert len(records) == min(25, spec.size - 3)

    ndjson = get(http, entity, format="ndjson", **params)
    assert ndjson.headers["content-type"] == "application/x-ndjson"
    assert [json.loads(line) for line in ndjson.text.splitlines()] == records

    table = get(http, entity, format="csv", **params)
    assert table.headers["content-type"] == "text/csv; charset=utf-8"
    assert table.headers["content-disposition"].startswith("attachment; filename=")
    assert table.content.endswith(b"\r\n")
    reader = list(csv.reader(io.StringIO(table.text, newline="")))
    columns = csv_columns(spec.fields)
    assert reader[0] == [header for header, _, _ in columns]
    assert len(reader) == len(records) + 1
    for row, record in zip(reader[1:], records, strict=True):
        for cell, (_, name, child) in zip(row, columns, strict=True):
            assert_csv_cell(
                cell, record[name] if child is None else record[name][child]
            )

    document = get(http, entity, format="xml", **params)
    assert document.headers["content-type"] == "application/xml"
    assert document.text.startswith('<?xml version="1.0" ?>\n')
    root = ET.fromstring(document.content)
    assert root.tag == spec.plural
    assert [child.tag for child in root] == [spec.singular] * len(records)
    for element, record in zip(root, records, strict=True):
        assert_xml(element, spec.fields, record)


def test_every_response_says_how_to_reproduce_it(http):
    first = get(http, "orders", limit=5)
    seed = first.headers["x-generator-seed"]

    assert first.headers["x-generator-version"] == VERSION
    assert first.headers["x-generator-locale"] == "en_US"
    assert get(http, "orders", limit=5, seed=seed).content == first.content


def test_both_workers_give_the_same_bytes(live):
    bodies = set()
    for _ in range(6):  # a new connection each time: both workers answer
        with httpx.Client(base_url=live.url, timeout=60) as fresh:
            bodies.add(
                fresh.get(API + "payments", params={"seed": 5, "limit": 300}).content
            )

    assert len(bodies) == 1


def test_accept_chooses_the_format_when_format_is_absent(http):
    response = http.get(
        API + "vendors", params={"limit": 2}, headers={"Accept": "application/xml"}
    )

    assert response.headers["content-type"] == "application/xml"
    assert ET.fromstring(response.content).tag == "vendors"


def test_a_large_response_streams_in_chunks_and_pages_concatenate(http):
    with http.stream(
        "GET", API + "users", params={"seed": 7, "limit": 10000}
    ) as response:
        assert response.headers["transfer-encoding"] == "chunked"
        chunks = list(response.iter_raw())
    whole = json.loads(b"".join(chunks))
    pages = [
        r
        for o in range(0, 10000, 2500)
        for r in get(http, "users", seed=7, limit=2500, offset=o).json()
    ]

    assert len(chunks) > 10
    assert pages == whole


def test_what_orders_reference_is_in_the_documented_universes(http):
    users = {u["user_id"] for u in get(http, "users", seed=7, limit=10000).json()}
    products = {
        p["product_id"] for p in get(http, "products", seed=7, limit=10000).json()
    }
    orders = get(http, "orders", seed=7, limit=2000, offset=123_456).json()

    assert {o["user_id"] for o in orders} <= users
    assert {i["product_id"] for o in orders for i in o["items"]} <= products


def test_errors_are_fastapi_json_over_http(http):
    bad = http.get(API + "users", params={"limit": 0, "seed": "s"})
    unknown = http.get(API + "customers")

    assert bad.status_code == 422
    assert [d["loc"][1] for d in bad.json()["detail"]] == ["limit", "seed"]
    assert unknown.status_code == 404 and unknown.json() == {"detail": "Not Found"}


def test_a_10000_row_body_is_journaled_truncated_at_the_cap(http, db_file):
    response = get(http, "users", seed=99, limit=10000)
    assert len(response.content) > 1_000_000

    deadline = time.monotonic() + 10
    row = None
    while row is None and time.monotonic() < deadline:
        with sqlite3.connect(db_file) as db:
            row = db.execute(
                "SELECT operation, status, response_body, response_body_truncated FROM "
                "core_journalentry WHERE query LIKE '%99%' AND family = 'generator'"
            ).fetchone()
        time.sleep(0.2)
    assert row is not None
    operation, status, body, truncated = row
    assert (operation, status, truncated) == ("get_users_api_v1_users_get", 200, 1)
    assert len(body) == 16_384  # the cap (MOCK_JOURNAL_BODY_CAP), not empty, not whole
    assert response.text.startswith(body)


def test_the_bundle_streams_a_zip_whose_files_are_the_endpoints_answers(http):
    params = {"seed": 8, "limit": 30, "locale": "ja_JP"}
    with http.stream("GET", API + "bundle", params=params) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/zip"
        disposition = response.headers["content-disposition"]
        body = response.read()
    archive = zipfile.ZipFile(io.BytesIO(body))

    assert disposition == 'attachment; filename="generator_seed8_ja_JP_csv.zip"'
    assert len(archive.namelist()) == len(ENTITIES) + 1
    for entity, name in (
        ("returns", "returns.csv"),
        ("support-tickets", "support_tickets.csv"),
    ):
        assert archive.read(name) == get(http, entity, format="csv", **params).content


def test_a_bad_bundle_query_is_a_422(http):
    response = http.get(API + "bundle", params={"limit": 10001, "format": "pdf"})

    assert response.status_code == 422
    assert [d["loc"][1] for d in response.json()["detail"]] == ["format", "limit"]
