"""GET /bookstore/health: each subsystem and the dependencies it needs; a
failing dependency is a 503 naming it, never a 500."""

import pytest

from apps.bookstore import health

pytestmark = pytest.mark.django_db


def down(*args, **kwargs):
    raise ConnectionError("refused")


def test_all_up_is_a_200(client):
    response = client.get("/bookstore/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["subsystems"]) == {"inventory", "sales", "delivery"}
    assert set(body["dependencies"]) == {"database", "cache", "broker"}


def test_a_broker_outage_takes_down_delivery_only(client, monkeypatch):
    monkeypatch.setitem(health.PROBES, "broker", down)

    response = client.get("/bookstore/health")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["dependencies"]["broker"] == {
        "status": "down",
        "error": "ConnectionError",
    }
    assert {k: v["status"] for k, v in body["subsystems"].items()} == {
        "inventory": "ok", "sales": "ok", "delivery": "down",
    }  # fmt: skip


def test_a_database_outage_takes_down_every_subsystem(client, monkeypatch):
    monkeypatch.setitem(health.PROBES, "database", down)

    body = client.get("/bookstore/health").json()

    assert {v["status"] for v in body["subsystems"].values()} == {"down"}


@pytest.mark.redis
def test_the_real_broker_is_probed_when_not_eager(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    body = client.get("/bookstore/health").json()

    assert body["dependencies"]["broker"]["status"] == "ok"
