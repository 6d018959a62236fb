"""Management API lists: filters, search, ordering and pagination."""

import pytest

from apps.mocks import models as m
from apps.mocks import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(user):
    return [
        services.group_create(data=data, user=user)
        for data in (
            {"name": "Payments", "slug": "pay", "description": "card gateway"},
            {"name": "Orders", "slug": "orders"},
            {"name": "Order archive", "slug": "archive"},
        )
    ]


@pytest.fixture
def group(user):
    group = services.group_create(data={"name": "Shop mocks"}, user=user)
    for data in (
        {"name": "List orders", "path": "/orders", "chaos_mode": False},
        {"name": "Create order", "path": "/orders", "method": "POST"},
        {"name": "Refund", "path": "/refunds", "description": "money back"},
    ):
        services.endpoint_create(group=group, data=data, user=user)
    return group


def slugs(response):
    assert response.status_code == 200, response.json()
    return [g["slug"] for g in response.json()["results"]]


def names(response):
    assert response.status_code == 200, response.json()
    return [e["name"] for e in response.json()["results"]]


def test_groups_filter_by_name_contains(api, groups):
    assert slugs(api.get("/api/groups?name=order")) == ["archive", "orders"]


def test_groups_filter_by_slug(api, groups):
    assert slugs(api.get("/api/groups?slug=pay")) == ["pay"]


def test_groups_search_covers_the_description(api, groups):
    assert slugs(api.get("/api/groups?search=gateway")) == ["pay"]


def test_groups_ordering_descending(api, groups):
    assert slugs(api.get("/api/groups?ordering=-slug")) == ["pay", "orders", "archive"]


def test_groups_default_order_is_by_name(api, groups):
    assert slugs(api.get("/api/groups")) == ["archive", "orders", "pay"]


def test_endpoints_filter_by_method(api, group):
    url = f"/api/groups/{group.pk}/endpoints?method=POST"
    assert names(api.get(url)) == ["Create order"]


def test_endpoints_filter_by_chaos_mode(api, group):
    url = f"/api/groups/{group.pk}/endpoints?chaos_mode=false"
    assert names(api.get(url)) == ["List orders"]


def test_endpoints_filter_by_name(api, group):
    url = f"/api/groups/{group.pk}/endpoints?name=order"
    assert sorted(names(api.get(url))) == ["Create order", "List orders"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [("refunds", ["Refund"]), ("money", ["Refund"]), ("create", ["Create order"])],
)
def test_endpoints_search_covers_name_path_and_description(api, group, term, expected):
    url = f"/api/groups/{group.pk}/endpoints?search={term}"
    assert names(api.get(url)) == expected


def test_endpoints_ordering_by_name(api, group):
    url = f"/api/groups/{group.pk}/endpoints?ordering=name"
    assert names(api.get(url)) == ["Create order", "List orders", "Refund"]


def test_ordering_by_an_unlisted_field_is_ignored(api, group):
    url = f"/api/groups/{group.pk}/endpoints?ordering=response_body"
    assert len(names(api.get(url))) == 3


def test_invalid_filter_value_is_a_400_problem_on_that_parameter(api, group):
    response = api.get(f"/api/groups/{group.pk}/endpoints?method=FETCH")

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["method"]


def test_page_size_splits_the_list(api, groups):
    first = api.get("/api/groups?page_size=2").json()
    second = api.get("/api/groups?page_size=2&page=2").json()

    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert "page=2" in first["next"]
    assert [g["slug"] for g in second["results"]] == ["pay"]


def test_page_size_is_capped(api, user):
    m.Group.objects.bulk_create(
        m.Group(name=f"G{i}", slug=f"g{i}", created_by=user) for i in range(205)
    )

    body = api.get("/api/groups?page_size=1000").json()

    assert body["count"] == 205
    assert len(body["results"]) == 200


def test_page_past_the_end_is_404_problem(api, groups):
    response = api.get("/api/groups?page=9")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("value", ["null", "yes", "2"])
def test_endpoints_chaos_mode_that_is_not_a_boolean_is_a_400(api, group, value):
    response = api.get(f"/api/groups/{group.pk}/endpoints?chaos_mode={value}")

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["chaos_mode"]
