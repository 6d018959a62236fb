"""Register, login, refresh, me: JWTs through simplejwt, FastAPI's error
shapes, 401 with WWW-Authenticate: Bearer, 403 for a shopper on admin routes."""

from datetime import timedelta

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from apps.shop.models import ShopUser

from .conftest import API, PASSWORD

pytestmark = pytest.mark.django_db


def register(client, body):
    return client.post(f"{API}/auth/register", body, format="json")


def test_register_creates_a_shopper_with_a_hashed_password(anonymous):
    response = register(
        anonymous, {"email": "New@Example.com", "password": PASSWORD, "name": "New One"}
    )

    assert response.status_code == 201, response.json()
    assert response.json()["email"] == "new@example.com"
    assert response.json()["role"] == "shopper"
    assert "password" not in response.json()
    user = ShopUser.objects.get(email="new@example.com")
    assert user.password != PASSWORD and user.check_password(PASSWORD)


def test_register_a_taken_email_is_a_409(anonymous, shopper):
    response = register(
        anonymous, {"email": "ADA@example.com", "password": PASSWORD, "name": "Twin"}
    )

    assert response.status_code == 409
    assert response.json() == {"detail": "A user with this email already exists"}
    assert ShopUser.objects.count() == 1


def test_register_a_weak_password_names_the_field(anonymous):
    response = register(
        anonymous, {"email": "weak@example.com", "password": "123", "name": "Weak"}
    )

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "password"]
    assert "too short" in error["msg"] and "numeric" in error["msg"]
    assert not ShopUser.objects.exists()


def test_a_weak_password_is_named_with_the_other_bad_fields(anonymous):
    response = register(
        anonymous, {"email": "not-an-email", "password": "password", "name": ""}
    )

    assert response.status_code == 422
    by_field = {e["loc"][1]: e for e in response.json()["detail"]}
    assert set(by_field) == {"email", "password", "name"}
    assert "too common" in by_field["password"]["msg"]


def test_register_lists_every_bad_field(anonymous):
    response = register(
        anonymous, {"email": "not-an-email", "password": "x" * 500, "nmae": "typo"}
    )

    assert response.status_code == 422
    locs = {tuple(e["loc"]) for e in response.json()["detail"]}
    assert locs == {("body", "email"), ("body", "password"), ("body", "name"),
                    ("body", "nmae")}  # fmt: skip
    assert all(
        {"type", "loc", "msg", "input"} <= set(e) for e in response.json()["detail"]
    )


def test_login_returns_bearer_tokens_that_open_me(anonymous, shopper):
    response = anonymous.post(
        f"{API}/auth/login",
        {"email": shopper.email, "password": PASSWORD},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "refresh_token", "expires_in"}
    assert body["token_type"] == "bearer" and body["expires_in"] == 30 * 60
    anonymous.credentials(HTTP_AUTHORIZATION=f"Bearer {body['access_token']}")
    me = anonymous.get(f"{API}/auth/me")
    assert me.status_code == 200 and me.json()["email"] == shopper.email


def test_login_with_a_wrong_password_is_a_401(anonymous, shopper):
    response = anonymous.post(
        f"{API}/auth/login", {"email": shopper.email, "password": "nope"}, format="json"
    )

    assert response.status_code == 401
    assert response.json() == {"detail": "Incorrect email or password"}
    assert response["WWW-Authenticate"] == "Bearer"


def test_login_is_rate_limited_with_retry_after(anonymous, shopper, settings):
    settings.RATELIMIT_ENABLE = True
    settings.LOGIN_RATELIMIT = "3/m"
    for _ in range(3):
        anonymous.post(
            f"{API}/auth/login",
            {"email": shopper.email, "password": "x"},
            format="json",
        )

    # The right password is refused too while the limit holds.
    response = anonymous.post(
        f"{API}/auth/login",
        {"email": shopper.email, "password": PASSWORD},
        format="json",
    )

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Too many failed sign-in attempts" in response.json()["detail"]


def test_refresh_gives_a_new_access_token(anonymous, shopper):
    tokens = anonymous.post(
        f"{API}/auth/login",
        {"email": shopper.email, "password": PASSWORD},
        format="json",
    ).json()

    response = anonymous.post(
        f"{API}/auth/refresh", {"refresh_token": tokens["refresh_token"]}, format="json"
    )

    assert response.status_code == 200
    access = response.json()["access_token"]
    anonymous.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    assert anonymous.get(f"{API}/auth/me").status_code == 200


def test_an_access_token_is_no_refresh_token(anonymous, shopper):
    tokens = anonymous.post(
        f"{API}/auth/login",
        {"email": shopper.email, "password": PASSWORD},
        format="json",
    ).json()

    response = anonymous.post(
        f"{API}/auth/refresh", {"refresh_token": tokens["access_token"]}, format="json"
    )

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or expired refresh token"}


def _expired(user):
    token = AccessToken()
    token["sub"] = str(user.pk)
    token.set_exp(lifetime=timedelta(seconds=-1))
    return str(token)


@pytest.mark.parametrize(
    "header",
    ["missing", "Bearer", "Bearer not.a.jwt", "Basic YTpi", "Bearer " + "x" * 3000,
     "expired", "tampered"],
)  # fmt: skip
def test_a_bad_bearer_is_a_401_with_www_authenticate(anonymous, shopper, header):
    from apps.shop import tokens

    if header == "expired":
        header = f"Bearer {_expired(shopper)}"
    elif header == "tampered":
        good = tokens.issue(shopper)["access_token"]
        header = f"Bearer {good[:-3]}abc"
    if header != "missing":
        anonymous.credentials(HTTP_AUTHORIZATION=header)

    response = anonymous.get(f"{API}/auth/me")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert isinstance(response.json()["detail"], str)


def test_a_deleted_users_token_is_refused(api, shopper):
    ShopUser.all_objects.filter(pk=shopper.pk).hard_delete()

    assert api.get(f"{API}/auth/me").status_code == 401


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/admin/users"), ("get", "/admin/orders"), ("post", "/admin/reset"),
     ("post", "/admin/products"),
     ("put", "/admin/products/00000000-0000-4000-8000-000000000000/inventory")],
)  # fmt: skip
def test_a_shopper_on_an_admin_route_is_a_403(api, method, path):
    response = getattr(api, method)(f"{API}{path}", {}, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "Admin role required"}


def test_a_promotion_applies_to_the_next_call(api, shopper):
    ShopUser.objects.filter(pk=shopper.pk).update(role=ShopUser.Role.ADMIN)

    assert api.get(f"{API}/admin/users").status_code == 200
