"""The problem+json DRF exception handler, exception by exception."""

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django_ratelimit.exceptions import Ratelimited
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from apps.core.api_problems import (
    NotImplementedYet,
    RateLimitExceeded,
    flatten_errors,
    problem_exception_handler,
)


def handle(exc):
    request = Request(APIRequestFactory().post("/api/things"))
    response = problem_exception_handler(exc, {"request": request, "view": None})
    assert response.content_type == "application/problem+json"
    return response


def test_nested_serializer_errors_flatten_to_paths():
    detail = {
        "name": ["Required."],
        "headers": [{}, {"name": ["Bad name."], "pattern": ["Bad regex."]}],
        "response_headers": {0: ["Not a string."]},
    }

    fields = [error["field"] for error in flatten_errors(detail)]

    assert fields == [
        "name",
        "headers[1].name",
        "headers[1].pattern",
        "response_headers[0]",
    ]


def test_service_style_keys_pass_through_unchanged():
    errors = list(flatten_errors({"url_parameters[0].pattern": ["Bad."]}))

    assert errors == [
        {"field": "url_parameters[0].pattern", "message": "Bad.", "code": "invalid"}
    ]


@pytest.mark.parametrize("key", ["__all__", "non_field_errors"])
def test_non_field_errors_have_a_null_field(key):
    assert next(flatten_errors({key: ["Whole body."]}))["field"] is None


def test_errors_keep_their_code():
    detail = {"name": [exceptions.ErrorDetail("Too long.", code="max_length")]}

    assert next(flatten_errors(detail))["code"] == "max_length"


def test_django_validation_error_from_a_service_is_a_400_with_fields():
    exc = DjangoValidationError({"headers[1].name": ["Bad header name."]})

    response = handle(exc)

    assert response.status_code == 400
    assert response.data["errors"] == [
        {"field": "headers[1].name", "message": "Bad header name.", "code": "invalid"}
    ]


def test_django_validation_error_without_field_has_null_field():
    response = handle(DjangoValidationError("Restore the group first.", code="x"))

    assert response.data["errors"] == [
        {"field": None, "message": "Restore the group first.", "code": "x"}
    ]


def test_problem_carries_type_title_status_and_instance():
    response = handle(exceptions.ParseError("Bad JSON."))

    assert response.data == {
        "type": "https://mockapi.dev/problems/malformed-request",
        "title": "Bad Request",
        "status": 400,
        "detail": "Bad JSON.",
        "instance": "/api/things",
    }


@pytest.mark.parametrize(
    ("exc", "status", "type_"),
    [
        (Http404(), 404, "not-found"),
        (DjangoPermissionDenied(), 403, "permission-denied"),
        (exceptions.MethodNotAllowed("PUT"), 405, "method-not-allowed"),
        (exceptions.UnsupportedMediaType("text/plain"), 415, "unsupported-media-type"),
        (NotImplementedYet(), 501, "not-implemented"),
    ],
)
def test_status_and_type_follow_the_exception(exc, status, type_):
    response = handle(exc)

    assert response.status_code == status
    assert response.data["type"].endswith("/" + type_)


def test_not_authenticated_carries_the_www_authenticate_header():
    exc = exceptions.NotAuthenticated()
    exc.auth_header = "Token"

    response = handle(exc)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_rate_limit_sets_retry_after_in_whole_seconds():
    response = handle(RateLimitExceeded(wait=41.2))

    assert response.status_code == 429
    assert response["Retry-After"] == "42"
    assert response.data["type"].endswith("/rate-limited")


def test_django_ratelimited_exception_becomes_429():
    assert handle(Ratelimited()).status_code == 429


def test_unexpected_exception_is_a_bare_500(caplog):
    response = handle(KeyError("internal-secret"))

    assert response.status_code == 500
    assert "internal-secret" not in str(response.data)
    assert "internal-secret" in caplog.text
