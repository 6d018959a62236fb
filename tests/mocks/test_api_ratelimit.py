"""Rate limits: the management API (API_RATELIMIT) and the login form
(LOGIN_RATELIMIT). Over the limit: 429 with Retry-After."""

import pytest
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

limited = override_settings(
    RATELIMIT_ENABLE=True, API_RATELIMIT="2/m", LOGIN_RATELIMIT="2/m"
)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@limited
def test_api_over_the_limit_is_429_problem_with_retry_after(user):
    client = client_for(user)
    assert [client.get("/api/auth/me").status_code for _ in range(2)] == [200, 200]

    response = client.get("/api/auth/me")

    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["type"].endswith("/rate-limited")


@limited
def test_api_limit_counts_writes_too(user):
    client = client_for(user)
    for _ in range(2):
        client.get("/api/groups")

    response = client.post("/api/groups", {"name": "X"}, format="json")

    assert response.status_code == 429


@limited
def test_api_limit_is_per_user(user, other_user):
    first = client_for(user)
    for _ in range(3):
        first.get("/api/auth/me")

    assert client_for(other_user).get("/api/auth/me").status_code == 200


@limited
def test_token_and_session_of_one_user_share_the_budget(user):
    token = Token.objects.create(user=user)
    via_token = APIClient()
    via_token.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    for _ in range(2):
        client_for(user).get("/api/auth/me")

    assert via_token.get("/api/auth/me").status_code == 429


@limited
def test_anonymous_callers_are_limited_by_ip(db):
    client = APIClient()
    assert [client.get("/api/groups").status_code for _ in range(2)] == [401, 401]

    assert client.get("/api/groups").status_code == 429


@override_settings(RATELIMIT_ENABLE=False, API_RATELIMIT="1/m")
def test_api_limit_is_off_when_ratelimit_is_disabled(user):
    client = client_for(user)

    assert [client.get("/api/auth/me").status_code for _ in range(3)] == [200] * 3


def login(client: Client):
    return client.post(
        "/accounts/login/", {"login": "user@example.com", "password": "wrong"}
    )


@limited
def test_login_posts_over_the_limit_get_a_plain_429(user):
    client = Client()
    assert [login(client).status_code for _ in range(2)] == [200, 200]

    response = login(client)

    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/plain")
    assert 1 <= int(response["Retry-After"]) <= 60


@limited
def test_login_page_itself_is_not_limited(user):
    client = Client()
    for _ in range(3):
        login(client)

    assert client.get("/accounts/login/").status_code == 200


@limited
def test_login_still_signs_in_under_the_limit(user):
    client = Client()

    response = client.post(
        "/accounts/login/", {"login": "user@example.com", "password": "pw-Secret-123"}
    )

    assert response.status_code == 302
    assert client.get("/api/auth/me").json()["email"] == "user@example.com"
