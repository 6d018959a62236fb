"""The request journal: recording, redaction, caps, retention, API, export."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import include, path
from django.utils import timezone

from apps.core import journal
from apps.core.journal import JournalEntry, journal_prune
from apps.core.tasks import prune_journal
from apps.mocks import models as m
from apps.mocks import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_engine")]

urlpatterns = [
    path("api/", include("apps.mocks.api.journal_urls")),
    path("", include("config.urls")),
]


@pytest.fixture
def endpoint(db):
    group = services.group_create(data={"name": "J", "slug": "jg"})
    return services.endpoint_create(
        group=group,
        data={
            "name": "login",
            "path": "/login",
            "method": "POST",
            "response_body": {"token": "t"},
        },
    )


def call(client, body=None, **headers):
    return client.post(
        "/jg/login",
        json.dumps(body or {"user": "u", "password": "hunter2"}),
        content_type="application/json",
        **headers,
    )


def test_request_is_recorded_after_flush(client, endpoint):
    call(client)
    assert journal.writer.flush() == 1
    entry = JournalEntry.objects.get()
    assert (entry.group_slug, entry.path, entry.status, str(entry.endpoint_id)) == (
        "jg",
        "/login",
        200,
        str(endpoint.id),
    )


def test_secrets_are_redacted(client, endpoint):
    call(client, HTTP_AUTHORIZATION="Bearer abc", HTTP_COOKIE="s=1")
    journal.writer.flush()
    entry = JournalEntry.objects.get()
    assert entry.request_headers["authorization"] == journal.REDACTED
    assert entry.request_headers["cookie"] == journal.REDACTED
    assert json.loads(entry.request_body)["password"] == journal.REDACTED


def test_secret_names_follow_the_setting(client, endpoint, settings):
    # Redaction decisions are cached per header name; a settings change must
    # reach them (override_settings / the settings fixture send setting_changed).
    call(client, HTTP_X_TENANT_KEY="tenant-1")
    settings.MOCK_JOURNAL_SECRET_NAMES = ["tenant-key"]
    call(client, HTTP_X_TENANT_KEY="tenant-2")
    journal.writer.flush()
    first, second = JournalEntry.objects.order_by("id")
    assert first.request_headers["x-tenant-key"] == "tenant-1"
    assert second.request_headers["x-tenant-key"] == journal.REDACTED


def test_bodies_are_capped(client, endpoint, settings):
    settings.MOCK_JOURNAL_BODY_CAP = 10
    call(client, {"data": "x" * 100})
    journal.writer.flush()
    entry = JournalEntry.objects.get()
    assert len(entry.request_body) == 10 and entry.request_body_truncated


def test_chaos_fault_is_recorded(client, endpoint):
    client.post(
        "/jg/login/chaos",
        "{}",
        content_type="application/json",
        HTTP_X_CHAOS_FAULT="http_500",
    )
    journal.writer.flush()
    assert JournalEntry.objects.get().chaos_fault == "http_500"


def test_validation_failures_are_recorded(client, db):
    group = services.group_create(data={"name": "V", "slug": "vg"})
    services.endpoint_create(
        group=group, data={"name": "s", "path": "/s", "url_parameters": [{"name": "q"}]}
    )
    client.get("/vg/s")
    journal.writer.flush()
    assert JournalEntry.objects.get().validation_errors[0]["name"] == "q"


def test_journal_failure_never_fails_the_response(client, endpoint, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("journal down")

    monkeypatch.setattr(journal, "capped_text", explode)
    assert call(client).status_code == 200


def test_full_buffer_drops_instead_of_blocking(client, endpoint, settings):
    settings.MOCK_JOURNAL_BUFFER_MAX = 1
    call(client)
    call(client)
    assert journal.writer.dropped >= 1 and len(journal.writer.buffer) == 1


def _entry(age_days=0, **kw):
    entry = JournalEntry.objects.create(
        **{"group_slug": "g", "method": "GET", "path": "/x", "status": 200, **kw}
    )
    JournalEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - timedelta(days=age_days)
    )
    return entry


def test_nul_characters_do_not_cost_the_batch():
    # The mock fast path records whatever a client sent; PostgreSQL refuses
    # U+0000 in text and jsonb, so the writer must clean it, not lose the batch.
    base = {"group_slug": "g", "method": "GET", "status": 200}
    journal.writer.record({**base, "path": "/ok"})
    journal.writer.record(
        {
            **base,
            "path": "/n\x00ul",
            "query": {"q": ["a\x00b"]},
            "request_body": "x\x00y",
            "request_headers": {"x-n\x00": "v\x00"},
            "validation_errors": [{"in": "query", "detail": "bad \x00"}],
        }
    )
    assert journal.writer.flush() == 2
    assert JournalEntry.objects.count() == 2
    odd = JournalEntry.objects.exclude(path="/ok").get()
    assert (odd.path, odd.request_body) == ("/n\ufffdul", "x\ufffdy")
    assert odd.query == {"q": ["a\ufffdb"]}
    assert odd.request_headers == {"x-n\ufffd": "v\ufffd"}
    assert odd.validation_errors == [{"in": "query", "detail": "bad \ufffd"}]


def test_prune_by_age():
    _entry(age_days=30)
    keep = _entry(age_days=1)
    assert journal_prune(max_age_days=14, max_rows=100) == 1
    assert list(JournalEntry.objects.values_list("pk", flat=True)) == [keep.pk]


def test_prune_by_count_keeps_the_newest():
    for days in (5, 4, 3, 2, 1):
        _entry(age_days=days)
    journal_prune(max_age_days=0, max_rows=2)
    assert JournalEntry.objects.count() == 2


def test_prune_task_and_command():
    _entry(age_days=40)
    assert prune_journal.delay(max_age_days=14).get() == 1
    _entry(age_days=40)
    call_command("prune_journal", "--max-age-days", "14")
    assert JournalEntry.objects.count() == 0


@pytest.mark.urls(__name__)
def test_api_lists_with_filters(client, staff_user):
    _entry(chaos_fault="timeout", chaos=True)
    _entry()
    client.force_login(staff_user)
    resp = client.get("/api/journal?fault=timeout")
    assert resp.status_code == 200 and resp.json()["count"] == 1


@pytest.mark.urls(__name__)
def test_api_requires_login(client):
    assert client.get("/api/journal").status_code in (401, 403)


@pytest.mark.urls(__name__)
def test_api_bad_since_is_400(client, user):
    client.force_login(user)
    assert client.get("/api/journal?since=yesterday").status_code == 400


@pytest.mark.urls(__name__)
def test_api_since_with_an_offset_the_database_refuses_is_converted(client, user):
    # PostgreSQL accepts offsets up to ±15:59; Python accepts up to ±23:59.
    client.force_login(user)
    resp = client.get("/api/journal", {"since": "0152-04-19T12:56:50-21:24"})
    assert resp.status_code == 200


@pytest.mark.urls(__name__)
def test_api_since_out_of_range_once_in_utc_is_400(client, user):
    client.force_login(user)
    resp = client.get("/api/journal", {"since": "0001-01-01T00:00:00+05:00"})
    assert resp.status_code == 400


@pytest.mark.urls(__name__)
def test_export_streams_jsonl_pairs(client, staff_user, endpoint):
    call(client)
    call(client)
    journal.writer.flush()
    client.force_login(staff_user)
    resp = client.get(
        f"/api/journal/export?group=jg&since={(timezone.now() - timedelta(hours=1)).isoformat()}".replace(
            "+", "%2B"
        )
    )
    lines = b"".join(resp.streaming_content).decode().splitlines()
    assert resp["Content-Type"] == "application/x-ndjson"
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert set(record) >= {"request", "response", "latency_ms"}
    assert record["response"]["status"] == 200


# --- who reads what -------------------------------------------------------------


@pytest.fixture
def owned_and_foreign(user, other_user):
    """One call to a group ``user`` owns, one to ``other_user``'s group, one
    no endpoint matched below ``user``'s slug, one ``user`` made elsewhere
    and one an SP-API seller made."""
    mine = services.group_create(data={"name": "Mine", "slug": "mine"}, user=user)
    theirs = services.group_create(
        data={"name": "Theirs", "slug": "theirs"}, user=other_user
    )
    return {
        "mine": _entry(group_slug="mine", group_id=mine.pk, path="/a"),
        "theirs": _entry(group_slug="theirs", group_id=theirs.pk, path="/b"),
        "unmatched": _entry(group_slug="mine", path="/nothing-here"),
        "own call": _entry(
            group_slug="", path="/api/groups", principal=f"user:{user.pk}"
        ),
        "seller": _entry(group_slug="", path="/amazon/orders", principal="seller:A1"),
    }


def _api_paths(client, person):
    client.force_login(person)
    return sorted(
        r["request"]["path"] for r in client.get("/api/journal").json()["results"]
    )


@pytest.mark.urls(__name__)
def test_a_user_reads_their_groups_and_their_own_calls_only(
    client, user, owned_and_foreign
):
    assert _api_paths(client, user) == ["/a", "/api/groups", "/nothing-here"]


@pytest.mark.urls(__name__)
def test_another_user_does_not_read_them(client, other_user, owned_and_foreign):
    assert _api_paths(client, other_user) == ["/b"]


@pytest.mark.urls(__name__)
def test_staff_read_every_entry(client, staff_user, owned_and_foreign):
    assert len(_api_paths(client, staff_user)) == 5


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/api/journal/export", "/portal/journal/export/"])
def test_exports_hold_only_what_the_user_may_read(
    client, other_user, owned_and_foreign, url
):
    client.force_login(other_user)
    resp = client.get(url)
    lines = b"".join(resp.streaming_content).decode().splitlines()
    assert [json.loads(line)["request"]["path"] for line in lines] == ["/b"]


def test_a_deleted_group_keeps_its_entries_its_owners(client, user, owned_and_foreign):
    # Another user taking the slug afterwards must not inherit its traffic.
    services.group_delete(group=m.Group.objects.get(slug="mine"))
    services.group_create(data={"name": "Mine 2", "slug": "mine"}, user=None)
    client.force_login(user)
    page = client.get("/portal/journal/")
    assert page.status_code == 200
    assert {e.path for e in page.context["page"]} >= {"/a", "/api/groups"}


def test_portal_list_hides_other_groups(client, other_user, owned_and_foreign):
    client.force_login(other_user)
    page = client.get("/portal/journal/")
    assert [e.path for e in page.context["page"]] == ["/b"]


def test_portal_detail_of_someone_elses_entry_is_404(
    client, other_user, owned_and_foreign
):
    client.force_login(other_user)
    mine = owned_and_foreign["mine"]
    assert client.get(f"/portal/journal/{mine.pk}/").status_code == 404
    theirs = owned_and_foreign["theirs"]
    assert client.get(f"/portal/journal/{theirs.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("person", "told"), [("other_user", True), ("staff_user", False)]
)
def test_the_portal_says_whose_calls_a_user_sees(client, request, person, told):
    client.force_login(request.getfixturevalue(person))
    page = client.get("/portal/journal/").content.decode()
    assert ("the groups you created and the calls you made yourself" in page) is told
