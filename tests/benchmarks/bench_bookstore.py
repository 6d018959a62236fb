"""Bookstore benchmark: gunicorn + uvicorn workers on PostgreSQL, journal on.

    .venv/bin/python tests/benchmarks/bench_bookstore.py [--workers 2]
        [--connections 32] [--duration 10] [--requests 4000]
        [--database mockapi_bookstore_bench]

Seeds the catalogue on a fresh PostgreSQL database, starts the server in its
own process (tests/e2e/server.py) and loads it from this one with an asyncio
httpx client holding ``--connections`` connections. Each case stops at
``--duration`` seconds or ``--requests`` requests, whichever comes first, and
prints requests/s, p50, p99 and the status counts for:

* ``GET /bookstore/api/books`` (a page of 20);
* ``POST /bookstore/api/orders`` on distinct books (one copy each, round robin);
* ``POST /bookstore/api/orders`` all on one book (every order waits for the
  same row lock: the serialised case).

Figures only: no assertion, no pass/fail.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.harness import fresh_postgres_env, percentile  # noqa: E402
from tests.e2e.server import LiveServer, manage  # noqa: E402

CARD = {"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2099,
        "cvc": "123"}  # fmt: skip
# Enough copies that no benchmark order is refused for stock.
PREPARE = """
from apps.bookstore.models import Book
Book.objects.update(stock=1_000_000)
import json; print(json.dumps(list(Book.objects.order_by("isbn").values_list("isbn", flat=True))))
"""


def order(isbn: str) -> dict:
    return {
        "items": [{"isbn": isbn, "quantity": 1}],
        "customer": {"name": "Bench Mark", "email": "bench@example.com"},
        "payment": CARD,
    }


async def load(url, key, make_request, *, connections, duration, budget):
    """Run ``make_request(client, n)`` from ``connections`` tasks; latencies."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    counter = iter(range(budget))
    limits = httpx.Limits(max_connections=connections)
    deadline = time.perf_counter() + duration
    async with httpx.AsyncClient(
        base_url=url, headers={"X-API-Key": key}, limits=limits, timeout=30
    ) as client:

        async def worker():
            for n in counter:
                if time.perf_counter() > deadline:
                    return
                started = time.perf_counter()
                try:
                    response = await make_request(client, n)
                    statuses[response.status_code] += 1
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    return latencies, statuses, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--database", default="mockapi_bookstore_bench")
    args = parser.parse_args()

    env = fresh_postgres_env(args.database, "bench-bookstore-")
    manage(env, "migrate", "--noinput", timeout=300)
    manage(env, "seed", "bookstore", "--scale", "10")
    isbns = json.loads(manage(env, "shell", "-c", PREPARE).strip().splitlines()[-1])
    key = manage(env, "bookstore_api_key", "bench").strip()
    server = LiveServer(
        "config.asgi:application", env, workers=args.workers, startup_timeout=120
    )
    print(f"server log: {server.log.name}")
    base = f"{server.url}/bookstore/api"
    print(f"gunicorn, {args.workers} uvicorn workers, PostgreSQL, journal on; "
          f"{args.connections} connections, at most {args.duration:g} s or "
          f"{args.requests} requests per case; {len(isbns)} books")  # fmt: skip
    cases = {
        "GET /api/books (20 per page)": lambda c, n: c.get(f"{base}/books?size=20"),
        "POST /api/orders, distinct books": lambda c, n: c.post(
            f"{base}/orders", json=order(isbns[n % len(isbns)])
        ),
        "POST /api/orders, all on one book": lambda c, n: c.post(
            f"{base}/orders", json=order(isbns[0])
        ),
    }
    try:
        asyncio.run(
            load(
                base,
                key,
                cases["GET /api/books (20 per page)"],
                connections=4,
                duration=2,
                budget=100,
            )
        )  # warm-up; fmt: skip
        print(f"{'case':38} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  statuses")
        for name, make in cases.items():
            latencies, statuses, elapsed = asyncio.run(
                load(base, key, make, connections=args.connections,
                     duration=args.duration, budget=args.requests)
            )  # fmt: skip
            print(f"{name:38} {len(latencies) / elapsed:8.1f} "
                  f"{percentile(latencies, 0.5):8.1f} {percentile(latencies, 0.99):8.1f}"
                  f"  {dict(statuses)}")  # fmt: skip
    finally:
        server.stop()


if __name__ == "__main__":
    main()
