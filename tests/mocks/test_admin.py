"""The admin as QA uses it: every page renders, writes validate inline and save
nothing on error, deleted rows stay visible and restorable, actions act."""

import importlib
import json

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import quote
from django.forms import CheckboxInput
from django.urls import reverse

from apps.accounts.factories import UserFactory
from apps.core.admin import SoftDeleteAdmin
from apps.core.widgets import PrettyJSONWidget
from apps.mocks import models as m
from apps.mocks.factories import (
    EndpointFactory,
    GroupFactory,
    HeaderFactory,
    UrlParameterFactory,
)

pytestmark = pytest.mark.django_db


# --- helpers -----------------------------------------------------------------------


@pytest.fixture
def su(client, staff_user):
    client.force_login(staff_user)
    return client


def url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def counts() -> tuple[int, int, int, int]:
    return (
        m.Group.all_objects.count(),
        m.Endpoint.all_objects.count(),
        m.Header.all_objects.count(),
        m.UrlParameter.all_objects.count(),
    )


def form_data(response) -> dict:
    """The POST a browser would send for the admin form as rendered."""
    data: dict = {}

    def add(form) -> None:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field.widget, CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            else:
                data[bound.html_name] = "" if value is None else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


INLINE_DEFAULTS = {
    "value_type": "string",
    "required": "on",
    "exact_value": "",
    "pattern": "",
    "minimum": "",
    "maximum": "",
    "min_length": "",
    "max_length": "",
    "enum_values": "[]",
    "default_status_code": "",
    "default_response_body": "",
    "default_response_schema": "",
}


def add_row(data: dict, prefix: str, **fields) -> None:
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    row = {**INLINE_DEFAULTS, **fields}
    if prefix == "url_parameters":
        row.setdefault("location", "query")
    for key, value in row.items():
        if value is False:
            continue
        data[f"{prefix}-{index}-{key}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)


def errors_of(response) -> dict:
    """Field errors of the main form and of every inline row, flattened."""
    assert response.status_code == 200, "expected the form back, with errors"
    found = {k: list(v) for k, v in response.context["adminform"].form.errors.items()}
    for inline in response.context["inline_admin_formsets"]:
        for index, row_errors in enumerate(inline.formset.errors):
            for key, value in row_errors.items():
                found[f"{inline.formset.prefix}[{index}].{key}"] = list(value)
    return found


def endpoint_add_data(su, group: m.Group, **overrides) -> dict:
    data = form_data(su.get(url(m.Endpoint, "add")))
    data.update(
        {
            "group": str(group.pk),
            "name": "Get order",
            "method": "GET",
            "path": "/orders/{order_id}",
            "response_body": '{"id": 1}',
            **overrides,
        }
    )
    return data


def run_action(su, model, action: str, objs, *, state: str = "", extra=None):
    query = f"?state={state}" if state else ""
    return su.post(
        url(model, "changelist") + query,
        {
            "action": action,
            ACTION_CHECKBOX_NAME: [str(o.pk) for o in objs],
            **(extra or {}),
        },
        follow=True,
    )


# --- every registered model renders ---------------------------------------------------


def _token(**_):
    from rest_framework.authtoken.models import Token, TokenProxy

    token = Token.objects.create(user=UserFactory())
    return TokenProxy.objects.get(pk=token.pk)


def _social_account(**_):
    from allauth.socialaccount.models import SocialAccount

    return SocialAccount.objects.create(user=UserFactory(), provider="google", uid="42")


def _social_app(**_):
    from allauth.socialaccount.models import SocialApp

    return SocialApp.objects.create(
        provider="google", name="Google", client_id="id", secret="secret"
    )


def _social_token(**_):
    from allauth.socialaccount.models import SocialToken

    return SocialToken.objects.create(
        app=_social_app(), account=_social_account(), token="t0k3n"
    )


def _email_address(**_):
    from allauth.account.models import EmailAddress

    user = UserFactory()
    return EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )


def _auth_group(**_):
    from django.contrib.auth.models import Group

    return Group.objects.create(name="QA")


def _site(**_):
    from django.contrib.sites.models import Site

    return Site.objects.create(domain="mocks.example.com", name="Mocks")


