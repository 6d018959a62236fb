"""Soft delete, cascades and restore on the BaseModel (through the mock models)."""

import pytest
from django.core.exceptions import ValidationError

from apps.mocks import models as m
from apps.mocks import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint():
    group = services.group_create(data={"name": "ERP"})
    return services.endpoint_create(
        group=group,
        data={
            "name": "Order",
            "path": "/orders/{id}",
            "headers": [{"name": "X-Api-Key", "exact_value": "k"}],
            "url_parameters": [
                {"name": "id", "location": "path", "value_type": "integer"},
                {"name": "expand", "value_type": "boolean", "required": False},
            ],
        },
    )


def test_objects_hides_deleted_rows_and_all_objects_keeps_them(endpoint):
    endpoint.delete()
    assert not m.Endpoint.objects.filter(pk=endpoint.pk).exists()
    assert m.Endpoint.all_objects.filter(pk=endpoint.pk).exists()


def test_delete_stamps_deleted_at_instead_of_removing_the_row(endpoint):
    endpoint.delete()
    row = m.Endpoint.all_objects.get(pk=endpoint.pk)
    assert row.deleted_at is not None
    assert row.is_deleted


def test_group_delete_cascades_to_endpoints_headers_and_parameters(endpoint):
    endpoint.group.delete()
    assert m.Endpoint.objects.count() == 0
    assert m.Header.objects.count() == 0
    assert m.UrlParameter.objects.count() == 0
    assert m.Header.all_objects.count() == 1
    assert m.UrlParameter.all_objects.count() == 2


def test_endpoint_delete_cascades_to_its_headers_and_parameters_only(endpoint):
    other = services.endpoint_create(
        group=endpoint.group,
        data={"name": "Other", "path": "/other", "headers": [{"name": "X-Other"}]},
    )
    endpoint.delete()
    assert list(m.Header.objects.values_list("name", flat=True)) == ["X-Other"]
    assert m.Endpoint.objects.get() == other


def test_restore_brings_back_what_the_same_delete_took(endpoint):
    endpoint.group.delete()
    group = m.Group.all_objects.get(pk=endpoint.group_id)
    group.restore()
    assert m.Endpoint.objects.count() == 1
    assert m.Header.objects.count() == 1
    assert m.UrlParameter.objects.count() == 2


def test_restore_leaves_children_deleted_on_their_own_before(endpoint):
    header = endpoint.headers.get()
    header.delete()
    endpoint.group.delete()
    m.Group.all_objects.get(pk=endpoint.group_id).restore()
    assert m.Endpoint.objects.count() == 1
    assert m.Header.objects.count() == 0
    assert m.UrlParameter.objects.count() == 2


def test_queryset_delete_soft_deletes_with_cascade(endpoint):
    count, _ = m.Group.objects.filter(pk=endpoint.group_id).delete()
    assert count == 1
    assert m.Group.all_objects.filter(deleted_at__isnull=False).count() == 1
    assert m.Header.objects.count() == 0


def test_queryset_restore_restores_dead_rows(endpoint):
    m.Group.objects.all().delete()
    assert m.Group.all_objects.all().restore() == 1
    assert m.Endpoint.objects.count() == 1


def test_hard_delete_removes_rows_for_good(endpoint):
    endpoint.group.hard_delete()
    assert m.Group.all_objects.count() == 0
    assert m.Endpoint.all_objects.count() == 0
    assert m.Header.all_objects.count() == 0


def test_queryset_hard_delete_removes_rows(endpoint):
    m.Header.all_objects.all().hard_delete()
    assert m.Header.all_objects.count() == 0


def test_deleted_group_slug_can_be_reused(endpoint):
    endpoint.group.delete()
    again = services.group_create(data={"name": "ERP"})
    assert again.slug == "erp"


def test_restore_refuses_to_clash_with_a_live_row(endpoint):
    endpoint.group.delete()
    services.group_create(data={"name": "ERP again", "slug": "erp"})
    old = m.Group.all_objects.get(pk=endpoint.group_id)
    with pytest.raises(ValidationError) as excinfo:
        old.restore()
    assert "slug" in excinfo.value.message_dict
    old.refresh_from_db()
    assert old.is_deleted
    # A failed restore leaves the in-memory row deleted too.
    assert old.deleted_at is not None


def test_deleting_twice_is_a_no_op(endpoint):
    endpoint.delete()
    first = m.Endpoint.all_objects.get(pk=endpoint.pk).deleted_at
    assert endpoint.delete() == (0, {})
    assert m.Endpoint.all_objects.get(pk=endpoint.pk).deleted_at == first


def test_related_access_still_reaches_a_deleted_parent(endpoint):
    endpoint.group.delete()
    row = m.Endpoint.all_objects.get(pk=endpoint.pk)
    assert row.group.slug == "erp"


def test_created_at_epoch_is_set_on_create(endpoint):
    assert endpoint.created_at_epoch == int(endpoint.created_at.timestamp()) or (
        abs(endpoint.created_at_epoch - endpoint.created_at.timestamp()) < 2
    )
    assert endpoint.created_at_epoch > 1_700_000_000
