"""The kit's idempotency keys, on a stand-in view (no domain app): claim,
replay, mismatch, in progress, release on 5xx, expiry and pruning."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from apps.core import idempotency
from apps.core.errors import ApiError, ErrorKind, FastApiRenderer, exception_handler_for
from apps.core.idempotency.models import IdempotencyKey
from apps.core.idempotency.services import STALE_AFTER, fingerprint, prune_expired
from apps.core.idempotency.tasks import prune_idempotency_keys

pytestmark = pytest.mark.django_db
calls: list[int] = []


class Charge(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    def get_exception_handler(self):
        return exception_handler_for(FastApiRenderer())

    def post(self, request):
        def run():
            calls.append(1)
            if request.data.get("fail") == 500:
                raise RuntimeError("boom")
            if request.data.get("fail"):
                raise ApiError("no", kind=ErrorKind.CONFLICT)
            return Response({"charged": request.data["amount"], "n": len(calls)}, 201)

        return idempotency.respond(
            self, request, scope="t.charge", principal="p", run=run
        )


@pytest.fixture(autouse=True)
def _calls():
    calls.clear()


def send(body, key="k1", **headers):
    request = APIRequestFactory().post(
        "/charge", body, format="json", HTTP_IDEMPOTENCY_KEY=key, **headers
    )
    response = Charge.as_view()(request)
    response.render()
    return response


def test_a_retry_replays_status_and_body_without_running_again():
    first = send({"amount": 5})
    again = send({"amount": 5})

    assert (again.status_code, again.data) == (201, first.data)
    assert again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert len(calls) == 1


def test_the_same_key_with_another_body_is_a_422():
    send({"amount": 5})

    response = send({"amount": 6})

    assert response.status_code == 422
    assert len(calls) == 1


def test_an_application_error_is_stored_and_replayed():
    assert send({"fail": 1}).status_code == 409
    assert send({"fail": 1})["Idempotent-Replayed"] == "true"
    assert len(calls) == 1


def test_a_server_error_releases_the_key_so_a_retry_runs_again():
    assert send({"fail": 500}).status_code == 500
    assert not IdempotencyKey.objects.exists()

    assert send({"fail": 500}).status_code == 500
    assert len(calls) == 2


def test_a_key_still_in_progress_is_a_409():
    now = timezone.now()
    IdempotencyKey.objects.create(
        scope="t.charge", principal="p", key="k1", locked_at=now,
        expires_at=now + timedelta(hours=1),
        fingerprint=fingerprint(APIRequestFactory().post("/charge", {"amount": 5},
                                                         format="json")),
    )  # fmt: skip

    response = send({"amount": 5})

    assert response.status_code == 409 and response["Retry-After"] == "1"
    assert not calls


def test_a_claim_abandoned_by_a_dead_process_is_taken_over():
    send({"amount": 5})
    IdempotencyKey.objects.update(
        status="in_progress", locked_at=timezone.now() - STALE_AFTER * 2
    )

    assert send({"amount": 5}).status_code == 201
    assert len(calls) == 2


def test_an_expired_key_runs_again():
    send({"amount": 5})
    IdempotencyKey.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = send({"amount": 6})

    assert response.status_code == 201 and len(calls) == 2


def test_keys_are_per_principal_and_scope():
    send({"amount": 5})
    IdempotencyKey.objects.update(principal="someone else")

    assert send({"amount": 5}).status_code == 201
    assert len(calls) == 2


def test_a_key_over_255_characters_is_a_422_on_the_header():
    response = send({"amount": 5}, key="x" * 256)

    assert response.status_code == 422
    assert response.data["detail"][0]["loc"] == ["header", "Idempotency-Key"]
    assert not calls


def test_the_fingerprint_ignores_key_order_and_whitespace():
    factory = APIRequestFactory()
    a = factory.post("/charge", '{"a": 1, "b": 2}', content_type="application/json")
    b = factory.post("/charge", '{"b":2,"a":1}', content_type="application/json")
    c = factory.post("/other", '{"b":2,"a":1}', content_type="application/json")

    assert fingerprint(a) == fingerprint(b) != fingerprint(c)


def test_keys_expire_after_24_hours_and_beat_prunes_them():
    send({"amount": 5})
    send({"amount": 5}, key="k2")
    (record, other) = IdempotencyKey.objects.order_by("key")
    assert record.expires_at - record.created_at >= timedelta(hours=23, minutes=59)
    IdempotencyKey.objects.filter(pk=other.pk).update(expires_at=timezone.now())

    assert prune_idempotency_keys.apply().get() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["k1"]
    assert prune_expired(now=timezone.now() + timedelta(days=2)) == 1
    schedule = settings.CELERY_BEAT_SCHEDULE["core-prune-idempotency-keys"]
    assert schedule["task"] == prune_idempotency_keys.name
