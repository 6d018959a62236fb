"""``manage.py seed_mocks``: idempotent, deterministic, valid, and a showcase of
every configuration feature."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.accounts.factories import UserFactory
from apps.accounts.models import User
from apps.mocks import models as m
from apps.mocks.seed import DEMO_API_KEY, apply_demo, demo_groups

pytestmark = pytest.mark.django_db

MODELS = (m.Group, m.Endpoint, m.Header, m.UrlParameter)


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_mocks", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, tuple[int, int]]:
    return {
        model.__name__: (model.objects.count(), model.all_objects.count())
        for model in MODELS
    }


def snapshot() -> list:
    """Every seeded value except keys, owners and timestamps."""
    skip = {"id", "created_at", "updated_at", "created_at_epoch", "created_by"}
    rows = []
    for model in MODELS:
        for obj in model.all_objects.all():
            values = {
                f.attname: getattr(obj, f.attname)
                for f in model._meta.concrete_fields
                if f.name not in skip and not f.is_relation
            }
            if model is m.Endpoint:
                values["group"] = obj.group.slug
            if model in (m.Header, m.UrlParameter):
                values["endpoint"] = (obj.endpoint.method, obj.endpoint.path)
            rows.append((model.__name__, repr(sorted(values.items()))))
    return sorted(rows)


@pytest.fixture
def seeded():
    seed()
    return m.Endpoint.objects.select_related("group")


# --- idempotent and deterministic ------------------------------------------------------


def test_seeding_twice_leaves_one_copy_of_everything():
    seed()
    first = counts()
    seed()
    assert counts() == first
    assert first["Group"] == (3, 3)
    assert first["Endpoint"][0] >= 15


def test_second_run_reports_updates_not_creations():
    seed()
    out = seed()
    assert "Groups: 0 created, 3 updated, 0 restored." in out
    assert "Endpoints: 0 created" in out


def test_reseeding_updates_an_edited_endpoint_in_place():
    seed()
    endpoint = m.Endpoint.objects.get(
        group__slug="erp", method="POST", path="/customers"
    )
    endpoint.response_status_code = 500
    endpoint.save()
    seed()
    again = m.Endpoint.objects.get(group__slug="erp", method="POST", path="/customers")
    assert again.pk == endpoint.pk
    assert again.response_status_code == 201


def test_reseeding_restores_a_deleted_demo_group_instead_of_copying_it():
    seed()
    group = m.Group.objects.get(slug="erp")
    group.delete()
    out = seed()
    group.refresh_from_db()
    assert not group.is_deleted
    assert m.Group.all_objects.filter(slug="erp").count() == 1
    assert "/erp: group restored" in out
    assert not m.Endpoint.all_objects.filter(group=group, deleted_at__isnull=False)


def test_reseeding_leaves_endpoints_qa_added_alone():
    seed()
    group = m.Group.objects.get(slug="erp")
    extra = m.Endpoint.objects.create(group=group, name="QA", path="/qa-only")
    seed()
    extra.refresh_from_db()
    assert not extra.is_deleted


def test_the_same_seed_gives_the_same_data():
    seed("--seed", "7")
    first = snapshot()
    for model in MODELS:
        model.all_objects.all().hard_delete()
    seed("--seed", "7")
    assert snapshot() == first


def test_a_different_seed_gives_different_sample_values():
    assert demo_groups(7) == demo_groups(7)
    assert demo_groups(7) != demo_groups(8)


def test_a_different_seed_updates_the_same_rows():
    seed("--seed", "1")
    before = counts()
    body_1 = m.Endpoint.objects.get(group__slug="erp", path="/customers", method="GET")
    seed("--seed", "2")
    body_2 = m.Endpoint.objects.get(group__slug="erp", path="/customers", method="GET")
    assert counts() == before
    assert body_1.pk == body_2.pk
    assert body_1.response_body != body_2.response_body


# --- valid --------------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_seeded_object_passes_full_clean(model):
    seed()
    rows = list(model.all_objects.all())
    assert rows
    for obj in rows:
        obj.full_clean()


# --- owner --------------------------------------------------------------------------------


def test_new_rows_belong_to_a_demo_user_without_a_usable_password():
    seed()
    demo = User.objects.get(email="demo@example.com")
    assert not demo.has_usable_password()
    assert set(m.Group.objects.values_list("created_by", flat=True)) == {demo.pk}


def test_owner_option_assigns_an_existing_user():
    owner = UserFactory(superuser=True)
    seed("--owner", owner.email.upper())
    assert set(m.Endpoint.objects.values_list("created_by", flat=True)) == {owner.pk}
    assert not User.objects.filter(email="demo@example.com").exists()


def test_unknown_owner_is_refused_and_nothing_is_written():
    with pytest.raises(CommandError, match="No user"):
        seed("--owner", "nobody@example.com")
    assert m.Group.all_objects.count() == 0


def test_summary_lists_every_group_and_the_totals():
    out = seed()
    for slug in ("erp", "ecommerce", "payments"):
        assert f"/{slug}: group created" in out
    assert "Groups: 3 created, 0 updated, 0 restored." in out


def test_apply_demo_is_all_or_nothing(monkeypatch):
    from apps.mocks import seed as seed_module

    groups = demo_groups()
    groups[-1]["endpoints"][0]["path"] = "/bad/chaos"  # refused by validation
    monkeypatch.setattr(seed_module, "demo_groups", lambda seed: groups)
    with pytest.raises(ValidationError, match="chaos"):
        apply_demo(seed=1, user=None)
    assert m.Group.all_objects.count() == 0


# --- features on show ----------------------------------------------------------------


def _params(**lookup):
    return m.UrlParameter.objects.filter(**lookup)


FEATURES = {
    "static JSON body": lambda qs: qs.filter(response_body__isnull=False).exists(),
    "response JSON Schema": lambda qs: (
        qs.filter(response_schema__isnull=False).exclude(response_schema={}).exists()
    ),
    "custom response headers": lambda qs: qs.exclude(response_headers={}).exists(),
    "status 201": lambda qs: qs.filter(response_status_code=201).exists(),
    "status 204": lambda qs: qs.filter(
        response_status_code=204, response_body__isnull=True
    ).exists(),
    "max wait time": lambda qs: qs.filter(max_wait_time__gt=0).exists(),
    "chaos on": lambda qs: qs.filter(chaos_mode=True).exists(),
    "chaos off": lambda qs: qs.filter(chaos_mode=False).exists(),
    "typed path parameter": lambda qs: (
        _params(location="path").exclude(value_type="string").exists()
    ),
    "path template": lambda qs: qs.filter(path__contains="{").exists(),
    "integer range query": lambda qs: _params(
        location="query", value_type="integer", minimum__isnull=False, required=True
    ).exists(),
    "enum query": lambda qs: _params(
        location="query", value_type="enum", required=True
    ).exists(),
    "date query": lambda qs: _params(location="query", value_type="date").exists(),
    "uuid query": lambda qs: _params(
        location="query", value_type="uuid", required=True
    ).exists(),
    "pattern query": lambda qs: _params(location="query").exclude(pattern="").exists(),
    "email query": lambda qs: _params(
        location="query", value_type="email", required=True
    ).exists(),
    "boolean query": lambda qs: _params(
        location="query", value_type="boolean"
    ).exists(),
    "exact value header": lambda qs: m.Header.objects.filter(
        exact_value=DEMO_API_KEY, default_status_code=401
    ).exists(),
    "pattern header": lambda qs: m.Header.objects.exclude(pattern="").exists(),
    "default response schema": lambda qs: m.Header.objects.filter(
        default_response_schema__isnull=False
    ).exists(),
}


@pytest.mark.parametrize("feature", FEATURES)
def test_seeded_endpoints_show_the_feature(seeded, feature):
    assert FEATURES[feature](seeded), feature


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
def test_seeded_write_methods_have_a_required_body_schema_and_error_response(
    seeded, method
):
    endpoint = seeded.filter(
        method=method,
        request_body_schema__isnull=False,
        request_body_required=True,
        request_error_status_code__isnull=False,
        request_error_body__isnull=False,
    ).first()
    assert endpoint is not None


def test_seeded_customer_schema_follows_the_benchmark_schema():
    customer = demo_groups()[0]["endpoints"][1]["response_schema"]
    assert customer["title"] == "Customer"
    assert customer["properties"]["address"]["properties"]["country"]["enum"] == [
        "US",
        "BR",
        "DE",
        "JP",
    ]


# --- the kit's protocol: seed_family / reset_family / snapshot -------------------


def test_seed_family_summarises_what_it_wrote():
    from apps.mocks.seed import seed_family

    summary = seed_family(seed=1)
    assert summary["owner"] == "demo@example.com"
    assert summary["ownerCreated"] is True
    assert summary["counts"] == {"groups": 3, "endpoints": m.Endpoint.objects.count()}
    assert seed_family(seed=1)["ownerCreated"] is False


def test_seed_family_refuses_an_unknown_owner():
    from apps.mocks.seed import UnknownOwner, seed_family

    with pytest.raises(UnknownOwner, match=r"nobody@example\.com"):
        seed_family(seed=1, owner="nobody@example.com")
    assert m.Group.all_objects.count() == 0


def test_reset_takes_the_demo_groups_back_to_exactly_the_seeded_rows():
    from apps.mocks.seed import reset_family, seed_family, snapshot

    seed_family(seed=7)
    seeded_state = snapshot()
    group = m.Group.objects.get(slug="erp")
    m.Endpoint.objects.create(group=group, name="QA", path="/qa-only")
    endpoint = m.Endpoint.objects.get(group=group, method="GET", path="/customers")
    m.Header.objects.create(endpoint=endpoint, name="X-Extra")
    m.Endpoint.objects.get(group=group, method="POST", path="/customers").delete()
    assert snapshot() != seeded_state
    reset_family(seed=7)
    assert snapshot() == seeded_state
    assert m.Endpoint.objects.get(group=group, method="GET", path="/customers").pk == (
        endpoint.pk
    )


def test_reset_leaves_groups_that_are_not_demo_groups_alone():
    from apps.mocks.seed import reset_family, seed_family

    seed_family(seed=7)
    other = m.Group.objects.create(name="Team API", slug="team-api")
    reset_family(seed=7)
    assert m.Group.objects.filter(pk=other.pk).exists()


def test_snapshot_keys_rows_by_slug_method_and_path_not_by_id():
    from apps.mocks.seed import seed_family, snapshot

    seed_family(seed=1)
    state = snapshot()
    assert set(state) == {"groups", "endpoints", "headers", "url_parameters"}
    endpoint = state["endpoints"][0]
    assert "id" not in endpoint and "created_at" not in endpoint
    assert endpoint["group"] in {"erp", "ecommerce", "payments"}
    assert state["headers"][0]["endpoint"][0] in {"erp", "ecommerce", "payments"}
