"""Portal forms: good input saves through the services, bad input is shown
inline next to the field and saves nothing."""

import pytest
from django.urls import reverse

from apps.mocks import models as m

from .helpers import endpoint_post

pytestmark = pytest.mark.django_db


# --- groups ----------------------------------------------------------------------


def test_group_create_saves_and_redirects_to_the_group(client_in, user):
    response = client_in.post(
        reverse("portal:group_create"), {"name": "Payments", "description": "PSP"}
    )
    group = m.Group.objects.get(slug="payments")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:group_detail", args=[group.pk])
    assert group.created_by == user


def test_group_create_with_a_reserved_slug_shows_the_error_inline(client_in):
    response = client_in.post(
        reverse("portal:group_create"), {"name": "Admin", "slug": "admin"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "reserved" in form.errors["slug"][0]
    assert 'id="id_slug-errors"' in response.content.decode()
    assert not m.Group.objects.exists()


def test_group_create_without_a_name_is_refused(client_in):
    response = client_in.post(reverse("portal:group_create"), {"name": ""})
    assert response.context["form"].errors["name"]
    assert not m.Group.objects.exists()


def test_group_create_with_a_taken_slug_is_refused(client_in, group):
    response = client_in.post(
        reverse("portal:group_create"), {"name": "Again", "slug": group.slug}
    )
    assert response.context["form"].errors["slug"]
    assert m.Group.objects.count() == 1


def test_group_edit_updates_name_and_description(client_in, group):
    response = client_in.post(
        reverse("portal:group_edit", args=[group.pk]),
        {"name": "Shop v2", "slug": group.slug, "description": "new"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.description) == ("Shop v2", "new")


def test_group_delete_soft_deletes_after_confirmation(client_in, group, endpoint):
    url = reverse("portal:group_delete", args=[group.pk])
    assert client_in.get(url).status_code == 200  # the no-JS confirmation page
    assert m.Group.objects.filter(pk=group.pk).exists()
    response = client_in.post(url)
    assert response.status_code == 302
    assert not m.Group.objects.filter(pk=group.pk).exists()
    assert m.Group.all_objects.get(pk=group.pk).is_deleted


# --- endpoints ---------------------------------------------------------------------


def test_endpoint_create_saves_rows_of_every_formset(client_in, group):
    data = endpoint_post(
        path="/orders/{order_id}",
        params=[
            {
                "name": "order_id",
                "location": "path",
                "value_type": "integer",
                "minimum": "1",
            },
            {
                "name": "sort",
                "value_type": "enum",
                "enum_values": "asc, desc",
                "required": False,
            },
        ],
        headers=[
            {
                "name": "X-Api-Key",
                "exact_value": "k-1",
                "default_status_code": "401",
                "default_response_body": '{"error": "key"}',
            }
        ],
        rheaders=[{"name": "Cache-Control", "value": "no-store"}],
    )
    response = client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    assert response.status_code == 302, (
        response.context and response.context["form"].errors
    )
    endpoint = m.Endpoint.objects.get(group=group)
    assert endpoint.response_headers == {"Cache-Control": "no-store"}
    assert endpoint.response_body == {"orders": []}
    sort = endpoint.url_parameters.get(name="sort")
    assert (sort.enum_values, sort.required) == (["asc", "desc"], False)
    assert endpoint.url_parameters.get(name="order_id").minimum == 1
    header = endpoint.headers.get()
    assert (header.default_status_code, header.default_response_body) == (
        401,
        {"error": "key"},
    )


def test_invalid_json_body_is_shown_next_to_the_field(client_in, group):
    data = endpoint_post(response_body="{not json")
    response = client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    assert response.status_code == 200
    assert "Enter valid JSON" in response.context["form"].errors["response_body"][0]
    assert 'id="id_response_body-errors"' in response.content.decode()
    assert not m.Endpoint.objects.exists()


def test_invalid_schema_is_refused_by_the_service(client_in, group):
    data = endpoint_post(response_body="", response_schema='{"type": "banana"}')
    response = client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    assert "response_schema" in response.context["form"].errors
    assert not m.Endpoint.objects.exists()


def test_bad_header_row_gets_its_error_on_the_row(client_in, group):
    data = endpoint_post(
        headers=[{"name": "X-Good"}, {"name": "Bad Header"}],
    )
    response = client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    rows = response.context["headers"].forms
    assert not rows[0].errors
    assert "legal HTTP header name" in rows[1].errors["name"][0]
    assert "Please correct the errors below." in response.content.decode()
    assert not m.Endpoint.objects.exists()
    assert not m.Header.all_objects.exists()


def test_path_parameter_missing_from_the_path_is_refused(client_in, group):
    data = endpoint_post(
        path="/orders", params=[{"name": "order_id", "location": "path"}]
    )
    response = client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    row = response.context["params"].forms[0]
    assert "{order_id}" in row.errors["name"][0]
    assert not m.Endpoint.objects.exists()


def test_range_on_a_string_parameter_is_refused(client_in, group):
    data = endpoint_post(params=[{"name": "q", "minimum": "3"}])
    response = client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    assert response.context["params"].forms[0].errors["minimum"]
    assert not m.Endpoint.objects.exists()


def test_duplicate_route_error_lands_on_the_path(client_in, group, endpoint):
    data = endpoint_post(path=endpoint.path)
    response = client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    assert "already has a live endpoint" in response.context["form"].errors["path"][0]


def test_body_schema_on_get_is_dropped_not_saved(client_in, group):
    data = endpoint_post(request_body_schema='{"type": "object"}')
    client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    assert m.Endpoint.objects.get().request_body_schema is None


def test_post_endpoint_keeps_its_request_body_schema(client_in, group):
    data = endpoint_post(
        method="POST",
        request_body_schema='{"type": "object", "required": ["name"]}',
        request_body_required=True,
        request_error_status_code="422",
    )
    client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    endpoint = m.Endpoint.objects.get()
    assert endpoint.request_body_schema["required"] == ["name"]
    assert (endpoint.request_body_required, endpoint.request_error_status_code) == (
        True,
        422,
    )


def test_add_row_without_js_adds_a_blank_row_and_saves_nothing(client_in, group):
    data = endpoint_post(headers=[{"name": "X-One"}])
    data["add_row"] = "headers"
    response = client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    assert response.status_code == 200
    assert len(response.context["headers"].forms) == 2
    assert "field__errors" not in response.content.decode()
    assert not m.Endpoint.objects.exists()


def test_edit_shows_rows_and_removing_one_deletes_it(client_in, group, endpoint):
    url = reverse("portal:endpoint_edit", args=[group.pk, endpoint.pk])
    page = client_in.get(url)
    assert len(page.context["params"].forms) == 2
    params = [form.initial for form in page.context["params"].forms]
    headers = [form.initial for form in page.context["headers"].forms]
    for row in params + headers:
        row.pop("default_response_body", None)
        row.pop("default_response_schema", None)
        for key in [k for k, v in row.items() if v is None or v == "" or v == []]:
            row.pop(key)
    expand = next(p for p in params if p["name"] == "expand")
    expand["DELETE"] = True
    data = endpoint_post(
        name=endpoint.name,
        path=endpoint.path,
        params=params,
        headers=headers,
        rheaders=[{"name": "Cache-Control", "value": "max-age=60"}],
    )
    response = client_in.post(url, data)
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert [p.name for p in endpoint.url_parameters.all()] == ["order_id"]
    assert endpoint.headers.get().exact_value == "secret-1"
    assert endpoint.response_headers == {"Cache-Control": "max-age=60"}


def test_repeated_response_header_is_refused(client_in, group):
    data = endpoint_post(
        rheaders=[{"name": "X-A", "value": "1"}, {"name": "x-a", "value": "2"}]
    )
    response = client_in.post(reverse("portal:endpoint_create", args=[group.pk]), data)
    assert response.context["rheaders"].forms[1].errors["name"]
    assert not m.Endpoint.objects.exists()


def test_endpoint_delete_soft_deletes(client_in, group, endpoint):
    response = client_in.post(
        reverse("portal:endpoint_delete", args=[group.pk, endpoint.pk])
    )
    assert response.status_code == 302
    assert not m.Endpoint.objects.filter(pk=endpoint.pk).exists()
