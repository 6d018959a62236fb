"""canonical_json / digest / model_rows: one stable form of a family's state."""

import math
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest

from apps.core.seeding import canonical_json, digest, jsonable, model_rows
from apps.mocks import models as m
from apps.mocks.factories import EndpointFactory, GroupFactory


def test_keys_are_sorted_and_there_is_no_whitespace():
    assert canonical_json({"b": 1, "a": [1, {"d": 2, "c": 3}]}) == (
        '{"a":[1,{"c":3,"d":2}],"b":1}'
    )


def test_the_same_data_in_another_order_has_the_same_digest():
    assert digest({"a": 1, "b": {2, 1}}) == digest({"b": {1, 2}, "a": 1})
    assert len(digest({})) == 64


def test_different_data_has_a_different_digest():
    assert digest({"a": 1}) != digest({"a": 2})


def test_values_are_written_in_one_form():
    instant = datetime(2026, 3, 1, 12, tzinfo=timezone(timedelta(hours=-3)))
    assert jsonable(
        {
            "price": Decimal("12.30"),
            "at": instant,
            "day": date(2026, 3, 1),
            "id": UUID(int=1),
            "blob": b"\x00\xff",
            "view": memoryview(b"ab"),
            "pair": ("x", 1),
            "text": "ünïcode",
        }
    ) == {
        "price": "12.30",
        "at": "2026-03-01T15:00:00+00:00",
        "day": "2026-03-01",
        "id": "00000000-0000-0000-0000-000000000001",
        "blob": "AP8=",
        "view": "YWI=",
        "pair": ["x", 1],
        "text": "ünïcode",
    }


def test_non_ascii_stays_readable():
    assert canonical_json("ü") == '"ü"'


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naive"):
        canonical_json({"at": datetime(2026, 3, 1)})


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_a_non_finite_float_is_refused(value):
    with pytest.raises(ValueError, match="finite"):
        canonical_json([value])


def test_an_unknown_type_is_refused():
    with pytest.raises(TypeError, match="object"):
        canonical_json({"x": object()})


# --- model rows ----------------------------------------------------------------


@pytest.fixture
def group(db):
    return GroupFactory(slug="crm", name="CRM", description="", created_by=None)


def test_rows_leave_out_keys_and_timestamps_and_say_whether_deleted(group):
    rows = model_rows(m.Group.all_objects.all(), exclude={"created_by"})
    assert rows == [{"name": "CRM", "slug": "crm", "description": "", "deleted": False}]
    group.delete()
    assert model_rows(m.Group.all_objects.all(), exclude={"created_by"})[0]["deleted"]


def test_foreign_keys_become_natural_keys(group):
    EndpointFactory(group=group, method="GET", path="/a", created_by=None)
    rows = model_rows(
        m.Endpoint.all_objects.all(),
        relations={"group": "group__slug", "created_by": "created_by__email"},
    )
    assert rows[0]["group"] == "crm"
    assert rows[0]["created_by"] is None
    assert "id" not in rows[0] and "created_at" not in rows[0]


def test_a_composite_natural_key_is_a_list(group):
    endpoint = EndpointFactory(group=group, method="GET", path="/a")
    m.Header.objects.create(endpoint=endpoint, name="X-Key")
    rows = model_rows(
        m.Header.all_objects.all(),
        relations={"endpoint": ("endpoint__group__slug", "endpoint__path")},
    )
    assert rows[0]["endpoint"] == ["crm", "/a"]


def test_a_foreign_key_without_a_natural_key_is_an_error(db):
    with pytest.raises(ValueError, match=r"Endpoint\.group"):
        model_rows(m.Endpoint.all_objects.all(), exclude={"created_by"})


def test_a_relation_naming_no_foreign_key_is_an_error(db):
    with pytest.raises(ValueError, match="owner"):
        model_rows(
            m.Group.all_objects.all(),
            relations={"created_by": "created_by__email", "owner": "x"},
        )


def test_rows_are_sorted_whatever_order_they_were_written_in(db):
    for slug in ("b", "a", "c"):
        GroupFactory(slug=slug, name=slug.upper(), created_by=None)
    forward = model_rows(m.Group.all_objects.order_by("slug"), exclude={"created_by"})
    backward = model_rows(m.Group.all_objects.order_by("-slug"), exclude={"created_by"})
    assert forward == backward
    assert forward == sorted(forward, key=canonical_json)
