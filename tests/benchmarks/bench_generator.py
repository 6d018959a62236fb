"""Data generator benchmark: figures only, no assertion, no pass/fail.

    .venv/bin/python tests/benchmarks/bench_generator.py [--runs 5] [--rows 10000]
        [--skip-live | --only-live]

1. Server-side generation + encoding, in process: median seconds and rows/s
   for every entity in every format (``--rows`` rows, or the universe when
   smaller), against the targets (10,000 users as JSON ≤ 0.25 s, 10,000
   orders ≤ 0.6 s, CSV / XML / NDJSON within 1.5× of JSON).
2. The baseline: 10,000 users with one seeded Faker call per field, and the
   ratio to the pooled generator.
3. Over HTTP against one uvicorn worker under gunicorn (as deployed): time
   to first byte and total time of a streamed 10,000-row response, and the
   worker's peak RSS growth (VmHWM) per format (target < 30 MB, first byte
   ≤ 50 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from apps.generator.engine import ENTITIES, rows  # noqa: E402
from apps.generator.engine.formats import FORMATS, encode  # noqa: E402
from apps.generator.engine.pools import pools  # noqa: E402

TARGETS = {("users", "json"): 0.25, ("orders", "json"): 0.6}


CPU: dict[tuple[str, str], float] = {}


def median_seconds(work, runs: int, key=None) -> float:
    """Median wall time; the median CPU time goes to CPU[key]: on a loaded
    machine wall time includes waiting for a core, CPU time does not."""
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    if key is not None:
        CPU[key] = statistics.median(cpu)
    return statistics.median(times)


def generate(entity: str, fmt: str, n: int) -> int:
    body = encode(
        ENTITIES[entity], rows(entity, seed=1, locale="en_US", offset=0, limit=n), fmt
    )
    return sum(map(len, body))


def in_process(runs: int, n: int) -> dict[tuple[str, str], float]:
    pools("en_US")  # built once per worker; not what a request costs
    print(f"\n## Server-side generation + encoding, median of {runs} runs")
    print("wall s / CPU s; rows/s from wall time")
    print(
        f"{'entity':20} {'rows':>6} "
        + " ".join(f"{f + ' s':>13} {f + ' rows/s':>13}" for f in FORMATS)
        + "  worst/json (CPU)"
    )
    seconds = {}
    for entity, spec in ENTITIES.items():
        count = min(n, spec.size)
        line = f"{entity:20} {count:6d} "
        for fmt in FORMATS:
            key = (entity, fmt)
            seconds[key] = median_seconds(
                lambda e=entity, f=fmt, c=count: generate(e, f, c), runs, key
            )
            line += (
                f"{seconds[key]:6.3f}/{CPU[key]:6.3f} {count / seconds[key]:13,.0f} "
            )
        worst = max(CPU[entity, f] for f in FORMATS) / CPU[entity, "json"]
        print(line + f"  {worst:.2f}x")
    for (entity, fmt), target in TARGETS.items():
        wall, cpu = seconds[entity, fmt], CPU[entity, fmt]
        print(f"target {entity} {fmt} ≤ {target} s: wall {wall:.3f} s ({'met' if wall <= target else 'missed'}), "
              f"CPU {cpu:.3f} s ({'met' if cpu <= target else 'missed'})")  # fmt: skip
    return seconds


def faker_baseline(runs: int, n: int, pooled: float) -> None:
    from faker import Faker

    def one_call_per_field():
        fake = Faker("en_US")
        fake.seed_instance(1)
        for _ in range(n):
            first, last = fake.first_name(), fake.last_name()
            {
                "user_id": fake.uuid4(), "email": fake.email(), "username": fake.user_name(),
                "first_name": first, "last_name": last, "phone_number": fake.phone_number(),
                "address": fake.street_address(), "city": fake.city(), "state": fake.state(),
                "postal_code": fake.postcode(), "country": fake.country(),
                "created_at": fake.iso8601(), "updated_at": fake.iso8601(),
                "is_active": fake.boolean(), "loyalty_points": fake.random_int(0, 5000),
            }  # fmt: skip

    baseline = median_seconds(one_call_per_field, max(1, runs // 2), "faker")
    print(
        f"\n## Baseline: {n} users, one Faker call per field (records only, no encoding)"
    )
    print(f"Faker: {baseline:.3f} s ({n / baseline:,.0f} rows/s); pooled generator with JSON encoding: "
          f"{pooled:.3f} s; ratio {baseline / pooled:.1f}x (CPU: {CPU['faker']:.3f} s vs "
          f"{CPU['users', 'json']:.3f} s, {CPU['faker'] / CPU['users', 'json']:.1f}x)")  # fmt: skip


def peak_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def reset_peak(pid: int) -> None:
    # Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0).
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def live(runs: int, n: int) -> None:
    import httpx

    from tests.e2e.server import LiveServer, manage, server_env

    db = Path("/tmp/bench-generator.sqlite3")
    env = server_env(f"sqlite:///{db}")
    manage(env, "migrate", "--noinput")
    server = LiveServer("config.asgi:application", env, workers=1, startup_timeout=180)
    try:
        children = (
            Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children")
            .read_text()
            .split()
        )
        worker = int(children[0])
        print(
            f"\n## Over HTTP: gunicorn + 1 uvicorn worker, {n} rows, median of {runs} runs"
        )
        print(
            f"{'entity':10} {'format':7} {'first byte ms':>14} {'total s':>8} {'MB':>7} {'peak RSS growth MB':>19}"
        )
        with httpx.Client(base_url=server.url, timeout=120) as client:
            for entity in ("users", "orders"):
                for fmt in FORMATS:
                    url = f"/generator/api/v1/{entity}"
                    params = {"format": fmt, "limit": n, "seed": 3}
                    client.get(url, params=params)  # warm: pools, caches
                    firsts, totals, growth, size = [], [], [], 0
                    for _ in range(runs):
                        reset_peak(worker)
                        before = peak_rss_kb(worker)
                        started = time.perf_counter()
                        with client.stream("GET", url, params=params) as response:
                            stream = response.iter_raw()
                            first = next(stream)
                            firsts.append(time.perf_counter() - started)
                            size = len(first) + sum(len(c) for c in stream)
                        totals.append(time.perf_counter() - started)
                        growth.append((peak_rss_kb(worker) - before) / 1024)
                    print(f"{entity:10} {fmt:7} {statistics.median(firsts) * 1000:14.1f} "
                          f"{statistics.median(totals):8.3f} {size / 1e6:7.2f} {max(growth):19.1f}")  # fmt: skip
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--skip-live", action="store_true")
    parser.add_argument("--only-live", action="store_true")
    args = parser.parse_args()
    with open("/proc/loadavg") as load:
        print(
            f"load average at start: {load.read().split()[:3]} (other engineers share the cores)"
        )
    if not args.only_live:
        seconds = in_process(args.runs, args.rows)
        faker_baseline(args.runs, args.rows, seconds["users", "json"])
    if not args.skip_live:
        live(args.runs, args.rows)


if __name__ == "__main__":
    main()