BUILDERS = {
    "accounts.User": UserFactory,
    "mocks.Group": GroupFactory,
    "mocks.Endpoint": EndpointFactory,
    "mocks.Header": HeaderFactory,
    "mocks.UrlParameter": UrlParameterFactory,
    "authtoken.TokenProxy": _token,
    "auth.Group": _auth_group,
    "sites.Site": _site,
    "account.EmailAddress": _email_address,
    "socialaccount.SocialApp": _social_app,
    "socialaccount.SocialAccount": _social_account,
    "socialaccount.SocialToken": _social_token,
}
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def build(model):
    """One saved row: from BUILDERS, else the app's ``<Model>Factory``."""
    builder = BUILDERS.get(model._meta.label)
    if builder is None:
        module = importlib.import_module(model._meta.app_config.name)
        try:
            factories = importlib.import_module(f"{module.__name__}.factories")
            builder = getattr(factories, f"{model.__name__}Factory")
        except (ImportError, AttributeError):
            pytest.fail(
                f"{model._meta.label} is in the admin: give it a factory in "
                f"{module.__name__}.factories or a builder in BUILDERS."
            )
    return builder()


def change_url(model, obj) -> str:
    # The token admin addresses a token by its user's id.
    pk = obj.user_id if model._meta.label == "authtoken.TokenProxy" else obj.pk
    return url(model, "change", quote(pk))


