"""Real Celery processes for the report tests: the test database's URL for a
subprocess, a worker or beat started against it, and a bounded stop."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

REPO = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database, as a URL another process can connect with."""
    db = settings.DATABASES["default"]
    auth = db["USER"] or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def celery(env: dict[str, str], log, *args: str) -> subprocess.Popen:
    """``celery -A config <args>``, its output to ``log`` (a path or a file)."""
    out = log.open("w") if isinstance(log, Path) else log
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", *args, "--loglevel=INFO"],
        cwd=REPO,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )


def worker(env: dict[str, str], log) -> subprocess.Popen:
    """One solo worker: the process that runs the task is the one a SIGKILL hits."""
    return celery(
        env, log, "worker", "--pool=solo", "--concurrency=1", "--without-gossip",
        "--without-mingle", "--without-heartbeat",
    )  # fmt: skip


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
