"""Another user's groups and endpoints are read-only to a non-staff user."""

import pytest
from django.urls import reverse

from apps.mocks import models as m

from .helpers import endpoint_post

pytestmark = pytest.mark.django_db


def test_other_user_sees_the_group_without_edit_or_delete_buttons(
    other_client, group, endpoint
):
    response = other_client.get(reverse("portal:group_detail", args=[group.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Get order" in content
    assert reverse("portal:group_edit", args=[group.pk]) not in content
    assert reverse("portal:group_delete", args=[group.pk]) not in content
    edit = reverse("portal:endpoint_edit", args=[group.pk, endpoint.pk])
    assert f'href="{edit}"' not in content
    assert (
        reverse("portal:endpoint_delete", args=[group.pk, endpoint.pk]) not in content
    )
    assert reverse("portal:endpoint_create", args=[group.pk]) not in content
    # Reading is allowed: the test button stays.
    assert reverse("portal:endpoint_test", args=[group.pk, endpoint.pk]) in content


@pytest.mark.parametrize("name", ["group_edit", "group_delete", "endpoint_create"])
def test_other_user_gets_403_on_group_writes(other_client, group, name):
    url = reverse(f"portal:{name}", args=[group.pk])
    assert other_client.get(url).status_code == 403
    assert other_client.post(url, {"name": "Hijack"}).status_code == 403
    group.refresh_from_db()
    assert group.name == "Shop mocks" and not group.is_deleted
    assert not m.Endpoint.objects.exists()


@pytest.mark.parametrize("name", ["endpoint_edit", "endpoint_delete"])
def test_other_user_gets_403_on_endpoint_writes(other_client, group, endpoint, name):
    url = reverse(f"portal:{name}", args=[group.pk, endpoint.pk])
    assert other_client.get(url).status_code == 403
    response = other_client.post(url, endpoint_post(name="Hijacked", path="/x"))
    assert response.status_code == 403
    endpoint.refresh_from_db()
    assert endpoint.name == "Get order" and not endpoint.is_deleted


def test_staff_may_edit_anyones_group(staff_client, group):
    response = staff_client.post(
        reverse("portal:group_edit", args=[group.pk]),
        {"name": "By staff", "slug": group.slug},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "By staff"


def test_group_owner_may_edit_an_endpoint_another_user_created(
    client_in, group, other_user
):
    from apps.mocks import services

    endpoint = services.endpoint_create(
        group=group, user=other_user, data={"name": "Theirs", "path": "/theirs"}
    )
    url = reverse("portal:endpoint_edit", args=[group.pk, endpoint.pk])
    assert client_in.get(url).status_code == 200


def test_deleted_group_is_404(client_in, group):
    group.delete()
    assert (
        client_in.get(reverse("portal:group_detail", args=[group.pk])).status_code
        == 404
    )
