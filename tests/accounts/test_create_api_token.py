"""manage.py create_api_token EMAIL [--rotate]."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().strip()


def test_prints_a_token_that_authenticates_the_user(user):
    key = run("user@example.com")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert client.get("/api/auth/me").json()["email"] == "user@example.com"


def test_running_again_prints_the_same_token(user):
    assert run("user@example.com") == run("user@example.com")
    assert Token.objects.filter(user=user).count() == 1


def test_email_matches_in_any_case(user):
    assert run("USER@Example.com") == Token.objects.get(user=user).key


def test_rotate_replaces_the_token_and_revokes_the_old_one(user):
    old = run("user@example.com")

    new = run("user@example.com", "--rotate")

    assert new != old
    assert list(Token.objects.filter(user=user).values_list("key", flat=True)) == [new]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert client.get("/api/auth/me").status_code == 401


def test_unknown_email_is_an_error_and_creates_nothing(user):
    with pytest.raises(CommandError, match="No user with email"):
        run("nobody@example.com")

    assert Token.objects.count() == 0


def test_inactive_user_gets_no_token(user):
    user.is_active = False
    user.save()

    with pytest.raises(CommandError, match="inactive"):
        run("user@example.com")
    assert Token.objects.count() == 0
