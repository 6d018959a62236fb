"""Management API: groups CRUD, soft delete and restore."""

import pytest

from apps.mocks import models as m
from apps.mocks import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(user):
    return services.group_create(
        data={"name": "Shop mocks", "description": "Orders"}, user=user
    )


def test_create_group_returns_201_with_location_and_creator(api):
    response = api.post("/api/groups", {"name": "Shop mocks"}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["slug"] == "shop-mocks"  # derived from the name
    assert body["created_by"] == "user@example.com"
    assert response["Location"] == f"/api/groups/{body['id']}"
    assert m.Group.objects.filter(pk=body["id"], created_by__email="user@example.com")


def test_create_group_with_reserved_slug_names_the_slug_field(api):
    response = api.post("/api/groups", {"name": "X", "slug": "admin"}, format="json")

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["slug"]
    assert m.Group.all_objects.count() == 0


def test_create_group_with_taken_slug_is_rejected(api, group):
    response = api.post(
        "/api/groups", {"name": "Other", "slug": "shop-mocks"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "slug"
    assert m.Group.objects.count() == 1


def test_group_detail_lists_read_only_fields(api, group):
    body = api.get(f"/api/groups/{group.pk}").json()

    assert body["id"] == str(group.pk)
    assert body["description"] == "Orders"
    assert {"created_at", "updated_at", "deleted_at", "created_by"} <= set(body)
    assert body["deleted_at"] is None


def test_list_groups_is_paginated(api, group):
    body = api.get("/api/groups").json()

    assert body["count"] == 1
    assert [g["slug"] for g in body["results"]] == ["shop-mocks"]


def test_trailing_slash_form_reaches_the_same_route(api, group):
    response = api.get(f"/api/groups/{group.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == str(group.pk)


def test_put_replaces_the_group(api, group):
    response = api.put(
        f"/api/groups/{group.pk}",
        {"name": "Renamed", "slug": "renamed", "description": ""},
        format="json",
    )

    assert response.status_code == 200
    group.refresh_from_db()
    assert (group.name, group.slug, group.description) == ("Renamed", "renamed", "")


def test_put_without_required_name_is_rejected(api, group):
    response = api.put(f"/api/groups/{group.pk}", {"slug": "x"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "name"
    group.refresh_from_db()
    assert group.slug == "shop-mocks"


def test_patch_changes_only_the_fields_sent(api, group):
    response = api.patch(
        f"/api/groups/{group.pk}", {"description": "New"}, format="json"
    )

    assert response.status_code == 200
    group.refresh_from_db()
    assert (group.name, group.description) == ("Shop mocks", "New")


def test_read_only_fields_sent_back_are_ignored(api, group):
    body = api.get(f"/api/groups/{group.pk}").json()
    body["name"] = "Edited"
    body["id"] = "00000000-0000-0000-0000-000000000000"

    response = api.put(f"/api/groups/{group.pk}", body, format="json")

    assert response.status_code == 200
    assert response.json()["id"] == str(group.pk)
    assert response.json()["name"] == "Edited"


def test_delete_soft_deletes_the_group_and_its_endpoints(api, group, user):
    endpoint = services.endpoint_create(
        group=group, data={"name": "E", "path": "/e"}, user=user
    )

    response = api.delete(f"/api/groups/{group.pk}")

    assert response.status_code == 204
    assert api.get(f"/api/groups/{group.pk}").status_code == 404
    assert m.Group.all_objects.get(pk=group.pk).deleted_at is not None
    assert m.Endpoint.all_objects.get(pk=endpoint.pk).deleted_at is not None


def test_deleted_true_lists_the_bin_only(api, group, user):
    services.group_create(data={"name": "Live one"}, user=user)
    services.group_delete(group=group)

    live = api.get("/api/groups").json()["results"]
    binned = api.get("/api/groups?deleted=true").json()["results"]

    assert [g["slug"] for g in live] == ["live-one"]
    assert [g["slug"] for g in binned] == ["shop-mocks"]
    assert binned[0]["deleted_at"] is not None


def test_deleted_group_can_be_read_with_deleted_true(api, group):
    services.group_delete(group=group)

    assert api.get(f"/api/groups/{group.pk}?deleted=true").status_code == 200


def test_deleted_param_must_be_a_boolean(api):
    response = api.get("/api/groups?deleted=maybe")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "deleted"


def test_restore_brings_back_the_group_with_its_endpoints(api, group, user):
    endpoint = services.endpoint_create(
        group=group, data={"name": "E", "path": "/e"}, user=user
    )
    api.delete(f"/api/groups/{group.pk}")

    response = api.post(f"/api/groups/{group.pk}/restore")

    assert response.status_code == 200
    assert response.json()["deleted_at"] is None
    assert m.Group.objects.filter(pk=group.pk).exists()
    assert m.Endpoint.objects.filter(pk=endpoint.pk).exists()


def test_restore_is_refused_when_a_live_group_took_the_slug(api, group, user):
    services.group_delete(group=group)
    services.group_create(data={"name": "Shop mocks"}, user=user)

    response = api.post(f"/api/groups/{group.pk}/restore")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "slug"
    assert m.Group.all_objects.get(pk=group.pk).deleted_at is not None


def test_unknown_group_id_is_404_problem(api):
    response = api.get("/api/groups/00000000-0000-0000-0000-000000000000")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_malformed_group_id_is_404_not_500(api):
    assert api.get("/api/groups/not-a-uuid").status_code == 404
