"""The custom user: email is the login, stored lower-case; name is free text."""

import pytest
from django.contrib.auth import authenticate, get_user_model

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_email_is_the_username_field():
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(User(), "username") or User().username is None


def test_create_user_normalizes_the_email_and_hashes_the_password():
    user = User.objects.create_user(
        email="Mixed.Case@Example.COM", password="s3cret-pw!"
    )
    assert user.email == "mixed.case@example.com"
    assert user.password != "s3cret-pw!"
    assert user.check_password("s3cret-pw!")
    assert not user.is_staff


def test_create_user_requires_an_email():
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user(email="", password="x")


def test_create_superuser_sets_the_flags():
    admin = User.objects.create_superuser(email="root@example.com", password="pw")
    assert admin.is_staff and admin.is_superuser


def test_create_superuser_refuses_non_staff():
    with pytest.raises(ValueError):
        User.objects.create_superuser(
            email="r@example.com", password="pw", is_staff=False
        )


def test_authenticate_by_email_any_case():
    User.objects.create_user(email="ana@example.com", password="pw-Secret-1")
    assert authenticate(email="ANA@example.com", password="pw-Secret-1") is not None
    assert authenticate(email="ana@example.com", password="wrong") is None


def test_names_fall_back_to_the_email():
    user = User(email="bob@example.com")
    assert user.get_full_name() == "bob@example.com"
    assert user.get_short_name() == "bob"
    user.name = "Bob Builder"
    assert user.get_full_name() == "Bob Builder"
    assert user.get_short_name() == "Bob"


def test_createsuperuser_command_works_with_the_custom_user(monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "pw-Secret-123")
    call_command(
        "createsuperuser", "--noinput", "--email", "qa@example.com", verbosity=0
    )
    assert User.objects.get(email="qa@example.com").is_superuser


def test_local_login_page_renders(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b'name="login"' in response.content or b'name="email"' in response.content


def test_local_login_signs_in_with_email_and_password(client, user):
    response = client.post(
        "/accounts/login/", {"login": "user@example.com", "password": "pw-Secret-123"}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_wrong_password_does_not_sign_in(client, user):
    response = client.post(
        "/accounts/login/", {"login": "user@example.com", "password": "nope"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
