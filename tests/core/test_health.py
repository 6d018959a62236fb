"""Liveness and readiness, with each dependency taken down in turn."""

import pytest
from django.db import OperationalError

from apps.core import health


def test_health_answers_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_refuses_post(client):
    assert client.post("/health/").status_code == 405


@pytest.mark.django_db
def test_ready_reports_every_check_when_all_are_up(client, monkeypatch):
    from apps.core.journal import writer

    # Other tests in this process may have made it drop (within 30 s).
    monkeypatch.setattr(writer, "last_drop", 0.0)
    response = client.get("/ready/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "journal"}


@pytest.mark.django_db
def test_ready_names_the_database_when_it_is_down(client, monkeypatch):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", down)
    response = client.get("/ready/")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["database"]
    assert body["checks"]["database"]["status"] == "down"
    assert "connection refused" in body["checks"]["database"]["error"]
    assert body["checks"]["cache"]["status"] == "ok"


@pytest.mark.django_db
def test_ready_names_the_cache_when_it_loses_values(client, monkeypatch):
    monkeypatch.setattr(health.cache, "get", lambda *a, **k: None)
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


@pytest.mark.django_db
def test_ready_names_the_broker_when_it_cannot_be_reached(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from config.celery import app

    original = app.conf.broker_url
    # Nothing listens on port 1: the connection is refused at once.
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/ready/")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["broker"]
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
@pytest.mark.redis
def test_ready_checks_a_real_redis_broker(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from config.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/ready/")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["status"] == "ok"


@pytest.mark.django_db
@pytest.mark.postgres
def test_ready_runs_against_postgresql(client):
    from django.db import connection

    assert connection.vendor == "postgresql"
    assert client.get("/ready/").json()["checks"]["database"]["status"] == "ok"
