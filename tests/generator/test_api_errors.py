"""Refusals over Django's own stack: FastAPI's shapes, never HTML, and the
journal records each call through the kit."""

import json

import pytest

from apps.core.journal import JournalEntry, writer
from apps.generator.engine import ENTITIES

pytestmark = pytest.mark.django_db
URL = "/generator/api/v1/users"


def test_bad_parameters_are_one_422_naming_each(client):
    response = client.get(
        URL, {"limit": "10001", "seed": "abc", "format": "yaml", "locale": "xx"}
    )

    assert response.status_code == 422
    assert response["Content-Type"] == "application/json"
    detail = response.json()["detail"]
    assert [d["loc"] for d in detail] == [
        ["query", "format"], ["query", "limit"], ["query", "seed"], ["query", "locale"]
    ]  # fmt: skip
    assert all(set(d) == {"type", "loc", "msg", "input"} for d in detail)
    assert [d["input"] for d in detail] == ["yaml", "10001", "abc", "xx"]


def test_limit_zero_is_greater_than_equal(client):
    detail = client.get(URL, {"limit": "0"}).json()["detail"]

    assert detail == [{
        "type": "greater_than_equal", "loc": ["query", "limit"],
        "msg": "Input should be greater than or equal to 1", "input": "0",
    }]  # fmt: skip


def test_an_error_stays_json_whatever_the_client_accepts(client):
    response = client.get(URL, {"limit": "0"}, HTTP_ACCEPT="text/csv")

    assert response.status_code == 422
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "path",
    [
        "/generator/api/v1/customers",
        "/generator/api/v1/analytics",
        "/generator/api/v2/users",
    ],
)
def test_an_unknown_entity_is_not_found(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_a_write_is_method_not_allowed(client):
    response = client.post(URL)

    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"}
    assert "GET" in response["Allow"]


def test_a_refusal_is_journaled_once_with_its_body(client):
    client.get(URL, {"limit": "0"})
    writer.flush()

    entry = JournalEntry.objects.get()
    assert (entry.family, entry.operation, entry.status) == (
        "generator", "get_users_api_v1_users_get", 422
    )  # fmt: skip
    assert json.loads(entry.response_body)["detail"][0]["loc"] == ["query", "limit"]
    assert not entry.response_body_truncated


def test_the_openapi_document_lists_every_entity_with_its_fields(client):
    document = client.get("/generator/openapi.json").json()

    assert document["servers"] == [{"url": "/generator"}]
    assert {p for p in document["paths"] if p.startswith("/api/v1/")} == {
        *(f"/api/v1/{name}" for name in ENTITIES),
        "/api/v1/bundle",
    }
    users = document["paths"]["/api/v1/users"]["get"]
    item = users["responses"]["200"]["content"]["application/json"]["schema"]["items"]
    assert item["properties"]["user_id"] == {"type": "string", "format": "uuid"}
    assert item["properties"]["loyalty_points"]["type"] == "integer"
    orders = document["paths"]["/api/v1/orders"]["get"]["responses"]["200"]["content"]
    items = orders["application/json"]["schema"]["items"]["properties"]["items"]
    assert items["items"]["properties"]["unit_price"]["type"] == "number"
    assert {p["name"] for p in users["parameters"]} == {
        "format",
        "limit",
        "offset",
        "seed",
        "locale",
    }


@pytest.mark.parametrize("page", ["/generator/docs", "/generator/redoc"])
def test_the_docs_pages_are_served_offline(client, page):
    response = client.get(page)

    assert response.status_code == 200
    html = response.content.decode()
    assert "/generator/openapi.json" in html
    assert "cdn." not in html and "unpkg" not in html
