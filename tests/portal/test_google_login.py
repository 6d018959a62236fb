"""Google sign-in through allauth's real views, with Google faked at the HTTP
layer: allauth's google provider talks to Google with ``requests`` (the
adapter's ``get_requests_session()``), so ``responses`` answers the token
exchange. Nothing leaves the machine."""

import time
import uuid
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from allauth.socialaccount.models import SocialAccount
from django.test import Client, override_settings
from django.urls import reverse

from apps.accounts.models import User

pytestmark = pytest.mark.django_db

CLIENT_ID = "test-client-id.apps.googleusercontent.com"
TOKEN_URL = "https://oauth2.googleapis.com/token"
GOOGLE = {
    "google": {
        "SCOPE": ["profile", "email"],
        "AUTH_PARAMS": {"access_type": "online"},
        "EMAIL_AUTHENTICATION": True,
        "APPS": [{"client_id": CLIENT_ID, "secret": "test-secret", "key": ""}],
    }
}


def id_token(*, sub: str, email: str, name: str) -> str:
    now = int(time.time())
    claims = {
        "iss": "https://accounts.google.com",
        "aud": CLIENT_ID,
        "sub": sub,
        "email": email,
        "email_verified": True,
        "name": name,
        "given_name": name.split()[0],
        "family_name": " ".join(name.split()[1:]),
        "iat": now,
        "exp": now + 3600,
        "jti": uuid.uuid4().hex,
    }
    # allauth fetched it itself over TLS, so it skips the signature check.
    return jwt.encode(claims, "not-checked-" * 4, algorithm="HS256")


def google_sign_in(client: Client, *, sub: str, email: str, name: str, next_url: str):
    """Run the whole redirect/callback dance; returns the callback's response."""
    start = client.post(reverse("google_login") + f"?process=login&next={next_url}")
    assert start.status_code == 302
    authorize = urlparse(start["Location"])
    assert authorize.netloc == "accounts.google.com"
    query = parse_qs(authorize.query)
    assert query["client_id"] == [CLIENT_ID]
    state = query["state"][0]
    with responses.RequestsMock() as google:
        google.add(
            responses.POST,
            TOKEN_URL,
            json={
                "access_token": "ya29.fake",
                "expires_in": 3599,
                "token_type": "Bearer",
                "scope": "openid email profile",
                "id_token": id_token(sub=sub, email=email, name=name),
            },
        )
        response = client.get(
            reverse("google_callback"), {"code": "4/fake-code", "state": state}
        )
        assert len(google.calls) == 1
        assert "code=4%2Ffake-code" in google.calls[0].request.body
    return response


@override_settings(SOCIALACCOUNT_PROVIDERS=GOOGLE)
def test_login_page_offers_google_when_configured(client):
    content = client.get(reverse("account_login")).content.decode()
    assert "Sign in with Google" in content
    assert reverse("google_login") in content


def test_login_page_hides_google_when_not_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"google": {**GOOGLE["google"], "APPS": []}}
    assert (
        "Sign in with Google"
        not in client.get(reverse("account_login")).content.decode()
    )


@override_settings(SOCIALACCOUNT_PROVIDERS=GOOGLE)
def test_first_google_sign_in_creates_the_user_and_lands_on_the_page_asked_for():
    client = Client()
    asked = reverse("portal:group_create")
    bounce = client.get(asked)
    assert bounce["Location"].startswith(reverse("account_login"))

    response = google_sign_in(
        client,
        sub="1001",
        email="Gina.Google@Example.com",
        name="Gina Google",
        next_url=asked,
    )

    assert response.status_code == 302
    assert response["Location"] == asked
    user = User.objects.get()
    assert (user.email, user.name) == ("gina.google@example.com", "Gina Google")
    assert SocialAccount.objects.get().uid == "1001"
    assert client.get(asked).status_code == 200


@override_settings(SOCIALACCOUNT_PROVIDERS=GOOGLE)
def test_second_google_sign_in_finds_the_same_user():
    first = Client()
    google_sign_in(first, sub="1002", email="sam@example.com", name="Sam", next_url="/")
    second = Client()
    response = google_sign_in(
        second, sub="1002", email="sam@example.com", name="Sam", next_url="/"
    )
    assert response["Location"] == "/"
    assert User.objects.count() == 1
    assert SocialAccount.objects.count() == 1
    assert second.get("/").context["user"].email == "sam@example.com"


@override_settings(SOCIALACCOUNT_PROVIDERS=GOOGLE)
def test_google_sign_in_matches_an_existing_local_user_by_email(user):
    client = Client()
    response = google_sign_in(
        client, sub="1003", email=user.email.upper(), name="Una", next_url="/"
    )
    assert response.status_code == 302
    assert User.objects.count() == 1
    assert SocialAccount.objects.get().user == user


@override_settings(SOCIALACCOUNT_PROVIDERS=GOOGLE)
def test_a_forged_state_is_refused(client):
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        response = client.get(
            reverse("google_callback"), {"code": "x", "state": "forged"}
        )
    assert response.status_code in (200, 401)
    assert "Sign-in failed" in response.content.decode()
    assert not User.objects.exists()
