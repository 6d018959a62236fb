"""Mock engine benchmark: gunicorn + uvicorn workers, PostgreSQL, Redis, journal on.

    .venv/bin/python tests/benchmarks/bench_engine.py [--app config.asgi:application]
        [--workers 2] [--duration 10] [--database mockapi_engine]

Loads the server with wrk from a second process and prints requests/s, p50,
p99 and errors for: a static 1 KB JSON endpoint, a schema-generated endpoint
(tests/fixtures/customer.schema.json, a copy of shared/bench/) and a 200 ms fixed-delay endpoint at 256
and 500 connections; then resident memory per worker and database transactions per
request (the journal's batched inserts should make this far below 1).
Figures only: no assertion, no pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PYTHON = (
    str(ROOT / ".venv/bin/python")
    if (ROOT / ".venv/bin/python").exists()
    else sys.executable
)
SCHEMA = ROOT / "tests/fixtures/customer.schema.json"  # copy of shared/bench/

SEED = """
import json
from apps.core.journal import JournalEntry
from apps.mocks import models as m, services
JournalEntry.objects.all().delete()  # earlier runs' rows would skew COPY cost
m.Group.all_objects.filter(slug="bench").delete()
m.Group.all_objects.filter(slug="bench").hard_delete()
group = services.group_create(data={"name": "Bench", "slug": "bench"})
body = {"items": [{"id": i, "name": f"item-{i:03d}", "price": 9.99} for i in range(25)]}
services.endpoint_create(group=group, data={"name": "static", "path": "/static", "response_body": body})
services.endpoint_create(group=group, data={"name": "customer", "path": "/customer",
    "response_schema": json.load(open(%r))})
services.endpoint_create(group=group, data={"name": "delayed", "path": "/delayed",
    "fixed_delay": 200, "response_body": {"ok": True}})
print("seeded")
""".replace("%r", repr(str(SCHEMA)))

CASES = [
    ("static 1 KB JSON", "/bench/static", 64),
    ("schema-generated (customer)", "/bench/customer", 64),
    ("fixed 200 ms delay", "/bench/delayed", 256),
    ("fixed 200 ms delay", "/bench/delayed", 500),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(sql: str, db: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-tAc", sql],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout.strip()  # fmt: skip


def parse_wrk(output: str) -> dict[str, str]:
    def grab(pattern: str) -> str:
        match = re.search(pattern, output)
        return match.group(1) if match else "?"

    errors = grab(r"Socket errors: (.*)")
    non2xx = grab(r"Non-2xx or 3xx responses: (\d+)")
    return {
        "rps": grab(r"Requests/sec:\s+([\d.]+)"),
        "p50": grab(r"\n\s+50%\s+(\S+)"),
        "p99": grab(r"\n\s+99%\s+(\S+)"),
        "errors": "none"
        if errors == "?" and non2xx == "?"
        else f"socket: {errors}; non-2xx: {non2xx}",
        "requests": grab(r"(\d+) requests in"),
    }


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", default="config.asgi:application")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--database", default="mockapi_engine")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()

    if psql(f"select 1 from pg_database where datname='{args.database}'") != "1":
        psql(f'create database "{args.database}"')
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "REDIS_URL": args.redis,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(  # as a deploy would: whitenoise warns without it
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", SEED],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", args.app, "-k", "uvicorn_worker.UvicornWorker",
         "-w", str(args.workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "--backlog", "2048"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/bench/static", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("server did not come up")
            time.sleep(0.2)
        for path in ("/bench/static", "/bench/customer", "/bench/delayed"):
            for _ in range(20):
                httpx.get(url + path, timeout=5)
        sample = httpx.get(url + "/bench/static", timeout=5)
        print(
            f"app={args.app} workers={args.workers} static body={len(sample.content)} bytes"
        )
        print(
            f"{'case':32} {'conns':>5} {'req/s':>9} {'p50':>9} {'p99':>9}  errors / db xacts per request"
        )
        xacts_sql = (
            f"select xact_commit from pg_stat_database where datname='{args.database}'"
        )
        for name, path, conns in CASES:
            time.sleep(1.5)  # let the journal drain between cases
            before = int(psql(xacts_sql))
            out = subprocess.run(
                ["wrk", f"-t{args.threads}", f"-c{conns}", f"-d{args.duration}s", "--latency", "--timeout", "5s", url + path],
                capture_output=True, text=True, timeout=args.duration + 60, check=True,
            ).stdout  # fmt: skip
            time.sleep(1.5)
            after = int(psql(xacts_sql))
            result = parse_wrk(out)
            per_request = (after - before) / max(
                1, int(result["requests"]) if result["requests"].isdigit() else 1
            )
            print(
                f"{name:32} {conns:>5} {result['rps']:>9} {result['p50']:>9} {result['p99']:>9}  "
                f"{result['errors']} / {per_request:.4f}"
            )
        workers = [
            int(p)
            for p in subprocess.run(
                ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
            ).stdout.split()
        ]
        print(
            "RSS per worker (MB):",
            ", ".join(f"{rss_mb(p):.1f}" for p in workers),
            f"| master {rss_mb(server.pid):.1f}",
        )
        rows = psql("select count(*) from core_journalentry", args.database)
        print(f"journal rows: {rows}")
        print(json.dumps({"note": "wrk and the server share this machine's cores"}))
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
