"""Requests refused before any view, unknown paths (an encoded newline
included), bodies over the limit and crashes outside DRF answer in the shape
of the family that owns the path: never Django's HTML pages."""

import pytest
from django.test import Client

from apps.core import middleware

pytestmark = pytest.mark.django_db


def sp_api(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"][0]["code"]
    assert response.has_header("x-amzn-RequestId")
    assert response.has_header("x-amzn-ErrorType")


def lwa(response, status):
    assert response.status_code == status
    assert set(response.json()) == {"error", "error_description"}


def problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status


FAMILIES = {
    "amazon": ("/amazon/orders/v0/orders", sp_api),
    "lwa": ("/amazon/auth/o2/token", lwa),
    "management": ("/api/groups", problem),
    "mocks": ("/erp/customers", problem),
}
PREFIXED = ["amazon", "lwa", "management"]
# A path below each family that no route serves.
UNROUTED = {
    "amazon": "/amazon/no-such-api",
    "lwa": "/amazon/auth/no-such-endpoint",
    "management": "/api/no-such-resource",
    "mocks": "/no-such-group",
}


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("family", FAMILIES)
def test_bad_host_is_a_400_in_the_family_shape(anonymous, settings, family):
    settings.ALLOWED_HOSTS = ["mock.example.com"]
    path, shape = FAMILIES[family]

    shape(anonymous.get(path, HTTP_HOST="evil.example.org"), 400)


@pytest.mark.parametrize("family", FAMILIES)
def test_nul_in_the_query_is_a_400_in_the_family_shape(anonymous, family):
    path, shape = FAMILIES[family]

    shape(anonymous.get(path + "?q=%00"), 400)


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("suffix", ["/nothing/here", "/line%0Abreak", "/%0D%0A"])
def test_unknown_path_is_a_404_in_the_family_shape(anonymous, family, suffix):
    shape = FAMILIES[family][1]

    response = anonymous.get(UNROUTED[family] + suffix)

    shape(response, 404)
    assert b"<html" not in response.content.lower()


@pytest.mark.parametrize("family", PREFIXED)
def test_body_over_the_limit_is_a_413_in_the_family_shape(anonymous, settings, family):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    path, shape = FAMILIES[family]

    response = anonymous.post(
        path, "[" + "1," * 1000 + "1]", content_type="application/json"
    )

    shape(response, 413)


@pytest.mark.parametrize("family", FAMILIES)
def test_crash_outside_drf_is_a_500_in_the_family_shape(anonymous, monkeypatch, family):
    def boom(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(middleware.RejectNulCharactersMiddleware, "_has_nul", boom)
    path, shape = FAMILIES[family]

    response = anonymous.get(path)

    shape(response, 500)
    assert b"secret internals" not in response.content


def test_portal_pages_keep_django_s_html_404(client, user):
    client.force_login(user)

    response = client.get("/portal/groups/00000000-0000-0000-0000-000000000000/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
