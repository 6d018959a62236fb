"""Response and request schemas beyond the documented limits are refused at
save with a field error naming the limit; the backstop answers problem+json."""

import time

import pytest
from django.core.exceptions import ValidationError

from apps.mocks import models as m
from apps.mocks import services
from apps.mocks.config_version import bump_config_version

pytestmark = pytest.mark.django_db


def nested(levels: int) -> dict:
    schema: dict = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "array", "items": schema}
    return schema


def errors_of(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    return excinfo.value.message_dict


@pytest.mark.parametrize(
    ("schema", "setting"),
    [
        ({"type": "array", "minItems": 1_000_000}, "MOCK_SCHEMA_MAX_ITEMS"),
        ({"type": "array", "minItems": 100_000}, "MOCK_SCHEMA_MAX_ITEMS"),
        (
            {"type": "object", "required": [f"p{i}" for i in range(20_000)]},
            "MOCK_SCHEMA_MAX_PROPERTIES",
        ),
        ({"type": "string", "minLength": 10_000_000}, "MOCK_SCHEMA_MAX_STRING_LENGTH"),
        (nested(99), "MOCK_SCHEMA_MAX_DEPTH"),
        (nested(150), "MOCK_SCHEMA_MAX_DEPTH"),
        (nested(100_000), "MOCK_SCHEMA_MAX_DEPTH"),
        (
            {"type": "array", "minItems": 1000, "items": {"minItems": 1000}},
            "MOCK_GENERATED_BODY_MAX_VALUES",
        ),
    ],
    ids=[
        "1e6-items", "1e5-items", "20000-required", "huge-minLength",
        "depth-99", "depth-150", "depth-100000", "items-times-items",
    ],
)  # fmt: skip
@pytest.mark.parametrize("field", ["response_schema", "request_body_schema"])
def test_a_schema_over_a_limit_is_refused_quickly_naming_it(
    group, field, schema, setting
):
    endpoint = m.Endpoint(group=group, name="n", path="/x", method="POST")
    setattr(endpoint, field, schema)
    started = time.perf_counter()
    message = errors_of(endpoint)[field][0]
    assert time.perf_counter() - started < 10  # was 64 s for 1e5 items, 182 s for 20000
    assert setting in message
    assert "over a limit" in message


def test_a_schema_at_the_depth_limit_is_accepted(group):
    endpoint = m.Endpoint(group=group, name="n", path="/x", response_schema=nested(30))
    endpoint.full_clean()


def test_a_limit_follows_its_setting(group, settings):
    settings.MOCK_SCHEMA_MAX_ITEMS = 5
    endpoint = m.Endpoint(
        group=group, name="n", path="/x", response_schema={"minItems": 6}
    )
    assert "MOCK_SCHEMA_MAX_ITEMS" in errors_of(endpoint)["response_schema"][0]


def test_the_management_api_answers_400_naming_the_limit_and_saves_nothing(api, group):
    before = m.Endpoint.all_objects.count()
    response = api.post(
        f"/api/groups/{group.pk}/endpoints",
        {
            "name": "Big",
            "path": "/big",
            "response_schema": {"type": "array", "minItems": 1_000_000},
        },
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    [error] = response.json()["errors"]
    assert error["field"] == "response_schema"
    assert "MOCK_SCHEMA_MAX_ITEMS" in error["message"]
    assert m.Endpoint.all_objects.count() == before


def test_a_stored_schema_over_the_limits_answers_a_problem_not_a_hang(
    client, group, fresh_engine
):
    endpoint = services.endpoint_create(
        group=group, data={"name": "Big", "path": "/big"}
    )
    # Legacy row: written without validation, as before the limits existed.
    m.Endpoint.objects.filter(pk=endpoint.pk).update(
        response_schema={"type": "array", "minItems": 1_000_000}
    )
    bump_config_version()
    started = time.perf_counter()
    response = client.get(f"/{group.slug}/big")
    assert time.perf_counter() - started < 10
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"].endswith("generation-budget-exceeded")
    assert "max_items" in body["detail"]
