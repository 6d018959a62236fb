"""Configuration writes: nested rows in one transaction, all-or-nothing."""

import pytest
from django.core.exceptions import ValidationError

from apps.mocks import models as m
from apps.mocks import services
from apps.mocks.config_version import current_config_version

pytestmark = pytest.mark.django_db

ORDER = {
    "name": "Get order",
    "path": "/orders/{order_id}",
    "method": "GET",
    "headers": [{"name": "X-Api-Key", "exact_value": "secret"}],
    "url_parameters": [
        {"name": "order_id", "location": "path", "value_type": "integer", "minimum": 1},
        {"name": "expand", "value_type": "enum", "enum_values": ["items", "buyer"]},
    ],
}


@pytest.fixture
def group(user):
    return services.group_create(data={"name": "ERP"}, user=user)


def counts():
    return (
        m.Group.all_objects.count(),
        m.Endpoint.all_objects.count(),
        m.Header.all_objects.count(),
        m.UrlParameter.all_objects.count(),
    )


def test_endpoint_create_writes_nested_rows_and_records_the_creator(group, user):
    endpoint = services.endpoint_create(group=group, data=ORDER, user=user)
    assert endpoint.created_by == user
    assert [h.name for h in endpoint.headers.all()] == ["X-Api-Key"]
    assert sorted(p.name for p in endpoint.url_parameters.all()) == [
        "expand",
        "order_id",
    ]


def test_a_bad_nested_item_saves_nothing_and_names_every_problem(group):
    before = counts()
    data = {
        **ORDER,
        "headers": [{"name": "ok"}, {"name": "bad name"}, {"name": "OK"}],
        "url_parameters": [{"name": "q", "pattern": "("}],
    }
    with pytest.raises(ValidationError) as excinfo:
        services.endpoint_create(group=group, data=data)
    errors = excinfo.value.message_dict
    assert set(errors) == {
        "headers[1].name",
        "headers[2].name",
        "url_parameters[0].pattern",
    }
    assert counts() == before


def test_an_invalid_endpoint_field_and_nested_errors_are_reported_together(group):
    with pytest.raises(ValidationError) as excinfo:
        services.endpoint_create(
            group=group,
            data={**ORDER, "response_status_code": 700, "headers": [{"name": ""}]},
        )
    assert {"response_status_code", "headers[0].name"} <= set(
        excinfo.value.message_dict
    )


def test_unknown_fields_are_refused(group):
    with pytest.raises(ValidationError) as excinfo:
        services.endpoint_create(group=group, data={**ORDER, "colour": "red"})
    assert excinfo.value.message_dict == {"colour": ["Unknown field."]}
    with pytest.raises(ValidationError):
        services.endpoint_create(
            group=group, data={**ORDER, "headers": [{"name": "A", "colour": 1}]}
        )


def test_full_update_replaces_the_nested_set_in_place(group):
    endpoint = services.endpoint_create(group=group, data=ORDER)
    header_id = endpoint.headers.get().pk
    services.endpoint_update(
        endpoint=endpoint,
        data={
            **ORDER,
            "headers": [{"name": "x-api-key", "exact_value": "rotated"}],
            "url_parameters": [ORDER["url_parameters"][0]],
        },
    )
    header = endpoint.headers.get()
    assert header.pk == header_id  # matched by name, case-insensitively
    assert header.exact_value == "rotated"
    assert [p.name for p in endpoint.url_parameters.all()] == ["order_id"]
    assert m.UrlParameter.all_objects.filter(name="expand").get().is_deleted


def test_full_update_resets_fields_left_out(group):
    endpoint = services.endpoint_create(
        group=group, data={**ORDER, "description": "old", "max_wait_time": 500}
    )
    services.endpoint_update(
        endpoint=endpoint, data={"name": "Get order", "path": "/orders/{order_id}"}
    )
    endpoint.refresh_from_db()
    assert endpoint.description == ""
    assert endpoint.max_wait_time == 0
    assert endpoint.headers.count() == 1  # nested lists left out stay as they are


def test_partial_update_leaves_nested_rows_alone(group):
    endpoint = services.endpoint_create(group=group, data=ORDER)
    services.endpoint_update(
        endpoint=endpoint, data={"chaos_mode": False}, partial=True
    )
    endpoint.refresh_from_db()
    assert endpoint.chaos_mode is False
    assert endpoint.headers.count() == 1
    assert endpoint.url_parameters.count() == 2


def test_changing_the_path_must_keep_typed_path_parameters_valid(group):
    endpoint = services.endpoint_create(group=group, data=ORDER)
    with pytest.raises(ValidationError) as excinfo:
        services.endpoint_update(
            endpoint=endpoint, data={"path": "/orders/{id}"}, partial=True
        )
    assert "{order_id}" in excinfo.value.message_dict["path"][0]
    endpoint.refresh_from_db()
    assert endpoint.path == "/orders/{order_id}"


def test_update_by_id_of_a_row_from_another_endpoint_is_refused(group):
    first = services.endpoint_create(group=group, data=ORDER)
    second = services.endpoint_create(
        group=group, data={"name": "Other", "path": "/other"}
    )
    foreign_id = str(first.headers.get().pk)
    with pytest.raises(ValidationError) as excinfo:
        services.endpoint_update(
            endpoint=second,
            data={"headers": [{"id": foreign_id, "name": "X"}]},
            partial=True,
        )
    assert "headers[0].id" in excinfo.value.message_dict


def test_duplicate_copies_nested_rows_under_a_free_path(group, user):
    endpoint = services.endpoint_create(group=group, data=ORDER)
    first = services.endpoint_duplicate(endpoint=endpoint, user=user)
    second = services.endpoint_duplicate(endpoint=endpoint, user=user)
    assert first.path == "/orders/{order_id}/copy"
    assert second.path == "/orders/{order_id}/copy-2"
    assert first.headers.count() == 1
    assert first.url_parameters.count() == 2
    assert first.created_by == user


def test_set_chaos_toggles_the_flag(group):
    endpoint = services.endpoint_create(group=group, data=ORDER)
    services.endpoint_set_chaos(endpoint=endpoint, enabled=False)
    endpoint.refresh_from_db()
    assert endpoint.chaos_mode is False


def test_endpoint_restore_refuses_when_the_group_is_deleted(group):
    endpoint = services.endpoint_create(group=group, data=ORDER)
    group.delete()
    endpoint = m.Endpoint.all_objects.get(pk=endpoint.pk)
    with pytest.raises(ValidationError):
        services.endpoint_restore(endpoint=endpoint)
    assert m.Endpoint.all_objects.get(pk=endpoint.pk).is_deleted


def test_group_update_validates_and_saves(group):
    services.group_update(group=group, data={"description": "Back office"})
    group.refresh_from_db()
    assert group.description == "Back office"
    with pytest.raises(ValidationError):
        services.group_update(group=group, data={"slug": "admin"})
    group.refresh_from_db()
    assert group.slug == "erp"


def test_every_config_write_bumps_the_shared_version(
    group, django_capture_on_commit_callbacks
):
    before = current_config_version()
    with django_capture_on_commit_callbacks(execute=True):
        endpoint = services.endpoint_create(group=group, data=ORDER)
    after_create = current_config_version()
    assert after_create > before
    with django_capture_on_commit_callbacks(execute=True):
        endpoint.delete()
    assert current_config_version() > after_create
