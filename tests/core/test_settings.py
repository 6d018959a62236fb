"""Settings switch on the environment: each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 20 + "-production-like-secret-0a9b8c7d6e5f4a3b2c1d",
    "ALLOWED_HOSTS": "mock.example.com",
}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
            # Set by the browser tests (Playwright) in the same worker.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_probe(env: dict[str, str], expression: str):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({expression}))"
    )
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deploy_check_passes_with_production_values():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_embedded_defaults_use_sqlite_locmem_and_eager_celery():
    values = settings_probe(
        {"DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        "[settings.DATABASES['default']['ENGINE'], settings.CACHES['default']['BACKEND'],"
        " settings.CELERY_TASK_ALWAYS_EAGER]",
    )
    assert values == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        True,
    ]


def test_service_urls_switch_to_postgresql_redis_and_a_real_broker():
    values = settings_probe(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": "postgres://u:p@db.internal:5432/mock",
            "REDIS_URL": "redis://cache.internal:6379/3",
        },
        "[settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['HOST'],"
        " settings.CACHES['default']['BACKEND'], settings.CELERY_BROKER_URL,"
        " settings.CELERY_TASK_ALWAYS_EAGER]",
    )
    assert values == [
        "django.db.backends.postgresql",
        "db.internal",
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.internal:6379/3",
        False,
    ]


@pytest.mark.parametrize("configured", [True, False])
def test_google_provider_is_enabled_only_with_both_credentials(configured):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "GOOGLE_CLIENT_ID": "id"}
    if configured:
        env["GOOGLE_CLIENT_SECRET"] = "secret"
    apps = settings_probe(env, "settings.SOCIALACCOUNT_PROVIDERS['google']['APPS']")
    assert len(apps) == (1 if configured else 0)
