"""NUL characters are refused at the edge, in each API's own error format."""

import json

import pytest

from apps.mocks import models as m

pytestmark = pytest.mark.django_db


def test_nul_in_a_query_value_is_a_400_problem(client, user):
    client.force_login(user)
    response = client.get("/api/journal", {"method": "G\x00ET"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "NUL" in response.json()["detail"]


def test_nul_under_amazon_is_the_sp_api_envelope(client):
    response = client.get("/amazon/reports/2021-06-30/reports?reportTypes=%00")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "InvalidInput"


def test_nul_in_a_form_body_is_refused(client):
    response = client.post(
        "/amazon/auth/o2/token",
        "grant_type=refresh_token&client_id=a%00b",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    # The token endpoint imitates LWA, so the refusal is LWA's OAuth shape.
    body = response.json()
    assert body["error"] == "invalid_request"
    assert "NUL" in body["error_description"]
    assert "errors" not in body


def test_escaped_nul_in_a_json_body_is_refused_and_nothing_is_saved(client, user):
    client.force_login(user)
    response = client.post(
        "/api/groups",
        json.dumps({"name": "bad\u0000name"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not m.Group.all_objects.exists()


def test_clean_requests_pass(client, user):
    client.force_login(user)
    response = client.post(
        "/api/groups", json.dumps({"name": "Fine"}), content_type="application/json"
    )
    assert response.status_code == 201


def test_nul_in_basic_credentials_is_refused(client):
    import base64

    credentials = base64.b64encode(b"ad\x00min@example.com:pw").decode()
    response = client.post(
        "/amazon/_mock/reset",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "InvalidInput"
