"""Deep and huge bodies get each family's own 4xx, change nothing, and an
expected refusal logs one warning line, never an ERROR with a traceback."""

import logging

import pytest
from django.test import Client

from apps.core import jsonparse
from apps.mocks import models as m
from tests.core.test_family_errors import FAMILIES, PREFIXED

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("family", PREFIXED)
def test_json_nested_100000_levels_is_a_400_in_the_family_shape(anonymous, family):
    path, shape = FAMILIES[family]
    response = anonymous.post(path, DEEP, content_type="application/json")
    shape(response, 400)


def test_the_deep_json_refusal_says_why(anonymous):
    response = anonymous.post("/api/groups", DEEP, content_type="application/json")
    assert "nested more than 100 levels" in response.json()["detail"]


def test_json_within_the_depth_limit_reaches_the_view(client, user):
    from apps.mocks import services

    client.force_login(user)
    group = services.group_create(data={"name": "Deep enough"}, user=user)
    nested = "[" * 98 + "]" * 98  # + the request object: 99 levels
    response = client.post(
        f"/api/groups/{group.pk}/endpoints",
        f'{{"name": "Deep", "path": "/deep", "response_body": {nested}}}',
        content_type="application/json",
    )
    assert response.status_code == 201, response.content


def test_the_depth_limit_follows_its_setting(anonymous, settings):
    settings.JSON_MAX_DEPTH = 3
    response = anonymous.post(
        "/api/groups", '{"a": [[[1]]]}', content_type="application/json"
    )
    assert response.status_code == 400
    assert "nested more than 3 levels" in response.json()["detail"]


def test_a_deep_body_to_the_management_api_creates_nothing(client, user):
    client.force_login(user)
    before = m.Group.all_objects.count()
    body = '{"name": "x", "description": ' + DEEP + "}"
    response = client.post("/api/groups", body, content_type="application/json")
    assert response.status_code == 400
    assert m.Group.all_objects.count() == before


def test_a_deep_body_to_the_mock_engine_is_a_400_problem(client, user, settings):
    from apps.mocks import services

    settings.MOCK_ENGINE_VERSION_CHECK_INTERVAL = 0
    group = services.group_create(data={"name": "Deepshop"}, user=user)
    services.endpoint_create(
        group=group,
        data={
            "name": "Orders",
            "path": "/orders",
            "method": "POST",
            "request_body_schema": {"type": "array"},
        },
        user=user,
    )
    response = Client(raise_request_exception=False).post(
        "/deepshop/orders", DEEP, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "nested more than" in response.content.decode()


def test_the_parser_refuses_a_deep_document_without_recursion_error():
    from io import BytesIO

    from rest_framework.exceptions import ParseError

    from apps.core.parsers import DepthLimitedJSONParser

    with pytest.raises(ParseError, match="nested more than"):
        DepthLimitedJSONParser().parse(BytesIO(DEEP.encode()))


@pytest.mark.parametrize(
    ("document", "deep"),
    [
        ('{"a": "[[[[[[", "b": 1}', False),
        ('{"a": "\\"[[[[[[", "b": 1}', False),
        ("[[[[1]]]]", True),
        ('[{"a": [{"b": []}]}]', True),
    ],
)
def test_depth_ignores_brackets_inside_strings(document, deep):
    assert jsonparse.text_depth_exceeds(document, 3) is deep


@pytest.mark.parametrize("family", PREFIXED)
def test_ten_megabytes_is_a_413_in_the_family_shape(anonymous, family):
    path, shape = FAMILIES[family]
    body = '{"a": "' + "x" * 10_000_000 + '"}'
    response = anonymous.post(path, body, content_type="application/json")
    shape(response, 413)


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ"],
)
def test_ten_megabytes_of_form_to_the_token_endpoint_is_a_4xx(anonymous, content_type):
    path, shape = FAMILIES["lwa"]
    if content_type.startswith("multipart"):
        body = (
            '--XyZ\r\nContent-Disposition: form-data; name="client_id"\r\n\r\n'
            + "x" * 10_000_000
            + "\r\n--XyZ--\r\n"
        )
    else:
        body = "grant_type=refresh_token&client_id=" + "x" * 10_000_000
    response = anonymous.post(path, body, content_type=content_type)
    assert 400 <= response.status_code < 500
    shape(response, response.status_code)


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/api/journal?q=%00"},
        {"path": "/amazon/orders/v0/orders?q=%00"},
    ],
)
def test_a_refusal_logs_one_warning_without_traceback(
    anonymous, caplog, request_kwargs
):
    with caplog.at_level(logging.INFO):
        response = anonymous.get(request_kwargs["path"])
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    refused = [r for r in caplog.records if r.name == "apps.core.refused"]
    assert [r.levelno for r in refused] == [logging.WARNING]
    assert refused[0].exc_info is None


def test_a_too_large_refusal_logs_a_warning_not_an_error(anonymous, caplog, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    with caplog.at_level(logging.INFO):
        response = anonymous.post(
            "/api/groups", "[" + "1," * 1000 + "1]", content_type="application/json"
        )
    assert response.status_code == 413
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
