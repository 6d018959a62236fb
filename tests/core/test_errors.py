"""Requests refused before any view still get their API's error format."""

import pytest


@pytest.fixture
def strict_hosts(settings):
    settings.ALLOWED_HOSTS = ["mock.example.com"]


def test_bad_host_under_amazon_gets_the_sp_api_envelope(client, strict_hosts):
    response = client.get("/amazon/orders/v0/orders", HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["code"] == "InvalidInput"
    assert "evil.example.org" in body["errors"][0]["message"]


@pytest.mark.parametrize("path", ["/api/groups", "/erp/customers"])
def test_bad_host_elsewhere_gets_problem_json(client, strict_hosts, path):
    response = client.get(path, HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400
