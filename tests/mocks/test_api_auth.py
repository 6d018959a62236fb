"""Management API: authentication (session, token) and who may change what."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.mocks import models as m
from apps.mocks import services

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def endpoint(group, user):
    return services.endpoint_create(
        group=group,
        data={"name": "Order", "path": "/orders", "headers": [{"name": "X-Key"}]},
        user=user,
    )


def test_me_describes_the_signed_in_user(user):
    response = client_for(user).get("/api/auth/me")

    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "email": "user@example.com",
        "name": "Una User",
        "is_staff": False,
    }


def test_anonymous_gets_401_problem_offering_token_auth(db):
    response = APIClient().get("/api/groups")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["status"] == 401


def test_anonymous_cannot_create(db):
    response = APIClient().post("/api/groups", {"name": "X"}, format="json")

    assert response.status_code == 401
    assert m.Group.all_objects.count() == 0


def test_token_authenticates_without_a_session(user):
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.get("/api/auth/me")

    assert response.status_code == 200
    assert response.json()["email"] == "user@example.com"


def test_token_can_write(user):
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.post("/api/groups", {"name": "Via token"}, format="json")

    assert response.status_code == 201
    assert m.Group.objects.get().created_by == user


def test_invalid_token_is_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.get("/api/auth/me")

    assert response.status_code == 401
    assert response.json()["type"].endswith("/authentication-failed")


def test_session_writes_need_a_csrf_token(user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post("/api/groups", {"name": "X"}, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert m.Group.all_objects.count() == 0


def test_any_signed_in_user_reads_others_groups(other_user, group, endpoint):
    client = client_for(other_user)

    assert client.get(f"/api/groups/{group.pk}").status_code == 200
    assert client.get(f"/api/groups/{group.pk}/endpoints").json()["count"] == 1


def test_other_user_cannot_edit_a_group(other_user, group):
    response = client_for(other_user).patch(
        f"/api/groups/{group.pk}", {"name": "Hijacked"}, format="json"
    )

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    group.refresh_from_db()
    assert group.name == "Shop mocks"


def test_other_user_cannot_delete_a_group(other_user, group):
    response = client_for(other_user).delete(f"/api/groups/{group.pk}")

    assert response.status_code == 403
    assert m.Group.objects.filter(pk=group.pk).exists()


def test_other_user_cannot_restore_a_group(other_user, group):
    services.group_delete(group=group)

    response = client_for(other_user).post(f"/api/groups/{group.pk}/restore")

    assert response.status_code == 403
    assert m.Group.all_objects.get(pk=group.pk).deleted_at is not None


def test_other_user_cannot_replace_an_endpoint(other_user, group, endpoint):
    response = client_for(other_user).put(
        f"/api/groups/{group.pk}/endpoints/{endpoint.pk}",
        {"name": "Hijacked", "path": "/x", "headers": []},
        format="json",
    )

    assert response.status_code == 403
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.path) == ("Order", "/orders")
    assert endpoint.headers.count() == 1


def test_other_user_cannot_delete_an_endpoint(other_user, group, endpoint):
    response = client_for(other_user).delete(
        f"/api/groups/{group.pk}/endpoints/{endpoint.pk}"
    )

    assert response.status_code == 403
    assert m.Endpoint.objects.filter(pk=endpoint.pk).exists()


def test_other_user_cannot_add_endpoints_to_a_group(other_user, group):
    response = client_for(other_user).post(
        f"/api/groups/{group.pk}/endpoints",
        {"name": "Sneaky", "path": "/sneaky"},
        format="json",
    )

    assert response.status_code == 403
    assert m.Endpoint.all_objects.count() == 0


def test_other_user_cannot_duplicate_into_a_group(other_user, group, endpoint):
    response = client_for(other_user).post(
        f"/api/groups/{group.pk}/endpoints/{endpoint.pk}/duplicate"
    )

    assert response.status_code == 403
    assert m.Endpoint.all_objects.count() == 1


def test_other_user_may_send_a_test_request(other_user, group, endpoint):
    response = client_for(other_user).post(
        f"/api/groups/{group.pk}/endpoints/{endpoint.pk}/test", {}, format="json"
    )

    # A test request changes nothing: the answer is the engine's, not a 403.
    assert response.status_code == 200
    assert "status" in response.json()


def test_staff_edits_others_groups(staff_user, group):
    response = client_for(staff_user).patch(
        f"/api/groups/{group.pk}", {"name": "Fixed by QA"}, format="json"
    )

    assert response.status_code == 200
    group.refresh_from_db()
    assert group.name == "Fixed by QA"


def test_staff_deletes_and_restores_others_endpoints(staff_user, group, endpoint):
    client = client_for(staff_user)
    detail = f"/api/groups/{group.pk}/endpoints/{endpoint.pk}"

    assert client.delete(detail).status_code == 204
    assert client.post(detail + "/restore").status_code == 200
    assert m.Endpoint.objects.filter(pk=endpoint.pk).exists()


def test_group_creator_edits_endpoints_staff_added_to_the_group(
    user, staff_user, group
):
    added = services.endpoint_create(
        group=group, data={"name": "By QA", "path": "/qa"}, user=staff_user
    )

    response = client_for(user).patch(
        f"/api/groups/{group.pk}/endpoints/{added.pk}", {"name": "Mine"}, format="json"
    )

    assert response.status_code == 200
    added.refresh_from_db()
    assert added.name == "Mine"