def test_every_own_model_is_registered():
    labels = {model._meta.label for model in REGISTERED}
    assert {
        "accounts.User",
        "mocks.Group",
        "mocks.Endpoint",
        "mocks.Header",
        "mocks.UrlParameter",
        "authtoken.TokenProxy",
    } <= labels


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_renders_with_a_row(su, model):
    obj = build(model)
    response = su.get(url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1
    assert obj in response.context["cl"].result_list or model._meta.proxy


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_add_page_renders(su, model):
    response = su.get(url(model, "add"))
    if not admin.site._registry[model].has_add_permission(response.wsgi_request):
        # Read-only admins (the request journal) refuse the add page.
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert response.context["add"] is True


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_change_page_renders(su, model):
    obj = build(model)
    response = su.get(change_url(model, obj))
    assert response.status_code == 200
    assert response.context["original"].pk == obj.pk


SOFT_DELETE_MODELS = [
    model
    for model in REGISTERED
    if isinstance(admin.site._registry[model], SoftDeleteAdmin)
]


def test_the_four_mock_models_have_soft_delete_admins():
    assert {model._meta.label for model in SOFT_DELETE_MODELS} >= {
        "mocks.Group",
        "mocks.Endpoint",
        "mocks.Header",
        "mocks.UrlParameter",
    }


@pytest.mark.parametrize(
    "model", SOFT_DELETE_MODELS, ids=lambda model: model._meta.label
)
def test_changelist_shows_live_rows_by_default_and_deleted_rows_on_request(su, model):
    live = build(model)
    dead = build(model)
    dead.delete()

    default = su.get(url(model, "changelist")).context["cl"].result_list
    deleted = su.get(url(model, "changelist") + "?state=deleted")
    everything = su.get(url(model, "changelist") + "?state=all").context["cl"]

    assert live in default and dead not in default
    assert list(deleted.context["cl"].result_list) == [dead]
    assert "softdelete-deleted" in deleted.content.decode()
    assert {live, dead} <= set(everything.result_list)


@pytest.mark.parametrize(
    "model", SOFT_DELETE_MODELS, ids=lambda model: model._meta.label
)
def test_a_deleted_row_opens_read_only_with_a_restore_button(su, model):
    obj = build(model)
    obj.delete()
    response = su.get(change_url(model, obj))
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert url(model, "restore", quote(obj.pk)) in body
    assert 'name="_save"' not in body


def test_site_is_branded():
    assert str(admin.site.site_header) == "Mock API portal"
    assert str(admin.site.site_title) == "Mock API portal"


def test_index_page_shows_the_brand(su):
    assert "Mock API portal" in su.get(reverse("admin:index")).content.decode()


# --- groups ------------------------------------------------------------------------------


def test_group_add_saves_derives_the_slug_and_records_the_creator(su, staff_user):
    data = form_data(su.get(url(m.Group, "add")))
    data.update({"name": "Order Service", "slug": ""})
    response = su.post(url(m.Group, "add"), data)
    assert response.status_code == 302
    group = m.Group.objects.get()
    assert group.slug == "order-service"
    assert group.created_by == staff_user


def test_group_add_with_a_reserved_slug_shows_the_error_and_saves_nothing(su):
    data = form_data(su.get(url(m.Group, "add")))
    data.update({"name": "Admin things", "slug": "admin"})
    response = su.post(url(m.Group, "add"), data)
    assert "reserved" in " ".join(errors_of(response)["slug"])
    assert m.Group.all_objects.count() == 0


def test_group_slug_taken_by_a_live_group_is_a_slug_error(su):
    GroupFactory(slug="erp")
    data = form_data(su.get(url(m.Group, "add")))
    data.update({"name": "ERP 2", "slug": "erp"})
    response = su.post(url(m.Group, "add"), data)
    assert errors_of(response)["slug"] == ["A live group already uses this slug."]
    assert m.Group.all_objects.count() == 1


def test_group_slug_of_a_deleted_group_can_be_reused(su):
    GroupFactory(slug="erp", deleted=True)
    data = form_data(su.get(url(m.Group, "add")))
    data.update({"name": "ERP", "slug": "erp"})
    assert su.post(url(m.Group, "add"), data).status_code == 302
    assert m.Group.objects.get().slug == "erp"


def test_group_change_saves_through_the_form(su):
    group = GroupFactory(slug="erp")
    data = form_data(su.get(url(m.Group, "change", group.pk)))
    data["description"] = "Enterprise resource planning"
    assert su.post(url(m.Group, "change", group.pk), data).status_code == 302
    group.refresh_from_db()
    assert group.description == "Enterprise resource planning"


def test_group_delete_button_soft_deletes_the_group_and_its_endpoints(su):
    endpoint = EndpointFactory()
    group = endpoint.group
    response = su.post(url(m.Group, "delete", group.pk), {"post": "yes"})
    assert response.status_code == 302
    group.refresh_from_db()
    endpoint.refresh_from_db()
    assert group.is_deleted and endpoint.is_deleted
    assert m.Group.all_objects.filter(pk=group.pk).exists()


def test_delete_confirmation_says_the_row_goes_to_the_bin(su):
    group = GroupFactory()
    body = su.get(url(m.Group, "delete", group.pk)).content.decode()
    assert "to the bin" in body


def test_restore_button_restores_the_group_with_its_endpoints(su):
    endpoint = EndpointFactory()
    group = endpoint.group
    group.delete()
    response = su.post(url(m.Group, "restore", group.pk))
    assert response.status_code == 302
    assert response.url == url(m.Group, "change", group.pk)
    group.refresh_from_db()
    endpoint.refresh_from_db()
    assert not group.is_deleted and not endpoint.is_deleted


def test_restore_view_refuses_get(su):
    group = GroupFactory(deleted=True)
    assert su.get(url(m.Group, "restore", group.pk)).status_code == 405
    group.refresh_from_db()
    assert group.is_deleted


def test_restore_refused_when_the_slug_is_live_again_says_why(su):
    old = GroupFactory(slug="erp", deleted=True)
    GroupFactory(slug="erp")
    response = su.post(url(m.Group, "restore", old.pk), follow=True)
    messages = [str(msg) for msg in response.context["messages"]]
    assert any("Could not restore" in msg for msg in messages)
    old.refresh_from_db()
    assert old.is_deleted


def test_deleted_group_cannot_be_changed_through_a_post(su):
    group = GroupFactory(name="Old", deleted=True)
    response = su.post(url(m.Group, "change", group.pk), {"name": "New"})
    assert response.status_code == 403
    group.refresh_from_db()
    assert group.name == "Old"


def test_group_changelist_counts_live_endpoints_only(su):
    group = GroupFactory()
    EndpointFactory.create_batch(2, group=group)
    EndpointFactory(group=group, deleted=True)
    row = su.get(url(m.Group, "changelist")).context["cl"].result_list[0]
    assert row.live_endpoints == 2


# --- endpoints: add and change ---------------------------------------------------------


def test_endpoint_add_saves_the_endpoint_with_its_inline_rows(su, staff_user):
    group = GroupFactory()
    data = endpoint_add_data(su, group)
    add_row(data, "headers", name="X-Api-Key", exact_value="secret")
    add_row(
        data,
        "url_parameters",
        name="order_id",
        location="path",
        value_type="integer",
        minimum="1",
    )
    response = su.post(url(m.Endpoint, "add"), data)
    assert response.status_code == 302, errors_of(response)
    endpoint = m.Endpoint.objects.get()
    assert endpoint.created_by == staff_user
    assert endpoint.response_body == {"id": 1}
    assert [(h.name, h.exact_value) for h in endpoint.headers.all()] == [
        ("X-Api-Key", "secret")
    ]
    param = endpoint.url_parameters.get()
    assert (param.name, param.location, param.minimum) == ("order_id", "path", 1)


def test_endpoint_add_is_recorded_in_the_admin_history(su):
    from django.contrib.admin.models import LogEntry

    data = endpoint_add_data(su, GroupFactory())
    add_row(data, "headers", name="X-Api-Key")
    su.post(url(m.Endpoint, "add"), data)
    entry = LogEntry.objects.get()
    assert entry.is_addition()
    assert "X-Api-Key" in entry.get_change_message()


def test_endpoint_add_with_bad_json_shows_the_error_and_keeps_the_text(su):
    data = endpoint_add_data(su, GroupFactory(), response_body='{"id": 1,')
    response = su.post(url(m.Endpoint, "add"), data)
    assert errors_of(response)["response_body"] == ["Enter a valid JSON."]
    assert "{&quot;id&quot;: 1,</textarea>" in response.content.decode()
    assert counts()[1:] == (0, 0, 0)


def test_endpoint_add_with_an_invalid_json_schema_is_a_field_error(su):
    data = endpoint_add_data(
        su, GroupFactory(), response_schema='{"type": "no-such-type"}'
    )
    response = su.post(url(m.Endpoint, "add"), data)
    assert "Not a valid JSON Schema" in errors_of(response)["response_schema"][0]
    assert m.Endpoint.all_objects.count() == 0


def test_endpoint_add_with_a_taken_route_is_a_path_error(su):
    existing = EndpointFactory(path="/orders", method="GET")
    data = endpoint_add_data(su, existing.group, path="/orders/")
    response = su.post(url(m.Endpoint, "add"), data)
    assert errors_of(response)["path"] == [
        "This group already has a live endpoint with this method and path."
    ]
    assert m.Endpoint.all_objects.count() == 1


def test_endpoint_add_with_a_bad_inline_regex_saves_nothing(su):
    data = endpoint_add_data(su, GroupFactory())
    add_row(data, "headers", name="X-Trace", pattern="([a-z")
    response = su.post(url(m.Endpoint, "add"), data)
    errors = errors_of(response)
    assert "does not compile" in errors["headers[0].pattern"][0]
    assert counts()[1:] == (0, 0, 0)


def test_endpoint_add_with_headers_differing_only_in_case_is_a_row_error(su):
    data = endpoint_add_data(su, GroupFactory())
    add_row(data, "headers", name="X-Api-Key")
    add_row(data, "headers", name="x-api-key")
    response = su.post(url(m.Endpoint, "add"), data)
    assert "headers[1].name" in errors_of(response)
    assert counts()[1:] == (0, 0, 0)


def test_endpoint_add_with_a_path_parameter_missing_from_the_path_is_an_error(su):
    data = endpoint_add_data(su, GroupFactory(), path="/orders")
    add_row(data, "url_parameters", name="order_id", location="path")
    response = su.post(url(m.Endpoint, "add"), data)
    assert (
        "has no {order_id} segment"
        in (errors_of(response)["url_parameters[0].name"][0])
    )
    assert m.Endpoint.all_objects.count() == 0


def test_endpoint_add_with_request_body_on_get_is_an_error(su):
    data = endpoint_add_data(
        su, GroupFactory(), request_body_schema='{"type": "object"}'
    )
    response = su.post(url(m.Endpoint, "add"), data)
    assert "only configured for POST" in errors_of(response)["request_body_schema"][0]
    assert m.Endpoint.all_objects.count() == 0


def test_endpoint_save_refused_by_the_service_rolls_back_and_says_why(su, monkeypatch):
    from django.core.exceptions import ValidationError

    from apps.mocks import services

    def save_then_refuse(*, endpoint, data, partial):
        endpoint.save()
        raise ValidationError("This conflicts with a row saved at the same time.")

    monkeypatch.setattr(services, "endpoint_update", save_then_refuse)
    data = endpoint_add_data(su, GroupFactory())
    response = su.post(url(m.Endpoint, "add"), data, follow=True)
    messages = " ".join(str(msg) for msg in response.context["messages"])
    assert "Nothing was saved" in messages
    assert m.Endpoint.all_objects.count() == 0


def test_endpoint_emptied_response_headers_save_as_an_empty_object(su):
    endpoint = EndpointFactory(response_headers={"X-A": "1"})
    data = form_data(su.get(url(m.Endpoint, "change", endpoint.pk)))
    data["response_headers"] = ""
    response = su.post(url(m.Endpoint, "change", endpoint.pk), data)
    assert response.status_code == 302, errors_of(response)
    endpoint.refresh_from_db()
    assert endpoint.response_headers == {}


def test_endpoint_change_edits_adds_and_deletes_inline_rows(su):
    endpoint = EndpointFactory(path="/orders")
    keep = HeaderFactory(endpoint=endpoint, name="X-Keep")
    drop = HeaderFactory(endpoint=endpoint, name="X-Drop")
    data = form_data(su.get(url(m.Endpoint, "change", endpoint.pk)))
    rows = {data[f"headers-{i}-name"]: i for i in range(2)}
    data[f"headers-{rows['X-Keep']}-exact_value"] = "v1"
    data[f"headers-{rows['X-Drop']}-DELETE"] = "on"
    add_row(data, "headers", name="X-New")
    response = su.post(url(m.Endpoint, "change", endpoint.pk), data)
    assert response.status_code == 302, errors_of(response)
    keep.refresh_from_db()
    drop.refresh_from_db()
    assert keep.exact_value == "v1"
    assert drop.is_deleted
    assert sorted(h.name for h in endpoint.headers.all()) == ["X-Keep", "X-New"]


def test_endpoint_path_change_that_drops_a_path_parameter_is_refused(su):
    endpoint = EndpointFactory(path="/orders/{order_id}")
    UrlParameterFactory(endpoint=endpoint, name="order_id", location="path")
    data = form_data(su.get(url(m.Endpoint, "change", endpoint.pk)))
    data["path"] = "/orders"
    response = su.post(url(m.Endpoint, "change", endpoint.pk), data)
    assert "url_parameters[0].name" in errors_of(response)
    endpoint.refresh_from_db()
    assert endpoint.path == "/orders/{order_id}"


def test_every_endpoint_setting_the_services_write_is_on_the_admin_form(su):
    from apps.mocks.services import ENDPOINT_FIELDS

    form = su.get(url(m.Endpoint, "add")).context["adminform"].form
    assert set(ENDPOINT_FIELDS) <= set(form.fields)


def test_endpoint_change_page_pretty_prints_json(su):
    endpoint = EndpointFactory(response_body={"id": 7, "tags": ["a"]})
    response = su.get(url(m.Endpoint, "change", endpoint.pk))
    assert "{\n  &quot;id&quot;: 7,\n  &quot;tags&quot;: [" in response.content.decode()
    widget = response.context["adminform"].form.fields["response_body"].widget
    assert isinstance(widget, PrettyJSONWidget)


def test_endpoint_change_page_shows_the_mock_and_chaos_urls(su):
    endpoint = EndpointFactory(group=GroupFactory(slug="erp"), path="/orders")
    body = su.get(url(m.Endpoint, "change", endpoint.pk)).content.decode()
    assert "/erp/orders/chaos" in body


def test_endpoint_changelist_filters_by_group_method_and_chaos(su):
    erp = GroupFactory(slug="erp")
    wanted = EndpointFactory(group=erp, method="POST", chaos_mode=False)
    EndpointFactory(group=erp, method="GET", chaos_mode=False)
    EndpointFactory(method="POST", chaos_mode=False)
    query = f"?group={erp.pk}&method__exact=POST&chaos_mode__exact=0"
    result = su.get(url(m.Endpoint, "changelist") + query).context["cl"].result_list
    assert list(result) == [wanted]


def test_endpoint_changelist_query_count_does_not_grow_with_rows(
    su, django_assert_max_num_queries
):
    group = GroupFactory()
    EndpointFactory.create_batch(3, group=group)
    with django_assert_max_num_queries(12) as few:
        su.get(url(m.Endpoint, "changelist"))
    EndpointFactory.create_batch(20, group=group)
    with django_assert_max_num_queries(len(few)):
        su.get(url(m.Endpoint, "changelist"))


def test_endpoint_group_filter_lists_deleted_groups_too(su):
    GroupFactory(slug="gone", deleted=True)
    response = su.get(url(m.Endpoint, "changelist"))
    assert "gone (deleted)" in response.content.decode()


def test_endpoint_changelist_search_matches_path_and_group_slug(su):
    hit = EndpointFactory(group=GroupFactory(slug="billing"), path="/invoices")
    EndpointFactory(path="/orders")
    for term in ("invoices", "billing"):
        result = su.get(url(m.Endpoint, "changelist") + f"?q={term}").context["cl"]
        assert list(result.result_list) == [hit]


# --- endpoint actions ------------------------------------------------------------------


def test_soft_delete_action_marks_rows_deleted_with_their_children(su):
    header = HeaderFactory()
    endpoint = header.endpoint
    run_action(su, m.Endpoint, "soft_delete_selected", [endpoint])
    endpoint.refresh_from_db()
    header.refresh_from_db()
    assert endpoint.is_deleted and header.is_deleted


def test_restore_action_brings_back_deleted_rows(su):
    header = HeaderFactory()
    endpoint = header.endpoint
    endpoint.delete()
    run_action(su, m.Endpoint, "restore_selected", [endpoint], state="deleted")
    endpoint.refresh_from_db()
    header.refresh_from_db()
    assert not endpoint.is_deleted and not header.is_deleted


def test_restore_action_refuses_an_endpoint_of_a_deleted_group(su):
    endpoint = EndpointFactory()
    endpoint.group.delete()
    response = run_action(
        su, m.Endpoint, "restore_selected", [endpoint], state="deleted"
    )
    messages = " ".join(str(msg) for msg in response.context["messages"])
    assert "Restore the group" in messages
    endpoint.refresh_from_db()
    assert endpoint.is_deleted


def test_header_restore_refuses_while_its_endpoint_is_deleted(su):
    header = HeaderFactory()
    header.endpoint.delete()
    header.refresh_from_db()
    response = su.post(url(m.Header, "restore", header.pk), follow=True)
    messages = " ".join(str(msg) for msg in response.context["messages"])
    assert "Restore the endpoint" in messages
    header.refresh_from_db()
    assert header.is_deleted


def test_duplicate_action_copies_the_endpoint_with_its_rows(su, staff_user):
    endpoint = EndpointFactory(path="/orders")
    HeaderFactory(endpoint=endpoint, name="X-Api-Key")
    run_action(su, m.Endpoint, "duplicate_selected", [endpoint])
    copy = m.Endpoint.objects.get(path="/orders/copy")
    assert copy.group == endpoint.group
    assert copy.created_by == staff_user
    assert [h.name for h in copy.headers.all()] == ["X-Api-Key"]
    assert m.Endpoint.objects.filter(path="/orders").exists()


def test_chaos_actions_turn_chaos_off_and_on(su):
    first, second = EndpointFactory(chaos_mode=True), EndpointFactory(chaos_mode=True)
    run_action(su, m.Endpoint, "disable_chaos", [first, second])
    assert not m.Endpoint.objects.filter(chaos_mode=True).exists()
    run_action(su, m.Endpoint, "enable_chaos", [first])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.chaos_mode is True and second.chaos_mode is False


def test_hard_delete_asks_for_confirmation_first(su):
    endpoint = EndpointFactory()
    response = run_action(su, m.Endpoint, "hard_delete_selected", [endpoint])
    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
    assert m.Endpoint.all_objects.filter(pk=endpoint.pk).exists()


def test_hard_delete_after_confirmation_removes_the_rows_for_good(su):
    header = HeaderFactory()
    group = header.endpoint.group
    run_action(su, m.Group, "hard_delete_selected", [group], extra={"post": "yes"})
    assert counts() == (0, 0, 0, 0)


def test_hard_delete_is_offered_to_superusers_only(client):
    staff = UserFactory(staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="mocks")
    )
    client.force_login(staff)
    endpoint = EndpointFactory()
    response = client.get(url(m.Endpoint, "changelist"))
    actions = dict(response.context["action_form"].fields["action"].choices)
    assert "soft_delete_selected" in actions
    assert "hard_delete_selected" not in actions
    run_action(
        client, m.Endpoint, "hard_delete_selected", [endpoint], extra={"post": "yes"}
    )
    assert m.Endpoint.all_objects.filter(pk=endpoint.pk).exists()


