"""Every validation rule of the mock configuration, each with a bad value.

A bad value gets a field-level error naming the problem, and nothing is saved.
"""

import pytest
from django.core.exceptions import ValidationError

from apps.mocks import models as m
from apps.mocks import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return services.group_create(data={"name": "Billing"})


@pytest.fixture
def endpoint(group):
    return services.endpoint_create(
        group=group, data={"name": "Invoice", "path": "/invoices/{invoice_id}"}
    )


def errors_of(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    return excinfo.value.message_dict


# --- Group -----------------------------------------------------------------------


def test_group_slug_is_derived_from_the_name(group):
    assert group.slug == "billing"


@pytest.mark.parametrize("slug", ["admin", "api", "amazon", "static", "health", "i18n"])
def test_group_refuses_a_reserved_slug(slug):
    errors = errors_of(m.Group(name="X", slug=slug))
    assert "reserved" in errors["slug"][0]


@pytest.mark.parametrize("slug", ["Has Space", "-lead", "trail-", "UPPER", "a" * 51])
def test_group_refuses_a_malformed_slug(slug):
    assert "slug" in errors_of(m.Group(name="X", slug=slug))


def test_group_name_deriving_a_reserved_slug_is_refused():
    errors = errors_of(m.Group(name="Admin"))
    assert "reserved" in errors["slug"][0]


def test_group_slug_must_be_unique_among_live_groups(group):
    errors = errors_of(m.Group(name="Other", slug="billing"))
    assert errors["slug"] == ["A live group already uses this slug."]


def test_group_name_is_required():
    assert "name" in errors_of(m.Group(name="", slug="x"))


# --- Endpoint ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("orders", "/orders"),
        ("/orders/", "/orders"),
        ("//orders//{id}//", "/orders/{id}"),
        ("", "/"),
        ("/", "/"),
    ],
)
def test_endpoint_path_is_normalized(group, raw, normalized):
    endpoint = m.Endpoint(group=group, name="n", path=raw)
    endpoint.full_clean()
    assert endpoint.path == normalized


def test_endpoint_method_is_uppercased(group):
    endpoint = m.Endpoint(group=group, name="n", path="/x", method="post")
    endpoint.full_clean()
    assert endpoint.method == "POST"


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/a/{b", "not a valid path template"),
        ("/a/{1b}", "not a valid path template"),
        ("/a/x{b}", "not a valid path template"),
        ("/a/{id}/b/{id}", "appears twice"),
        ("/a b", "cannot hold"),
        ("/a/../b", "cannot hold"),
        ("/a?x=1", "query string"),
        ("/orders/chaos", "chaos twin"),
        ("/" + "a" * 600, "at most"),
    ],
)
def test_endpoint_refuses_a_malformed_path(group, path, fragment):
    errors = errors_of(m.Endpoint(group=group, name="n", path=path))
    assert fragment in " ".join(errors["path"])


def test_endpoint_refuses_an_unknown_method(group):
    assert "method" in errors_of(
        m.Endpoint(group=group, name="n", path="/x", method="BREW")
    )


@pytest.mark.parametrize("status", [99, 600, 0, 1000])
def test_endpoint_refuses_a_status_code_outside_100_599(group, status):
    errors = errors_of(
        m.Endpoint(group=group, name="n", path="/x", response_status_code=status)
    )
    assert "response_status_code" in errors


def test_endpoint_refuses_a_wait_time_over_the_limit(group):
    errors = errors_of(
        m.Endpoint(
            group=group, name="n", path="/x", max_wait_time=m.MAX_WAIT_TIME_MS + 1
        )
    )
    assert "max_wait_time" in errors


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "strin"},
        {"type": "object", "properties": {"a": {"minimum": "zero"}}},
        {"required": "name"},
        {"properties": {"a": {"$ref": "#/$defs/missing"}}},
        [1, 2],
        "string",
    ],
)
@pytest.mark.parametrize("field", ["response_schema", "request_body_schema"])
def test_endpoint_refuses_an_invalid_json_schema(group, field, schema):
    endpoint = m.Endpoint(group=group, name="n", path="/x", method="POST")
    setattr(endpoint, field, schema)
    errors = errors_of(endpoint)
    assert field in errors


def test_endpoint_accepts_a_draft7_schema_with_definitions(group):
    endpoint = m.Endpoint(
        group=group,
        name="n",
        path="/x",
        response_schema={
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {"id": {"type": "integer"}},
            "properties": {"id": {"$ref": "#/definitions/id"}},
        },
    )
    endpoint.full_clean()


