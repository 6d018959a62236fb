"""X-API-Key on everything but health and docs; 401 {"detail": str}."""

import pytest


@pytest.mark.parametrize(
    "path", ["/api/books", "/api/orders/00000000-0000-0000-0000-000000000000",
             "/api/delivery/00000000-0000-0000-0000-000000000000", "/metrics"],
)  # fmt: skip
def test_no_key_is_a_401(anon, path):
    response = anon.get(path)

    assert response.status_code == 401
    assert isinstance(response.json()["detail"], str)


def test_a_wrong_key_is_a_401(anon):
    response = anon.get("/api/books", headers={"X-API-Key": "wrong-key"})

    assert response.status_code == 401
    assert isinstance(response.json()["detail"], str)


def test_posts_need_a_key_too(anon):
    assert anon.post("/api/orders", json={}).status_code == 401
    assert anon.post("/api/delivery", json={}).status_code == 401


@pytest.mark.parametrize("path", ["/health", "/docs", "/redoc", "/openapi.json"])
def test_health_and_docs_are_open(anon, path):
    assert anon.get(path).status_code == 200
