"""Accounts and JWTs: register, login, refresh, me; a missing, malformed or
expired bearer token is a 401 with WWW-Authenticate: Bearer."""

import time
import uuid

import jwt
import pytest

from . import contract
from .contract import API


def test_register_answers_the_user_without_its_password(anon):
    email = contract.new_email()

    response = contract.register(anon, email, name="Ada Lovelace")

    assert response.status_code == 201, response.text
    user = response.json()
    assert {"id", "email", "name", "role"} <= set(user)
    assert (user["email"], user["name"], user["role"]) == (email, "Ada Lovelace",
                                                           "shopper")  # fmt: skip
    assert "password" not in user and contract.PASSWORD not in response.text


def test_a_duplicate_email_is_a_409(anon):
    email = contract.new_email()
    contract.register(anon, email)

    response = contract.register(anon, email.upper())

    contract.assert_message(response, 409)


def test_a_weak_password_is_a_422_that_does_not_echo_it(anon):
    response = contract.register(anon, contract.new_email(), password="12345")

    (item,) = contract.assert_validation(response, ("body", "password"))
    assert item["input"] != "12345" and "12345" not in response.text


def test_a_bad_email_and_a_missing_name_are_named_together(anon):
    response = anon.post(f"{API}/auth/register",
                         json={"email": "not-an-email", "password": contract.PASSWORD})  # fmt: skip

    contract.assert_validation(response, ("body", "email"), ("body", "name"))


def test_login_answers_bearer_tokens(anon):
    email = contract.new_email()
    contract.register(anon, email)

    tokens = contract.login(anon, email)

    assert tokens["token_type"] == "bearer"
    assert tokens["access_token"] and tokens["refresh_token"]
    assert isinstance(tokens["expires_in"], int) and tokens["expires_in"] > 0


def test_a_wrong_password_is_a_401(anon, shopper):
    response = anon.post(f"{API}/auth/login", json={
        "email": shopper.user["email"], "password": "not-the-password"})  # fmt: skip

    contract.assert_message(response, 401)


def test_me_is_the_signed_in_user(shopper):
    response = shopper.get(f"{API}/auth/me")

    assert response.status_code == 200
    assert response.json()["id"] == shopper.user["id"]
    assert response.json()["role"] == "shopper"


def test_refresh_gives_a_working_access_token(anon, shopper):
    response = anon.post(f"{API}/auth/refresh",
                         json={"refresh_token": shopper.tokens["refresh_token"]})  # fmt: skip

    assert response.status_code == 200, response.text
    fresh = response.json()["access_token"]
    me = anon.get(f"{API}/auth/me", headers=contract.bearer(fresh))
    assert me.json()["id"] == shopper.user["id"]


def test_a_bad_refresh_token_is_a_401(anon, shopper):
    response = anon.post(f"{API}/auth/refresh",
                         json={"refresh_token": shopper.tokens["access_token"]})  # fmt: skip

    contract.assert_message(response, 401)


@pytest.mark.parametrize("path", ["/auth/me", "/cart", "/orders", "/admin/users"])
def test_no_token_is_a_401_bearer(anon, path):
    contract.assert_unauthenticated(anon.get(f"{API}{path}"))


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer not-a-jwt", "Basic dXNlcjpwYXNz", "Bearer a.b.c"]
)
def test_a_malformed_token_is_a_401_bearer(anon, header):
    response = anon.get(f"{API}/auth/me", headers={"Authorization": header})

    contract.assert_unauthenticated(response)


def test_a_tampered_token_is_a_401_bearer(anon, shopper):
    head, body, signature = shopper.tokens["access_token"].split(".")
    forged = f"{head}.{body}.{signature[::-1]}"

    contract.assert_unauthenticated(
        anon.get(f"{API}/auth/me", headers=contract.bearer(forged))
    )


def mint(key: str, user_id: str, *, expires_in: int) -> str:
    now = int(time.time())
    claims = {"token_type": "access", "sub": user_id, "jti": uuid.uuid4().hex,
              "iat": now - 3600, "exp": now + expires_in}  # fmt: skip
    return jwt.encode(claims, key, algorithm="HS256")


def test_an_expired_token_is_a_401_bearer(anon, shopper, server):
    key = server["signing_key"]
    if not key:
        pytest.skip("needs SHOP_JWT_SIGNING_KEY to mint an expired token")
    in_date = mint(key, shopper.user["id"], expires_in=600)
    expired = mint(key, shopper.user["id"], expires_in=-60)

    # The same claims in date are accepted: only the expiry is refused.
    assert (
        anon.get(f"{API}/auth/me", headers=contract.bearer(in_date)).status_code == 200
    )
    contract.assert_unauthenticated(
        anon.get(f"{API}/auth/me", headers=contract.bearer(expired))
    )


def test_a_shopper_on_an_admin_route_is_a_403(shopper):
    for method, path in [("GET", "/admin/users"), ("GET", "/admin/orders"),
                         ("POST", "/admin/reset"), ("POST", "/admin/products")]:  # fmt: skip
        response = shopper.request(method, f"{API}{path}", json={})
        assert contract.assert_message(response, 403), path