def test_request_body_schema_is_refused_on_get(group):
    errors = errors_of(
        m.Endpoint(
            group=group, name="n", path="/x", method="GET", request_body_schema={}
        )
    )
    assert "POST, PUT and PATCH" in errors["request_body_schema"][0]


@pytest.mark.parametrize(
    "headers",
    [
        {"Bad Name": "x"},
        {"X-Ok": 5},
        {"X-Ok": "line\r\nInjected: yes"},
        ["X-Ok", "x"],
    ],
)
def test_endpoint_refuses_bad_response_headers(group, headers):
    errors = errors_of(
        m.Endpoint(group=group, name="n", path="/x", response_headers=headers)
    )
    assert "response_headers" in errors


def test_endpoint_route_must_be_unique_among_live_endpoints(endpoint):
    duplicate = m.Endpoint(
        group=endpoint.group, name="again", path="/invoices/{invoice_id}"
    )
    errors = errors_of(duplicate)
    assert "already has a live endpoint" in errors["path"][0]


def test_same_path_with_another_method_is_allowed(endpoint):
    m.Endpoint(
        group=endpoint.group, name="put", path="/invoices/{invoice_id}", method="PUT"
    ).full_clean()


# --- Headers and URL parameters -------------------------------------------------------


@pytest.mark.parametrize("name", ["Bad Name", "X:Colon", "", "ümlaut"])
def test_header_refuses_an_illegal_name(endpoint, name):
    assert "name" in errors_of(m.Header(endpoint=endpoint, name=name))


def test_header_names_are_unique_case_insensitively(endpoint):
    m.Header.objects.create(endpoint=endpoint, name="X-Api-Key")
    errors = errors_of(m.Header(endpoint=endpoint, name="x-api-key"))
    assert errors["name"] == ["This endpoint already expects this header."]


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"pattern": "(unclosed"}, "pattern"),
        ({"pattern": "a" * 501}, "pattern"),
        ({"value_type": "string", "minimum": 1}, "minimum"),
        ({"value_type": "integer", "minimum": 5, "maximum": 1}, "maximum"),
        ({"value_type": "integer", "min_length": 1}, "min_length"),
        ({"value_type": "string", "min_length": 5, "max_length": 2}, "max_length"),
        ({"value_type": "enum", "enum_values": []}, "enum_values"),
        ({"value_type": "enum", "enum_values": ["a", "a"]}, "enum_values"),
        ({"value_type": "enum", "enum_values": [1, 2]}, "enum_values"),
        ({"value_type": "string", "enum_values": ["a"]}, "enum_values"),
        ({"value_type": "integer", "exact_value": "abc"}, "exact_value"),
        ({"value_type": "uuid", "exact_value": "not-a-uuid"}, "exact_value"),
        ({"default_status_code": 42}, "default_status_code"),
        ({"default_response_schema": {"type": 3}}, "default_response_schema"),
        (
            {"default_response_body": {"a": 1}, "default_response_schema": {}},
            "default_response_body",
        ),
        ({"value_type": "colour"}, "value_type"),
    ],
)
@pytest.mark.parametrize("model", [m.Header, m.UrlParameter])
def test_expected_value_refuses_a_bad_spec(endpoint, model, fields, error_field):
    row = model(endpoint=endpoint, name="X-Thing", **fields)
    assert error_field in errors_of(row)


def test_path_parameter_must_name_a_segment_of_the_path(endpoint):
    errors = errors_of(
        m.UrlParameter(endpoint=endpoint, name="order_id", location="path")
    )
    assert "{order_id}" in errors["name"][0]


def test_path_parameter_naming_a_segment_is_accepted(endpoint):
    m.UrlParameter(
        endpoint=endpoint, name="invoice_id", location="path", value_type="uuid"
    ).full_clean()


def test_query_and_path_parameters_may_share_a_name(endpoint):
    m.UrlParameter.objects.create(endpoint=endpoint, name="invoice_id", location="path")
    m.UrlParameter(endpoint=endpoint, name="invoice_id", location="query").full_clean()


def test_a_valid_header_spec_passes(endpoint):
    m.Header(
        endpoint=endpoint,
        name="X-Request-Id",
        value_type="string",
        min_length=8,
        max_length=64,
        pattern=r"[a-f0-9-]+",
        default_status_code=400,
        default_response_body={"error": "missing request id"},
    ).full_clean()
