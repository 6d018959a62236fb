"""Every chaos fault, observed by a real HTTP client against a real server.

uvicorn runs the project (with the mock ASGI fast path) in a subprocess; httpx
sees each fault as a client would: status codes, timeouts, truncated bodies,
protocol errors and connection resets.
"""

import json
import sqlite3
import time
from pathlib import Path

import httpx
import jsonschema
import pytest

from .server import LiveServer, manage, server_env

SEED = Path(__file__).with_name("seed_chaos.py")
CUSTOMER_SCHEMA = {
    "type": "object",
    "required": ["id", "name", "email"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string"},
        "email": {"type": "string", "format": "email"},
    },
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("e2e") / "live.sqlite3"
    env = server_env(f"sqlite:///{path}")
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", SEED.read_text())
    return path


@pytest.fixture(
    scope="module",
    # The ASGI fast path; plain Django under ASGI and under WSGI (the view
    # fallback, for deployments without the wrapper). Every fault must be the
    # same fault to a client whichever serves it.
    params=[
        "config.asgi:application",
        "config.asgi:django_application",
        "config.wsgi:application",
    ],
)
def server(request, db_file):
    env = server_env(
        f"sqlite:///{db_file}",
        MOCK_CHAOS_TIMEOUT_SECONDS="3",
        MOCK_CHAOS_DRIP_SECONDS="1.5",
        MOCK_CHAOS_MAX_RANDOM_DELAY_MS="1200",
    )
    live = LiveServer(request.param, env)
    yield live
    live.stop()


@pytest.fixture
def http(server):
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


def chaos(http, fault, path="/live/customer/chaos", **kw):
    return http.get(path, headers={"X-Chaos-Fault": fault}, **kw)


def test_normal_endpoint_answers_valid_generated_json(http):
    resp = http.get("/live/customer")
    assert resp.status_code == 200
    jsonschema.validate(resp.json(), CUSTOMER_SCHEMA)


def test_http_500(http):
    resp = chaos(http, "http_500")
    assert (resp.status_code, resp.headers["content-type"]) == (
        500,
        "application/problem+json",
    )


def test_http_503_has_retry_after(http):
    resp = chaos(http, "http_503")
    assert resp.status_code == 503 and int(resp.headers["retry-after"]) > 0


def test_random_error_status_is_an_error_and_seeded(http):
    statuses = {
        http.get(
            "/live/customer/chaos?__chaos=random_error_status",
            headers={"X-Chaos-Seed": "9"},
        ).status_code
        for _ in range(3)
    }
    assert len(statuses) == 1 and statuses.pop() >= 400


def test_wrong_success_status(http):
    resp = chaos(http, "wrong_success_status")
    assert 200 < resp.status_code < 300


def test_timeout_hangs_past_the_client_timeout(http):
    with pytest.raises(httpx.ReadTimeout):
        chaos(http, "timeout", timeout=1.0)


def test_timeout_ends_in_504_when_the_client_waits(http):
    started = time.monotonic()
    resp = chaos(http, "timeout", timeout=10)
    assert resp.status_code == 504 and time.monotonic() - started >= 2.5


def test_slow_drip_trickles_the_body(http):
    started = time.monotonic()
    chunks = []
    with http.stream(
        "GET", "/live/static-ok/chaos", headers={"X-Chaos-Fault": "slow_drip"}
    ) as resp:
        for chunk in resp.iter_raw():
            chunks.append((time.monotonic() - started, chunk))
    body = b"".join(c for _, c in chunks)
    assert json.loads(body)["ok"] is True
    assert len(chunks) >= 3 and chunks[-1][0] - chunks[0][0] >= 1.0


def test_random_delay_delays_a_valid_response(http):
    started = time.monotonic()
    resp = chaos(http, "random_delay")
    assert time.monotonic() - started >= 0.4
    jsonschema.validate(resp.json(), CUSTOMER_SCHEMA)


def test_random_body_is_not_json(http):
    resp = chaos(http, "random_body")
    with pytest.raises(ValueError):
        json.loads(resp.content)


def test_malformed_json_is_truncated_but_complete_http(http):
    resp = chaos(http, "malformed_json")
    assert len(resp.content) == int(resp.headers["content-length"])
    with pytest.raises(ValueError):
        json.loads(resp.content)


def test_schema_violation_is_json_breaking_the_schema(http):
    resp = chaos(http, "schema_violation")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(resp.json(), CUSTOMER_SCHEMA)


def test_random_headers_send_a_wrong_content_type(http):
    resp = chaos(http, "random_headers")
    assert "json" not in resp.headers["content-type"]
    assert "x-chaos-noise" in resp.headers


def test_empty_response_closes_without_a_byte(http):
    with pytest.raises(httpx.RemoteProtocolError, match="without sending"):
        chaos(http, "empty_response")


def test_connection_reset_drops_the_connection_mid_body(http):
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        chaos(http, "connection_reset").read()


def test_chaos_twin_off_is_404(http):
    assert http.get("/live/calm/chaos").status_code == 404


def test_fixed_delay_is_waited(http):
    started = time.monotonic()
    assert http.get("/live/slow").status_code == 200
    assert time.monotonic() - started >= 0.3


def test_same_chaos_seed_same_fault(http):
    def fault(seed):
        try:
            resp = http.get(
                "/live/customer/chaos", headers={"X-Chaos-Seed": seed}, timeout=0.5
            )
        except httpx.HTTPError as exc:
            return type(exc).__name__
        return resp.headers.get("x-chaos-fault")

    assert [fault(s) for s in ("1", "2", "3")] == [fault(s) for s in ("1", "2", "3")]


def test_journal_records_the_fault(http, db_file):
    chaos(http, "http_500")
    deadline = time.monotonic() + 5
    rows = []
    while time.monotonic() < deadline and not rows:
        time.sleep(0.3)
        with sqlite3.connect(db_file) as con:
            rows = con.execute(
                "select status, request_headers from core_journalentry where chaos_fault='http_500'"
            ).fetchall()
    assert rows and rows[0][0] == 500
