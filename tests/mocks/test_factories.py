"""The factories build rows that pass the models' own validation."""

import pytest

from apps.core.families import reserved_segments
from apps.mocks import models as m
from apps.mocks.factories import (
    EndpointFactory,
    GroupFactory,
    HeaderFactory,
    UrlParameterFactory,
)
from apps.mocks.validators import path_parameters

pytestmark = pytest.mark.django_db

FACTORIES = (GroupFactory, EndpointFactory, HeaderFactory, UrlParameterFactory)


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_a_batch_of_rows_passes_full_clean(factory):
    rows = factory.create_batch(5)
    for row in rows:
        row.refresh_from_db()
        row.full_clean()
    assert factory._meta.model.objects.count() == 5


def test_group_slugs_are_unique_valid_and_never_reserved():
    slugs = [group.slug for group in GroupFactory.create_batch(20)]
    assert len(set(slugs)) == 20
    assert not set(slugs) & reserved_segments()


def test_endpoints_in_one_group_get_distinct_paths():
    group = GroupFactory()
    endpoints = EndpointFactory.create_batch(10, group=group)
    assert len({e.path for e in endpoints}) == 10


def test_endpoint_owner_follows_the_group_owner():
    endpoint = EndpointFactory()
    assert endpoint.created_by == endpoint.group.created_by is not None


def test_endpoint_with_body_trait_is_a_valid_post_with_a_required_body():
    endpoint = EndpointFactory(with_body=True)
    assert endpoint.method == m.HttpMethod.POST
    assert endpoint.request_body_required
    assert endpoint.request_body_schema["required"] == ["name"]


def test_endpoint_with_schema_trait_generates_instead_of_a_static_body():
    endpoint = EndpointFactory(with_schema=True)
    assert endpoint.response_body is None
    assert endpoint.response_schema["type"] == "object"


def test_deleted_trait_soft_deletes():
    group = GroupFactory(deleted=True)
    assert group.is_deleted
    assert not m.Group.objects.filter(pk=group.pk).exists()


def test_header_api_key_trait_sets_an_exact_value_and_its_response():
    header = HeaderFactory(api_key=True)
    assert len(header.exact_value) == 16
    assert header.default_status_code == 401


def test_url_parameter_traits_build_valid_specs():
    integer = UrlParameterFactory(integer=True)
    enum = UrlParameterFactory(enum=True)
    assert (integer.minimum, integer.maximum) == (1, 100)
    assert enum.enum_values == ["asc", "desc"]


def test_path_parameter_trait_names_a_segment_of_its_endpoint():
    param = UrlParameterFactory(in_path=True, name="order_id")
    assert param.location == m.ParameterLocation.PATH
    assert path_parameters(param.endpoint.path) == ["order_id"]


def test_an_invalid_override_fails_loudly_instead_of_saving():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        GroupFactory(slug="admin")
    assert not m.Group.all_objects.filter(slug="admin").exists()
