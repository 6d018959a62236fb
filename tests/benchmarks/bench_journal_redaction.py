"""Journal record-path micro-benchmark: ``build_entry`` (redaction and caps)
for the shapes of call the journal sees, in microseconds per entry.

    .venv/bin/python tests/benchmarks/bench_journal_redaction.py [--rounds 20000]

No database: build_entry runs on the request path of every mock call, before
anything is written, so its cost is pure CPU on the event loop.
Figures only: no assertion, no pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from apps.core.journal import build_entry  # noqa: E402

HEADERS = {
    "host": "127.0.0.1:8000",
    "user-agent": "python-httpx/0.28",
    "accept": "*/*",
    "accept-encoding": "gzip, deflate",
    "connection": "keep-alive",
    "x-api-key": "demo-api-key-123",
}
RESPONSE_HEADERS = {"content-type": "application/json", "content-length": "120"}
RESPONSE = json.dumps({"id": 1, "name": "Ada", "email": "ada@example.com"}).encode()


def items(n: int) -> bytes:
    return json.dumps(
        {"items": [{"sku": f"SKU-{i}", "qty": i, "note": "x" * 40} for i in range(n)]}
    ).encode()


CASES = {
    "GET, no body": ({}, {"page": ["2"], "category": ["books"]}, b""),
    "POST small JSON": (
        {"content-type": "application/json"},
        {},
        json.dumps({"user": "u", "password": "p", "profile": {"age": 3}}).encode(),
    ),
    "POST form": (
        {"content-type": "application/x-www-form-urlencoded"},
        {},
        b"grant_type=refresh_token&refresh_token=r&client_id=c&client_secret=s",
    ),
    "POST 12 KB JSON": ({"content-type": "application/json"}, {}, items(160)),
    "POST 40 KB JSON": ({"content-type": "application/json"}, {}, items(540)),
    "POST text/plain": ({"content-type": "text/plain"}, {}, b"hello " * 50),
}


def bench(rounds: int) -> None:
    for name, (extra_headers, query, body) in CASES.items():
        headers = {**HEADERS, **extra_headers}
        n = rounds if len(body) < 4096 else max(rounds // 20, 200)
        started = time.perf_counter()
        for _ in range(n):
            build_entry(
                family="mocks",
                method="POST" if body else "GET",
                path="/erp/customers",
                query=query,
                request_headers=headers,
                request_body=body,
                status=200,
                response_headers=RESPONSE_HEADERS,
                response_body=RESPONSE,
                latency_ms=1.0,
            )
        per_entry = (time.perf_counter() - started) / n * 1e6
        print(f"{name:<18} {len(body):6d} B {per_entry:8.1f} us/entry  ({n} entries)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20000)
    bench(parser.parse_args().rounds)
