"""Shop benchmark: gunicorn + uvicorn workers on PostgreSQL, journal on.

    .venv/bin/python tests/benchmarks/bench_shop.py [--workers 2]
        [--connections 32] [--duration 20] [--requests 20000]
        [--database mockapi_shop_bench]

Seeds the catalogue on a fresh PostgreSQL database (every product stocked
with a million units, so no checkout is refused for stock), starts the server
in its own process (tests/e2e/server.py), registers one shopper per
connection over HTTP and loads the server from this process with an asyncio
httpx client holding ``--connections`` connections. Each case stops at
``--duration`` seconds or ``--requests`` requests, whichever comes first:

* ``GET /shop/api/v1/products`` (a page of 20, anonymous): requests/s, p50, p99;
* checkout: each connection is its own shopper and loops "add one product to
  the cart (round robin over the catalogue), ``POST /orders``"; orders/s and
  the checkout's p50/p99, the cart adds' p50 on the side.

Then it checks that no answer was a 5xx and that the stock arithmetic is
exact: for every product, stock before - units in the 201 answers == stock
after (read back over HTTP). Figures only: no assertion, no pass/fail (the
arithmetic is printed as "exact" or the products that are off).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.harness import fresh_postgres_env, percentile  # noqa: E402
from tests.e2e.server import LiveServer, manage  # noqa: E402

PASSWORD = "bench-Shopper-pass-2024"
STOCK = 1_000_000
PREPARE = f"""
from apps.shop.models import Product
Product.objects.update(stock={STOCK})
"""


async def stock(client: httpx.AsyncClient) -> dict[str, int]:
    found, page = {}, 1
    while True:
        data = (
            await client.get("/products", params={"size": 100, "page": page})
        ).json()
        found.update({p["id"]: p["stock"] for p in data["items"]})
        if page >= data["pages"]:
            return found
        page += 1


async def shoppers(client: httpx.AsyncClient, count: int) -> list[str]:
    """``count`` fresh shoppers over HTTP; their access tokens."""

    gate = asyncio.Semaphore(4)  # setup, not load: keep it gentle

    async def one(n: int) -> str:
        async with gate:
            return await sign_up(n)

    async def sign_up(n: int) -> str:
        email = f"bench-{n}-{time.time_ns()}@example.com"
        await client.post("/auth/register", json={"email": email,
                          "password": PASSWORD, "name": f"Bench {n}"})  # fmt: skip
        answer = await client.post(
            "/auth/login", json={"email": email, "password": PASSWORD}
        )
        return answer.json()["access_token"]

    return list(await asyncio.gather(*(one(n) for n in range(count))))


async def product_list(base: str, *, connections: int, duration: float, budget: int):
    latencies: list[float] = []
    statuses: Counter = Counter()
    counter = iter(range(budget))
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        deadline = time.perf_counter() + duration

        async def worker():
            for _ in counter:
                if time.perf_counter() > deadline:
                    return
                started = time.perf_counter()
                try:
                    response = await client.get("/products", params={"size": 20})
                    statuses[response.status_code] += 1
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        return latencies, statuses, time.perf_counter() - started


async def checkout(base: str, *, connections: int, duration: float, budget: int):
    limits = httpx.Limits(max_connections=connections + 1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        tokens = await shoppers(client, connections)
        before = await stock(client)
        ids = sorted(before)
        orders: list[float] = []
        adds: list[float] = []
        statuses: Counter = Counter()
        bought: Counter = Counter()
        counter = iter(range(budget))
        deadline = time.perf_counter() + duration

        async def worker(token: str):
            headers = {"Authorization": f"Bearer {token}"}
            for n in counter:
                if time.perf_counter() > deadline:
                    return
                product_id = ids[n % len(ids)]
                try:
                    started = time.perf_counter()
                    added = await client.post(
                        "/cart/items", headers=headers,
                        json={"product_id": product_id, "quantity": 1},
                    )  # fmt: skip
                    adds.append(time.perf_counter() - started)
                    statuses[f"add {added.status_code}"] += 1
                    if added.status_code != 200:
                        continue
                    started = time.perf_counter()
                    placed = await client.post("/orders", headers=headers)
                    orders.append(time.perf_counter() - started)
                    statuses[f"checkout {placed.status_code}"] += 1
                    if placed.status_code == 201:
                        for line in placed.json()["lines"]:
                            bought[line["product_id"]] += line["quantity"]
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(token) for token in tokens))
        elapsed = time.perf_counter() - started
        after = await stock(client)
    off = [pid for pid in before if before[pid] - bought[pid] != after.get(pid)]
    return orders, adds, statuses, elapsed, sum(bought.values()), off


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--database", default="mockapi_shop_bench")
    args = parser.parse_args()

    env = fresh_postgres_env(args.database, "bench-shop-", SHOP_SEED_DEMO_ACCOUNTS="0")
    manage(env, "migrate", "--noinput", timeout=300)
    manage(env, "seed", "shop")
    manage(env, "shell", "-c", PREPARE)
    server = LiveServer(
        "config.asgi:application", env, workers=args.workers, startup_timeout=120
    )
    print(f"server log: {server.log.name}")
    base = f"{server.url}/shop/api/v1"
    print(f"gunicorn, {args.workers} uvicorn workers, PostgreSQL, journal on; "
          f"{args.connections} connections, at most {args.duration:g} s or "
          f"{args.requests} requests per case")  # fmt: skip
    try:
        asyncio.run(product_list(base, connections=4, duration=2, budget=100))
        latencies, statuses, elapsed = asyncio.run(
            product_list(base, connections=args.connections, duration=args.duration,
                         budget=args.requests)
        )  # fmt: skip
        print(f"{'case':34} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8}  statuses")
        print(f"{'GET /products (20 per page)':34} {len(latencies) / elapsed:8.1f} "
              f"{percentile(latencies, 0.5):8.1f} {percentile(latencies, 0.99):8.1f}"
              f"  {dict(statuses)}")  # fmt: skip
        orders, adds, statuses, elapsed, units, off = asyncio.run(
            checkout(base, connections=args.connections, duration=args.duration,
                     budget=args.requests // 2)
        )  # fmt: skip
        print(f"{'checkout (orders/s)':34} {len(orders) / elapsed:8.1f} "
              f"{percentile(orders, 0.5):8.1f} {percentile(orders, 0.99):8.1f}"
              f"  {dict(statuses)}")  # fmt: skip
        print(f"{'  cart add before each':34} {'':8} {percentile(adds, 0.5):8.1f} "
              f"{percentile(adds, 0.99):8.1f}")  # fmt: skip
        errors = sum(v for k, v in statuses.items()
                     if not k.split()[-1].isdigit() or k.split()[-1][0] == "5")  # fmt: skip
        print(
            f"5xx or transport errors: {errors}; units sold {units}; stock "
            + ("arithmetic exact" if not off else f"OFF for {len(off)} products")
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
