"""POST /_mock/reset: the mock engine family's staff-only reset (the kit's
view factory), answered and recorded like every family's."""

import pytest

from apps.core.journal import JournalEntry, writer
from apps.mocks import models as m
from apps.mocks import services

pytestmark = pytest.mark.django_db


def test_anonymous_reset_is_refused_as_problem_json(client):
    response = client.post("/_mock/reset", {}, content_type="application/json")

    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"
    assert not m.Group.objects.exists()


def test_staff_reset_restores_the_demo_groups_and_drops_additions(client, staff_user):
    client.force_login(staff_user)
    client.post("/_mock/reset", {"seed": 1}, content_type="application/json")
    erp = m.Group.objects.get(slug="erp")
    services.endpoint_create(
        group=erp,
        data={"name": "added by QA", "path": "/qa-extra", "response_body": {}},
    )

    response = client.post("/_mock/reset", {"seed": 1}, content_type="application/json")

    assert response.status_code == 200, response.content
    assert response.json()["family"] == "mocks"
    assert not m.Endpoint.objects.filter(path="/qa-extra").exists()
    assert m.Endpoint.objects.filter(group__slug="erp").exists()


def test_the_reset_is_recorded_in_the_journal(client, staff_user):
    client.force_login(staff_user)
    client.post("/_mock/reset", {"seed": 1}, content_type="application/json")
    writer.flush()

    entry = JournalEntry.objects.get()
    assert (entry.family, entry.path, entry.status) == ("mocks", "/_mock/reset", 200)
    assert entry.principal == f"user:{staff_user.pk}"
