"""Journal pages (list, filters, detail, JSONL export) and the OpenAPI upload."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from apps.core.factories import JournalEntryFactory
from apps.mocks import models as m
from apps.mocks.portal import views

pytestmark = pytest.mark.django_db
SPECS = Path(__file__).parent.parent / "openapi" / "specs"


@pytest.fixture
def entries(group):
    return [
        JournalEntryFactory(group_slug=group.slug, path="/orders/1", status=200),
        JournalEntryFactory(
            group_slug=group.slug,
            path="/orders/2",
            status=500,
            chaos=True,
            chaos_fault="http_500",
        ),
        # Not one of the user's groups, but a call the user made: theirs to read.
        JournalEntryFactory(
            group_slug="elsewhere",
            path="/x",
            method="POST",
            principal=f"user:{group.created_by_id}",
        ),
    ]


def test_journal_lists_recent_requests(client_in, entries):
    response = client_in.get(reverse("portal:journal"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 3


def test_journal_filters_by_group_status_and_fault(client_in, group, entries):
    url = reverse("portal:journal")
    by_group = client_in.get(url, {"group": group.slug}).context["page"]
    assert {e.group_slug for e in by_group} == {group.slug}
    by_fault = client_in.get(url, {"fault": "http_500"}).context["page"]
    assert [e.status for e in by_fault] == [500]
    by_method = client_in.get(url, {"method": "POST"}).context["page"]
    assert [e.group_slug for e in by_method] == ["elsewhere"]


def test_journal_filters_by_time_window(client_in, group):
    from datetime import UTC, datetime

    old = JournalEntryFactory(
        group_slug=group.slug, created_at=datetime(2026, 1, 1, 12, tzinfo=UTC)
    )
    new = JournalEntryFactory(
        group_slug=group.slug, created_at=datetime(2026, 3, 1, 12, tzinfo=UTC)
    )
    url = reverse("portal:journal")
    since = client_in.get(url, {"since": "2026-02-01T00:00"}).context["page"]
    until = client_in.get(url, {"until": "2026-02-01T00:00"}).context["page"]
    assert list(since) == [new]
    assert list(until) == [old]
    export = client_in.get(url, {"since": "2026-02-01T00:00"}).context["export_query"]
    assert "since=2026-02-01T00%3A00" in export


def test_journal_refuses_an_inverted_time_window(client_in, group):
    response = client_in.get(
        reverse("portal:journal"),
        {"since": "2026-03-01T00:00", "until": "2026-02-01T00:00"},
    )
    assert response.status_code == 200
    assert "until" in response.context["form"].errors


def test_journal_export_is_jsonl_of_the_filtered_entries(client_in, group, entries):
    response = client_in.get(reverse("portal:journal_export"), {"group": group.slug})
    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["request"]["path"] for r in records] == ["/orders/1", "/orders/2"]


def test_home_counts_requests_served_today(client_in, entries):
    response = client_in.get(reverse("portal:home"))
    assert response.context["requests_today"] == 3
    assert 'data-stat="requests">3<' in response.content.decode()


def test_journal_missing_shows_a_clear_state(client_in, monkeypatch):
    monkeypatch.setattr(views, "load_journal", lambda: None)
    response = client_in.get(reverse("portal:journal"))
    assert "not available" in response.content.decode()
    assert client_in.get(reverse("portal:home")).context["requests_today"] is None


# --- OpenAPI upload (portal) -------------------------------------------------------


def test_portal_import_creates_a_group_and_shows_the_report(client_in):
    upload = SimpleUploadedFile("pets.yaml", (SPECS / "petstore.yaml").read_bytes())
    response = client_in.post(
        reverse("portal:group_import"), {"file": upload, "slug": "pets"}, follow=True
    )
    group = m.Group.objects.get(slug="pets")
    assert group.endpoints.count() == 3
    content = response.content.decode()
    assert "Import report" in content
    assert "cookie parameters are not supported" in content


def test_portal_import_of_a_malformed_file_shows_the_error_and_creates_nothing(
    client_in,
):
    upload = SimpleUploadedFile("bad.yaml", b"openapi: [3.0\n  : :")
    response = client_in.post(reverse("portal:group_import"), {"file": upload})
    assert response.status_code == 200
    assert (
        "neither valid JSON nor valid YAML"
        in response.context["form"].errors["file"][0]
    )
    assert not m.Group.all_objects.exists()


def test_portal_export_downloads_openapi_json_and_yaml(client_in, group, endpoint):
    url = reverse("portal:group_export", args=[group.pk])
    document = json.loads(client_in.get(url).content)
    assert document["openapi"] == "3.1.0"
    assert "/orders/{order_id}" in document["paths"]
    response = client_in.get(url, {"format": "yaml"})
    assert response["Content-Type"].startswith("application/yaml")


# --- POST /api/groups/import -------------------------------------------------------


@pytest.fixture
def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_import_multipart(api):
    upload = SimpleUploadedFile("pets.yaml", (SPECS / "petstore.yaml").read_bytes())
    response = api.post(
        "/api/groups/import", {"file": upload, "slug": "api-pets"}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["group"]["slug"] == "api-pets"
    assert len(response.json()["report"]["imported"]) == 3


def test_api_import_json_body_with_slug_in_the_query(api):
    document = json.loads((SPECS / "refs_allof.json").read_text())
    response = api.post("/api/groups/import?slug=orders-json", document, format="json")
    assert response.status_code == 201, response.content
    assert m.Group.objects.get(slug="orders-json").endpoints.count() == 3


def test_api_import_raw_yaml_body(api):
    response = api.post(
        "/api/groups/import?slug=lib",
        (SPECS / "path_params.yaml").read_bytes(),
        content_type="application/yaml",
    )
    assert response.status_code == 201, response.content


def test_api_import_malformed_is_a_400_problem_and_creates_nothing(api):
    response = api.post(
        "/api/groups/import",
        b'{"openapi": "3.0.0"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "not valid OpenAPI" in response.content.decode()
    assert not m.Group.all_objects.exists()


@pytest.mark.parametrize("body", [[None, None], "just a string", 42, None])
def test_api_import_of_a_json_value_that_is_not_an_object_is_a_400(api, body):
    response = api.post("/api/groups/import", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "document"
    assert not m.Group.all_objects.exists()


def test_api_import_needs_authentication():
    response = APIClient().post("/api/groups/import", {}, format="json")
    assert response.status_code == 401
