"""Configured patterns are refused at save unless the linear-time matcher
(RE2) can run them; the refusal is a field error saying why, and saves nothing."""

import pytest
from django.core.exceptions import ValidationError

from apps.mocks import models as m
from apps.mocks import services

pytestmark = pytest.mark.django_db

UNSUPPORTED = [
    (r"^(a)\1$", "invalid escape sequence"),
    (r"^(?=a).*$", "invalid perl operator"),
    (r"^a{2000}$", "invalid repetition size"),
]


@pytest.fixture
def endpoint(group):
    return services.endpoint_create(
        group=group, data={"name": "Invoice", "path": "/invoices", "method": "POST"}
    )


def errors_of(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    return excinfo.value.message_dict


@pytest.mark.parametrize(("pattern", "reason"), UNSUPPORTED)
@pytest.mark.parametrize("model", [m.Header, m.UrlParameter])
def test_a_spec_pattern_outside_re2_is_refused_with_the_reason(
    endpoint, model, pattern, reason
):
    errors = errors_of(model(endpoint=endpoint, name="X-Thing", pattern=pattern))
    assert reason in errors["pattern"][0]
    assert "RE2" in errors["pattern"][0]


def test_a_nested_quantifier_is_accepted_because_re2_runs_it_in_linear_time(
    endpoint,
):
    m.Header(endpoint=endpoint, name="X-Thing", pattern=r"^(a+)+$").full_clean()


@pytest.mark.parametrize(
    ("schema", "where"),
    [
        ({"type": "string", "pattern": r"^(a)\1$"}, "/pattern"),
        (
            {"type": "object", "properties": {"sku": {"pattern": r"(?<=x)y"}}},
            "/properties/sku/pattern",
        ),
        ({"type": "object", "patternProperties": {r"(?!a)": {}}}, "/patternProperties"),
        ({"type": "string", "pattern": "a" * 501}, "/pattern"),
    ],
)
@pytest.mark.parametrize("field", ["response_schema", "request_body_schema"])
def test_a_schema_pattern_outside_re2_is_refused_naming_where(
    endpoint, field, schema, where
):
    setattr(endpoint, field, schema)
    message = errors_of(endpoint)[field][0]
    assert where in message


def test_the_management_api_refuses_an_unsupported_pattern_and_saves_nothing(
    api, group
):
    before = m.Endpoint.all_objects.count(), m.Header.all_objects.count()
    response = api.post(
        f"/api/groups/{group.pk}/endpoints",
        {
            "name": "Order",
            "path": "/orders",
            "headers": [{"name": "X-Key", "pattern": r"^(\w)\1$"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["headers[0].pattern"]
    assert "RE2" in errors[0]["message"]
    assert (m.Endpoint.all_objects.count(), m.Header.all_objects.count()) == before
