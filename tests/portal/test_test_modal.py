"""The Test button: one request through the real mock engine, shown in a modal."""

import json

import pytest
from django.urls import reverse

from apps.mocks.portal import views

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def test_url(group, endpoint):
    return reverse("portal:endpoint_test", args=[group.pk, endpoint.pk])


def test_valid_request_returns_status_headers_body_latency_and_curl(
    client_in, test_url
):
    response = client_in.post(
        test_url, {"headers": "X-Api-Key: secret-1", "target": "mock"}, **JSON
    )
    data = response.json()
    assert response.status_code == 200
    assert data["status"] == 200
    assert data["body"] == {"id": 1, "status": "paid"}
    assert json.loads(data["body_display"]) == {"id": 1, "status": "paid"}
    assert data["headers"]["Cache-Control"] == "no-store"
    assert data["latency_ms"] >= 0 and data["latency_display"].endswith("ms")
    assert data["curl"].startswith(
        "curl -i -X GET http://testserver/shop-mocks/orders/1 "
    )
    assert "-H 'X-Api-Key: secret-1'" in data["curl"]


def test_missing_required_header_shows_the_engine_rejection(client_in, test_url):
    data = client_in.post(test_url, {"target": "mock"}, **JSON).json()
    assert data["status"] >= 400
    assert data["violations"]


def test_chaos_twin_is_called_with_the_chaos_suffix(client_in, test_url):
    data = client_in.post(
        test_url, {"headers": "X-Api-Key: secret-1", "target": "chaos"}, **JSON
    ).json()
    assert data["chaos"] is True
    assert "/shop-mocks/orders/1/chaos " in data["curl"]


def test_path_can_be_changed_and_is_validated_by_the_engine(client_in, test_url):
    data = client_in.post(
        test_url, {"path": "/orders/0", "headers": "X-Api-Key: secret-1"}, **JSON
    ).json()
    assert data["status"] >= 400  # order_id has minimum 1
    assert "/shop-mocks/orders/0 " in data["curl"]


def test_malformed_header_line_is_a_400_with_a_message(client_in, test_url):
    response = client_in.post(test_url, {"headers": "no colon here"}, **JSON)
    assert response.status_code == 400
    assert "Name: value" in response.json()["error"]


def test_no_js_page_shows_the_result(client_in, test_url):
    page = client_in.get(test_url)
    assert "X-Api-Key: secret-1" in page.content.decode()  # prefilled sample
    response = client_in.post(
        test_url, {"headers": "X-Api-Key: secret-1", "target": "mock"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "&quot;paid&quot;" in content
    assert "curl -i -X GET" in content


def test_missing_engine_shows_a_clear_notice(client_in, test_url, group, monkeypatch):
    monkeypatch.setattr(views, "load_test_runner", lambda: None)
    response = client_in.post(test_url, {"target": "mock"}, **JSON)
    assert response.status_code == 400
    assert "not available" in response.json()["error"]
    page = client_in.get(reverse("portal:group_detail", args=[group.pk]))
    assert "tests are disabled" in page.content.decode()


def test_other_user_may_test_a_group_they_cannot_edit(other_client, test_url):
    data = other_client.post(
        test_url, {"headers": "X-Api-Key: secret-1"}, **JSON
    ).json()
    assert data["status"] == 200
