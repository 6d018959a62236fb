"""Hostile-input figures (issue 10, items 2 and 3): gunicorn with two uvicorn
workers on PostgreSQL, as deployed.

    .venv/bin/python tests/benchmarks/bench_hostile.py [--database mockapi_hostile]
        [--length 28] [--timeout 30]

Prints: the time of one request whose header value (``a`` x length + ``b``)
meets the catastrophic pattern ``^(a+)+$`` (stored bypassing validation, as a
legacy row); the /health/ latency (max of 5) while four such requests run;
the time to validate (save) a response schema with ``minItems: 100000`` and
one with 20,000 required properties; and one call to a legacy endpoint with
``minItems: 1000000``. Every request is bounded by --timeout. Figures only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.e2e.server import LiveServer, manage, server_env  # noqa: E402

SEED = r"""
from apps.mocks import models as m, services
from apps.mocks.config_version import bump_config_version
m.Group.all_objects.filter(slug="hostile").hard_delete()
group = services.group_create(data={"name": "Hostile", "slug": "hostile"})
check = services.endpoint_create(group=group, data={"name": "check", "path": "/check",
    "headers": [{"name": "X-Code"}]})
m.Header.objects.filter(endpoint=check).update(pattern=r"^(a+)+$")
big = services.endpoint_create(group=group, data={"name": "big", "path": "/big"})
m.Endpoint.objects.filter(pk=big.pk).update(
    response_schema={"type": "array", "minItems": 1_000_000})
bump_config_version()
"""

SAVE = r"""
import time
from django.core.exceptions import ValidationError
from apps.mocks import validators as v
for label, schema in [
    ("minItems 100000", {"type": "array", "minItems": 100_000,
        "items": {"type": "object", "properties": {"id": {"type": "integer"}},
                  "required": ["id"]}}),
    ("20000 required properties",
        {"type": "object", "required": [f"p{i}" for i in range(20_000)]}),
]:
    started = time.perf_counter()
    try:
        v.validate_json_schema(schema)
        outcome = "accepted"
    except ValidationError as exc:
        outcome = "refused: " + exc.messages[0][:90]
    print(f"save-time check, {label}: {time.perf_counter() - started:.2f} s ({outcome})")
"""


def timed(url: str, timeout: float, **kwargs) -> tuple[float, str]:
    started = time.monotonic()
    try:
        status = str(httpx.get(url, timeout=timeout, **kwargs).status_code)
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    return time.monotonic() - started, status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="mockapi_hostile")
    parser.add_argument("--length", type=int, default=28)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument(
        "--no-save", action="store_true", help="skip the save-time figures"
    )
    args = parser.parse_args()
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", args.database],
        capture_output=True,
        check=False,
    )
    env = server_env(
        f"postgres://postgres@127.0.0.1:5432/{args.database}",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        MOCK_ENGINE_VERSION_CHECK_INTERVAL="0",
    )
    manage(env, "migrate", "--noinput", "-v0", timeout=300)
    manage(env, "shell", "-c", SEED)
    if not args.no_save:
        print(manage(env, "shell", "-c", SAVE, timeout=600).strip())

    server = LiveServer("config.asgi:application", env, workers=2)
    try:
        value = "a" * args.length + "b"
        check = server.url + "/hostile/check"
        for _ in range(6):  # warm both workers (imports, table, connections)
            timed(server.url + "/health/", args.timeout)
            timed(check, args.timeout, headers={"X-Code": "aaa"})
        idle = [timed(server.url + "/health/", args.timeout)[0] for _ in range(5)]
        print(f"/health/ idle: max {max(idle):.3f} s")
        seconds, status = timed(check, args.timeout, headers={"X-Code": value})
        print(f"one ^(a+)+$ request, {len(value)} chars: {seconds:.3f} s ({status})")
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            hostile = [
                pool.submit(timed, check, args.timeout, headers={"X-Code": value})
                for _ in range(4)
            ]
            time.sleep(0.05)
            health = [timed(server.url + "/health/", args.timeout) for _ in range(5)]
            done = [future.result() for future in hostile]
        print(
            f"/health/ while 4 hostile requests run: max {max(s for s, _ in health):.3f} s"
            f" ({', '.join(status for _, status in health)})"
        )
        print(
            f"the 4 hostile requests: max {max(s for s, _ in done):.3f} s"
            f" ({', '.join(status for _, status in done)})"
        )
        seconds, status = timed(server.url + "/hostile/big", args.timeout)
        print(f"legacy minItems 1000000 call: {seconds:.3f} s ({status})")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
