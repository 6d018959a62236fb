"""The test modal's curl reproduces the result it is shown beside (same seed,
same chaos pick), and every test call is in the journal, tagged ``test``."""

import json
import shlex
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from apps.core.journal import JournalEntry, journal_filter, writer
from apps.mocks import services
from apps.mocks.engine.chaos import FAULT_BUILDERS

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
SCHEMA = {
    "type": "object",
    "required": ["id", "name", "tags"],
    "properties": {
        "id": {"type": "integer", "minimum": 1, "maximum": 10**9},
        "name": {"type": "string", "minLength": 5},
        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 3},
    },
}
# Only faults that answer at once with a body (a timeout would make the
# replay wait, a reset has no body to compare); unlisted faults keep their
# default weight, so every other one is set to 0.
QUICK = {"random_body", "schema_violation", "random_error_status",
         "wrong_success_status", "malformed_json", "http_500"}  # fmt: skip
QUICK_FAULTS = {name: int(name in QUICK) for name in FAULT_BUILDERS}


@pytest.fixture
def generated(group, user):
    return services.endpoint_create(
        group=group,
        user=user,
        data={
            "name": "Generated customer",
            "path": "/customers",
            "response_schema": SCHEMA,
            "chaos_mode": True,
            "chaos_weights": QUICK_FAULTS,
        },
    )


def replay(curl: str):
    """Run the modal's curl line through the test client."""
    words = shlex.split(curl)
    url = urlsplit(words[words.index("-X") + 2])
    headers = {}
    for i, word in enumerate(words):
        if word == "-H":
            name, _, value = words[i + 1].partition(": ")
            headers["HTTP_" + name.upper().replace("-", "_")] = value
    response = Client().get(url.path, query_string=url.query, **headers)
    raw = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return response.status_code, raw.decode("utf-8", "replace")


def same_body(text: str, shown) -> bool:
    """The replayed body is the one the modal showed (JSON compared parsed)."""
    if isinstance(shown, str):
        return text == shown
    return json.loads(text) == shown


def run(client_in, group, endpoint, target: str) -> dict:
    url = reverse("portal:endpoint_test", args=[group.pk, endpoint.pk])
    return client_in.post(url, {"target": target}, **JSON).json()


def test_the_curl_gives_the_same_generated_body(client_in, group, generated):
    data = run(client_in, group, generated, "mock")
    assert f"-H 'X-Mock-Seed: {data['seed']}'" in data["curl"]
    status, text = replay(data["curl"])
    assert status == data["status"] == 200
    assert same_body(text, data["body"])


@pytest.mark.parametrize("attempt", range(6))
def test_the_chaos_curl_gives_the_same_fault_and_body(
    client_in, group, generated, attempt
):
    data = run(client_in, group, generated, "chaos")
    assert "X-Chaos-Seed" in data["curl"]
    status, text = replay(data["curl"])
    assert status == data["status"]
    assert same_body(text, data["body"]), data["fault"]


def test_a_seed_the_user_gave_is_kept(client_in, group, generated):
    url = reverse("portal:endpoint_test", args=[group.pk, generated.pk])
    data = client_in.post(
        url, {"target": "mock", "headers": "X-Mock-Seed: 42"}, **JSON
    ).json()
    assert data["seed"] == 42
    assert data["curl"].count("X-Mock-Seed") == 1


def test_test_calls_are_journaled_as_tests(client_in, group, generated):
    run(client_in, group, generated, "mock")
    writer.flush()
    entry = JournalEntry.objects.get()
    assert "test" in entry.tags
    assert entry.group_slug == group.slug and entry.status == 200
    assert list(journal_filter({"tag": "test"})) == [entry]
