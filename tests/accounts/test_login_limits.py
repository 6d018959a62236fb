"""The shared login limit (apps.core.limits.login) on every password path:
failed attempts per IP and per username, counted in Redis, refused with 429
in each path's own format. tests/hardening/test_ops_faults.py runs the same
floods against two live server workers."""

import base64

import pytest
from django.test import Client

pytestmark = pytest.mark.redis
LIMIT = 3


@pytest.fixture(autouse=True)
def _limits_on(settings):
    settings.RATELIMIT_ENABLE = True
    settings.LOGIN_RATELIMIT = f"{LIMIT}/h"


def from_ip(ip: str) -> Client:
    return Client(REMOTE_ADDR=ip)


def admin_login(client: Client, email: str, password: str):
    return client.post(
        "/admin/login/?next=/admin/", {"username": email, "password": password}
    )


def basic_reset(client: Client, email: str, password: str):
    credentials = base64.b64encode(f"{email}:{password}".encode()).decode()
    return client.post(
        "/amazon/_mock/reset",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )


def test_admin_login_past_the_limit_shows_the_wait_and_refuses_the_right_password(
    staff_user,
):
    client = from_ip("10.0.0.1")
    for i in range(LIMIT):
        assert admin_login(client, staff_user.email, f"wrong-{i}").status_code == 200
    response = admin_login(client, staff_user.email, "pw-Secret-123")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


def test_one_username_is_limited_across_client_ips(staff_user):
    for i in range(LIMIT):
        admin_login(from_ip(f"10.0.1.{i}"), staff_user.email, "wrong")
    response = admin_login(from_ip("10.0.1.99"), staff_user.email, "pw-Secret-123")
    assert response.status_code == 429


def test_one_ip_is_limited_across_usernames(staff_user):
    client = from_ip("10.0.2.1")
    for i in range(LIMIT):
        admin_login(client, f"nobody-{i}@example.com", "wrong")
    assert admin_login(client, staff_user.email, "pw-Secret-123").status_code == 429


def test_successful_logins_are_not_counted(staff_user):
    client = from_ip("10.0.3.1")
    for _ in range(LIMIT + 2):
        response = basic_reset(client, staff_user.email, "pw-Secret-123")
        assert response.status_code == 200


def test_basic_past_the_limit_is_429_in_the_sp_api_shape(staff_user):
    client = from_ip("10.0.4.1")
    for _ in range(LIMIT):
        assert basic_reset(client, staff_user.email, "wrong").status_code == 403
    response = basic_reset(client, staff_user.email, "pw-Secret-123")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    (error,) = response.json()["errors"]
    assert error["code"] == "QuotaExceeded"
    assert "Too many failed sign-in attempts" in error["details"]


def test_allauth_login_is_refused_for_a_username_locked_elsewhere(staff_user):
    for i in range(LIMIT):
        basic_reset(from_ip(f"10.0.5.{i}"), staff_user.email, "wrong")
    response = from_ip("10.0.5.99").post(
        "/accounts/login/", {"login": staff_user.email, "password": "pw-Secret-123"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in response.client.session


def test_limits_off_counts_nothing(settings, staff_user):
    settings.RATELIMIT_ENABLE = False
    client = from_ip("10.0.6.1")
    for _ in range(LIMIT + 1):
        admin_login(client, staff_user.email, "wrong")
    response = admin_login(client, staff_user.email, "pw-Secret-123")
    assert response.status_code == 302
