"""The journal middleware records every family Django serves, once each,
and nothing of the portal's own pages."""

import json

import pytest
from rest_framework.test import APIClient

from apps.core.journal import JournalEntry, writer
from apps.mocks import services

pytestmark = pytest.mark.django_db


def recorded() -> list[JournalEntry]:
    writer.flush()
    return list(JournalEntry.objects.order_by("id"))


@pytest.fixture
def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def engine(settings):
    from apps.mocks.edge.testing import reset_engine

    settings.MOCK_ENGINE_VERSION_CHECK_INTERVAL = 0
    reset_engine()
    yield
    reset_engine()


def test_management_api_call_names_its_viewset_action_and_user(api, user):
    api.get("/api/groups")

    (entry,) = recorded()
    assert (entry.family, entry.operation) == ("management", "group_list")
    assert entry.principal == f"user:{user.pk}"
    assert entry.path == "/api/groups"


def test_a_write_keeps_its_body_with_secret_fields_redacted(api):
    api.post(
        "/api/groups",
        {"name": "Billing", "slug": "billing", "client_secret": "s3cr3t"},
        format="json",
    )

    (entry,) = recorded()
    body = json.loads(entry.request_body)
    assert entry.operation == "group_create"
    assert body["name"] == "Billing"
    assert body["client_secret"] == "[redacted]"


def test_reading_the_journal_is_not_itself_recorded(api):
    api.get("/api/journal")
    api.get("/api/schema/")

    assert recorded() == []


def test_portal_pages_are_not_recorded(client, user):
    client.force_login(user)
    client.get("/")
    client.get("/portal/journal/")

    assert recorded() == []


def test_an_engine_call_is_recorded_once_by_the_engine(client, engine):
    group = services.group_create(data={"name": "J", "slug": "jg"})
    services.endpoint_create(
        group=group, data={"name": "ping", "path": "/ping", "response_body": {}}
    )

    client.get("/jg/ping")

    (entry,) = recorded()
    assert (entry.family, entry.operation, entry.group_slug) == ("mocks", "ping", "jg")


def test_chaos_fault_is_a_tag_the_api_filters_on(client, engine, staff_user):
    group = services.group_create(data={"name": "C", "slug": "cg"})
    services.endpoint_create(
        group=group,
        data={"name": "c", "path": "/c", "response_body": {}, "chaos_mode": True},
    )
    client.get("/cg/c/chaos", HTTP_X_CHAOS_FAULT="http_500")
    client.get("/cg/c")
    (chaotic, _plain) = recorded()
    assert chaotic.tags == ["chaos", "chaos:http_500"]

    api = APIClient()
    api.force_login(staff_user)
    results = api.get("/api/journal", {"tag": "chaos:http_500"}).json()["results"]

    assert [r["id"] for r in results] == [chaotic.pk]


@pytest.mark.parametrize(
    ("header", "kept"),
    [("run-42.step:3", "run-42.step:3"), ("bad value!", ""), ("x" * 65, "")],
)
def test_episode_header_is_kept_only_when_well_formed(api, header, kept):
    api.get("/api/groups", HTTP_X_EPISODE_ID=header)

    (entry,) = recorded()
    assert entry.episode == kept


def test_a_body_too_deep_to_parse_is_refused_and_not_kept(api):
    # Refused before any view (JSON_MAX_DEPTH), so never walked for redaction,
    # and its secret never stored.
    deep = "[" * 5000 + '{"password": "s3cr3t"}' + "]" * 5000
    api.post("/api/groups", deep, content_type="application/json")

    (entry,) = recorded()
    assert entry.status == 400
    assert entry.request_body == ""
    assert entry.request_body_truncated


def test_a_deep_body_that_names_no_secret_is_kept_as_sent(api):
    # Nothing in it can be a secret (the scan finds no secret name), so there
    # is nothing to walk and no reason to lose it (as deep as JSON_MAX_DEPTH
    # lets a body reach a view).
    deep = "[" * 99 + "]" * 99
    api.post("/api/groups", deep, content_type="application/json")

    (entry,) = recorded()
    assert entry.request_body == deep


def test_a_multipart_upload_is_recorded_without_its_body(api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    spec = SimpleUploadedFile("spec.json", b'{"openapi": "3.1.0"}')
    api.post("/api/groups/import", {"file": spec}, format="multipart")

    (entry,) = recorded()
    assert entry.request_body == ""
    assert entry.request_body_truncated


def test_requests_refused_before_any_view_are_recorded(client, settings):
    settings.ALLOWED_HOSTS = ["mock.example.com"]

    client.get("/api/groups", HTTP_HOST="evil.example.org")

    (entry,) = recorded()
    assert (entry.family, entry.status) == ("management", 400)


def test_journal_off_records_nothing(api, settings):
    settings.MOCK_JOURNAL_ENABLED = False

    api.get("/api/groups")

    assert recorded() == []
