"""The production process types start and serve: gunicorn with uvicorn workers
(ASGI), a Celery worker and beat against the local Redis.

Each test starts a real process, talks to it over loopback and stops it; every
wait is bounded.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "PYTEST_XDIST_WORKER"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="process-test-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    env.update(extra)
    return env


def stop(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    return proc.stdout.read() if proc.stdout else ""


def wait_for_http(
    url: str, proc: subprocess.Popen, seconds: float = 30
) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited early:\n{stop(proc)}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"no answer from {url} within {seconds}s:\n{stop(proc)}")


def test_gunicorn_with_uvicorn_workers_serves_health_and_readiness(tmp_path):
    env = process_env(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=120,
    )  # fmt: skip
    port = free_port()
    proc = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "config.asgi:application",
            "-k", "uvicorn_worker.UvicornWorker", "-w", "1",
            "-b", f"127.0.0.1:{port}", "--timeout", "30",
        ],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        health = wait_for_http(f"http://127.0.0.1:{port}/health/", proc)
        ready = httpx.get(f"http://127.0.0.1:{port}/ready/", timeout=5)
    finally:
        log = stop(proc)
    assert health.status_code == 200, log
    assert health.json() == {"status": "ok"}
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"]["broker"]["status"] == "eager"
    assert "uvicorn" in log.lower()


@pytest.mark.redis
def test_celery_worker_starts_and_answers_a_ping_on_redis(tmp_path):
    redis_url = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/9"
    env = process_env(tmp_path, REDIS_URL=redis_url)
    name = f"probe-{os.getpid()}@localhost"
    proc = subprocess.Popen(
        [str(BIN / "celery"), "-A", "config", "worker", "-n", name,
         "--pool", "solo", "--loglevel", "info"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        answered = False
        while time.monotonic() < deadline and not answered:
            if proc.poll() is not None:
                break
            result = subprocess.run(
                [str(BIN / "celery"), "-A", "config", "inspect", "ping",
                 "-d", name, "--timeout", "2"],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=30,
            )  # fmt: skip
            answered = "pong" in result.stdout
    finally:
        log = stop(proc)
    assert answered, log
    assert "ready" in log


@pytest.mark.redis
def test_celery_beat_starts_cleanly_on_redis(tmp_path):
    redis_url = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/9"
    env = process_env(tmp_path, REDIS_URL=redis_url)
    log_path = tmp_path / "beat.log"
    with log_path.open("w") as log_file:
        proc = subprocess.Popen(
            [str(BIN / "celery"), "-A", "config", "beat", "--loglevel", "info",
             "--schedule", str(tmp_path / "beat-schedule")],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            # A cold machine (fresh venv, empty page cache) can take several
            # seconds to import Django and Celery: wait for the banner line
            # instead of sleeping a fixed time, then check beat stays up.
            deadline = time.monotonic() + 45
            while time.monotonic() < deadline and proc.poll() is None:
                if "beat: Starting" in log_path.read_text():
                    break
                time.sleep(0.25)
            time.sleep(1)
            still_running = proc.poll() is None
        finally:
            stop(proc)
    log = log_path.read_text()
    assert still_running, log
    assert "beat: Starting" in log
