"""Management API: the journal list and export refuse what their schema
refuses (auth, filter values)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/journal", "/api/journal/export"])
def test_a_bad_token_is_a_401_asking_for_a_token(path):
    response = APIClient().get(path, HTTP_AUTHORIZATION="Token not-a-token")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("path", ["/api/journal", "/api/journal/export"])
def test_chaos_filter_that_is_not_a_boolean_is_a_400(user, path):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user)}")

    response = client.get(f"{path}?chaos=-58800")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_an_empty_filter_means_no_filter(api):
    assert api.get("/api/journal?until=&chaos=").status_code == 200
