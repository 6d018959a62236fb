"""A family is its folder plus one line of INSTALLED_APPS: the test-only
``tests.tinyfamily`` is served, answers FastAPI's error shapes (before any
view too), reserves its prefix and is recorded in the journal, with nothing
else in the project touched."""

import importlib
import json

import pytest
import yaml
from django.conf import settings as django_settings
from django.test import Client, override_settings
from django.urls import clear_url_caches

from apps.core import families
from apps.core.journal import JournalEntry, writer
from apps.core.seeding import runner
from tests.tinyfamily import store

pytestmark = pytest.mark.django_db


def reload_urls() -> None:
    importlib.reload(importlib.import_module("config.urls"))
    clear_url_caches()


@pytest.fixture(scope="module")
def tiny():
    # Plain override_settings, not pytest-django's ``settings``: overrides
    # must unwind in order, and a test's own change to ``settings`` would
    # unwind after this one.
    apps = [*django_settings.INSTALLED_APPS, "tests.tinyfamily"]
    with override_settings(INSTALLED_APPS=apps):
        reload_urls()
        yield Client(raise_request_exception=False)
    reload_urls()


def test_without_the_app_the_prefix_is_a_mock_group_name(client):
    response = client.get("/tiny/items")

    assert response.status_code == 404
    assert response.json()["type"].endswith("/group-not-found")
    assert "tiny" not in families.reserved_segments()


def test_the_family_is_registered_and_served(tiny):
    response = tiny.get("/tiny/items")

    assert families.get("tiny").title == "Tiny test API"
    assert response.status_code == 200
    assert response.json() == [{"id": 1, "name": "teapot"}]
    assert response.has_header("X-Request-Id")


def test_its_prefix_is_reserved_for_groups(tiny):
    from django.core.exceptions import ValidationError

    from apps.mocks.validators import validate_slug

    with pytest.raises(ValidationError):
        validate_slug("tiny")


@pytest.mark.parametrize(
    ("query", "loc", "type_"),
    [("limit=0", ["query", "limit"], "less_than_equal"),
     ("limit=x", ["query", "limit"], "int_parsing")],
)  # fmt: skip
def test_a_service_validation_error_is_fastapi_s_422(tiny, query, loc, type_):
    response = tiny.get(f"/tiny/items?{query}")

    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert (item["loc"], item["type"]) == (loc, type_)
    assert set(item) == {"type", "loc", "msg", "input"}


def test_a_serializer_error_is_a_422_naming_the_body_field(tiny):
    response = tiny.post("/tiny/items", {}, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]
    assert response.json()["detail"][0]["type"] == "missing"


def test_malformed_json_is_fastapi_s_json_invalid(tiny):
    response = tiny.post("/tiny/items", "{nope", content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"


def test_an_application_not_found_keeps_its_message(tiny):
    response = tiny.get("/tiny/items/9")

    assert (response.status_code, response.json()) == (
        404,
        {"detail": "Item not found"},
    )


@pytest.mark.parametrize("path", ["/tiny/nope", "/tiny/a%0Ab", "/tiny"])
def test_an_unknown_path_is_starlette_s_404(tiny, path):
    response = tiny.get(path)

    assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})


def test_a_wrong_method_is_a_405_with_allow(tiny):
    response = tiny.delete("/tiny/items")

    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"}
    assert "GET" in response["Allow"]


def test_a_crash_outside_drf_is_a_json_500(tiny):
    response = tiny.get("/tiny/crash")

    assert (response.status_code, response.json()) == (
        500,
        {"detail": "Internal Server Error"},
    )


def test_a_bad_host_is_a_400_detail(tiny):
    with override_settings(ALLOWED_HOSTS=["mock.example.com"]):
        response = tiny.get("/tiny/items", HTTP_HOST="evil.example.org")

    assert response.status_code == 400
    assert "evil.example.org" in response.json()["detail"]


def test_its_calls_are_recorded_under_its_label(tiny):
    tiny.get("/tiny/items?limit=0")
    writer.flush()

    entry = JournalEntry.objects.get()
    assert (entry.family, entry.operation, entry.status) == ("tiny", "listItems", 422)
    assert json.loads(entry.response_body)["detail"][0]["loc"] == ["query", "limit"]


def test_its_openapi_document_lists_only_its_own_paths(tiny):
    response = tiny.get(families.get("tiny").schema_url)

    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["servers"] == [{"url": "/tiny"}]
    assert {"/items", "/items/{item_id}"} <= set(document["paths"])
    assert not [p for p in document["paths"] if p.startswith("/api")]
    assert tiny.get("/tiny/docs").status_code == 200


@pytest.fixture
def fresh_store():
    saved = dict(store.ITEMS)
    yield store.ITEMS
    store.ITEMS.clear()
    store.ITEMS.update(saved)


def test_the_same_seed_gives_the_same_state(tiny, fresh_store):
    family = families.get("tiny")

    runner.run(family, "seed", seed=3)
    first = runner.state_digest(family)
    runner.run(family, "reset", seed=3)

    assert runner.state_digest(family) == first
    assert len(store.snapshot()) == 5
    runner.run(family, "seed", seed=4)
    assert runner.state_digest(family) != first


def test_staff_reset_it_over_http(tiny, fresh_store, staff_user):
    tiny.force_login(staff_user)

    response = tiny.post(
        "/tiny/_mock/reset", {"seed": 3, "scale": 2}, content_type="application/json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["summary"]["counts"] == {"items": 10}
    assert len(tiny.get("/tiny/items?limit=10").json()) == 10
    tiny.logout()


def test_anonymous_reset_is_fastapi_s_403(tiny, fresh_store):
    response = tiny.post("/tiny/_mock/reset", {}, content_type="application/json")

    assert response.status_code in (401, 403)
    assert set(response.json()) == {"detail"}
