"""reset_view(family): staff only, the family's error shape, its body and answer."""

import json

import pytest

from tests.core import seeding_family as toy

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.seeding_family")]

PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _fresh_state():
    toy.STATE.clear()


def post(client, path, body=None):
    return client.post(
        path,
        "" if body is None else json.dumps(body),
        content_type="application/json",
    )


def test_without_login_the_reset_is_refused_as_problem_json(client):
    response = post(client, "/toy/_mock/reset", {})
    assert response.status_code == 403
    assert response["Content-Type"].startswith(PROBLEM)
    assert toy.STATE == {}


def test_a_user_who_is_not_staff_is_refused(client, user):
    client.force_login(user)
    response = post(client, "/toy/_mock/reset", {})
    assert response.status_code == 403
    assert response.json()["type"].endswith("permission-denied")
    assert toy.STATE == {}


def test_basic_authentication_of_staff_is_accepted(client, staff_user):
    import base64

    staff_user.set_password("pw-123456")
    staff_user.save()
    credentials = base64.b64encode(f"{staff_user.email}:pw-123456".encode()).decode()
    response = client.post(
        "/toy/_mock/reset",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )
    assert response.status_code == 200, response.content


def test_staff_resets_with_seed_and_scale(client, staff_user):
    client.force_login(staff_user)
    response = post(
        client,
        "/toy/_mock/reset",
        {"seed": 3, "scale": 2, "anchor": "2026-03-01T00:00:00Z"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert {k: body[k] for k in ("family", "action", "seed", "scale", "anchor")} == {
        "family": "toy",
        "action": "reset",
        "seed": 3,
        "scale": 2.0,
        "anchor": "2026-03-01T00:00:00+00:00",
    }
    assert body["summary"]["counts"] == {"rows": 6}
    assert len(toy.STATE["rows"]) == 6


@pytest.mark.parametrize("body", [None, {}, [1, 2]])
def test_no_body_or_a_body_that_is_not_an_object_means_the_defaults(
    client, staff_user, body
):
    client.force_login(staff_user)
    response = post(client, "/toy/_mock/reset", body)
    assert response.status_code == 200, response.content
    assert (response.json()["seed"], response.json()["scale"]) == (1, 1.0)
    assert response.json()["anchor"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"scale": 0}, "scale"),
        ({"scale": "lots"}, "scale"),
        ({"seed": "seven"}, "seed"),
        ({"anchor": "yesterday"}, "anchor"),
    ],
)
def test_bad_options_are_a_validation_problem(client, staff_user, body, field):
    client.force_login(staff_user)
    response = post(client, "/toy/_mock/reset", body)
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert toy.STATE == {}


def test_malformed_json_is_a_problem_too(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/toy/_mock/reset", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)


def test_only_post_is_allowed(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/toy/_mock/reset")
    assert response.status_code == 405
    assert response["Content-Type"].startswith(PROBLEM)


def test_errors_follow_the_familys_renderer(client, staff_user):
    client.force_login(staff_user)
    response = post(client, "/fastish/_mock/reset", {"scale": -1})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "scale"


def test_the_familys_request_id_header_is_stamped(client, staff_user):
    client.force_login(staff_user)
    assert post(client, "/traced/_mock/reset", {}).has_header("X-Request-Id")
    assert post(client, "/traced/_mock/reset", {"scale": 0}).has_header("X-Request-Id")
    assert not post(client, "/toy/_mock/reset", {}).has_header("X-Request-Id")