def test_stock_delete_selected_action_is_replaced(su):
    EndpointFactory()
    response = su.get(url(m.Endpoint, "changelist"))
    actions = dict(response.context["action_form"].fields["action"].choices)
    assert "delete_selected" not in actions
    assert {"restore_selected", "duplicate_selected", "enable_chaos"} <= set(actions)


def test_config_version_moves_when_the_admin_saves(
    su, django_capture_on_commit_callbacks
):
    from apps.mocks.config_version import current_config_version

    group = GroupFactory()
    before = current_config_version()
    data = form_data(su.get(url(m.Group, "change", group.pk)))
    data["name"] = "Renamed"
    with django_capture_on_commit_callbacks(execute=True):
        su.post(url(m.Group, "change", group.pk), data)
    assert current_config_version() != before


# --- headers and URL parameters on their own --------------------------------------------


def test_header_add_with_a_bad_regex_shows_the_error_and_saves_nothing(su):
    endpoint = EndpointFactory()
    data = form_data(su.get(url(m.Header, "add")))
    data.update({"endpoint": str(endpoint.pk), "name": "X-Trace", "pattern": "(("})
    response = su.post(url(m.Header, "add"), data)
    assert "does not compile" in errors_of(response)["pattern"][0]
    assert m.Header.all_objects.count() == 0


