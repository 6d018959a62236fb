"""``manage.py bootstrap_dev``: a known admin for local development only."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.accounts.models import User

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("bootstrap_dev", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv("DEV_ADMIN_EMAIL", raising=False)
    monkeypatch.delenv("DEV_ADMIN_PASSWORD", raising=False)


def test_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        run()
    assert not User.objects.exists()


def test_force_runs_with_debug_off(settings):
    settings.DEBUG = False
    run("--force")
    assert User.objects.get(email="admin@example.com").is_superuser


def test_creates_the_default_superuser_and_prints_how_to_sign_in(debug):
    out = run()
    user = User.objects.get(email="admin@example.com")
    assert user.is_superuser and user.is_staff and user.is_active
    assert user.check_password("admin")
    assert "http://127.0.0.1:8000/admin/" in out
    assert "admin@example.com" in out and "password: admin" in out


def test_reads_email_and_password_from_the_environment(debug, monkeypatch):
    monkeypatch.setenv("DEV_ADMIN_EMAIL", "QA.Lead@Example.com")
    monkeypatch.setenv("DEV_ADMIN_PASSWORD", "s3cret-dev")
    run()
    user = User.objects.get()
    assert user.email == "qa.lead@example.com"
    assert user.check_password("s3cret-dev")


def test_running_twice_keeps_one_account_and_resets_its_password(debug):
    run()
    user = User.objects.get()
    user.set_password("changed")
    user.is_superuser = False
    user.save()
    out = run()
    user.refresh_from_db()
    assert User.objects.count() == 1
    assert user.check_password("admin") and user.is_superuser
    assert "Updated" in out


def test_promotes_an_existing_user_with_that_email(debug, user, monkeypatch):
    monkeypatch.setenv("DEV_ADMIN_EMAIL", user.email.upper())
    run()
    user.refresh_from_db()
    assert user.is_superuser
    assert user.name == "Una User"
    assert User.objects.count() == 1