def test_header_add_with_a_live_duplicate_name_is_a_name_error(su):
    header = HeaderFactory(name="X-Api-Key")
    data = form_data(su.get(url(m.Header, "add")))
    data.update({"endpoint": str(header.endpoint_id), "name": "x-api-key"})
    response = su.post(url(m.Header, "add"), data)
    assert errors_of(response)["name"] == ["This endpoint already expects this header."]


def test_url_parameter_add_with_valid_data_saves(su):
    endpoint = EndpointFactory()
    data = form_data(su.get(url(m.UrlParameter, "add")))
    data.update(
        {
            "endpoint": str(endpoint.pk),
            "name": "sort",
            "value_type": "enum",
            "enum_values": '["asc", "desc"]',
        }
    )
    response = su.post(url(m.UrlParameter, "add"), data)
    assert response.status_code == 302, errors_of(response)
    param = m.UrlParameter.objects.get()
    assert param.enum_values == ["asc", "desc"]


def test_url_parameter_enum_without_values_is_a_field_error(su):
    endpoint = EndpointFactory()
    data = form_data(su.get(url(m.UrlParameter, "add")))
    data.update({"endpoint": str(endpoint.pk), "name": "sort", "value_type": "enum"})
    response = su.post(url(m.UrlParameter, "add"), data)
    assert "enum_values" in errors_of(response)
    assert m.UrlParameter.all_objects.count() == 0


# --- the widget on its own --------------------------------------------------------------


def test_pretty_json_widget_indents_valid_json_and_keeps_invalid_text():
    widget = PrettyJSONWidget()
    assert widget.format_value('{"a": [1, 2]}') == json.dumps({"a": [1, 2]}, indent=2)
    assert widget.format_value('{"a": ') == '{"a": '
    assert widget.format_value("") == ""


def test_pretty_json_widget_grows_with_its_content():
    ten_lines = json.dumps({str(i): i for i in range(8)})
    assert 'rows="11"' in PrettyJSONWidget().render("body", ten_lines)
    assert 'rows="3"' in PrettyJSONWidget().render("body", "1")
    assert 'rows="5"' in PrettyJSONWidget(attrs={"rows": "5"}).render("b", ten_lines)
