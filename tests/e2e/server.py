"""Start a real server process (uvicorn) on a free 127.0.0.1 port for live tests.

The database is a fresh SQLite file (or DATABASE_URL when E2E_DATABASE_URL is
set), migrated and seeded by a subprocess, so the server and the test never
share a connection. Every wait is bounded.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN_CONF = ROOT / "config" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=db_url,
        MOCK_JOURNAL_FLUSH_INTERVAL="0.2",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=timeout, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


class LiveServer:
    """One server process. ``workers`` > 0 with an ASGI app runs it as deployed
    (docker/entrypoint.sh): gunicorn with that many uvicorn workers;
    ``extra_args`` go to the server command (limits, timeouts)."""

    def __init__(
        self,
        app: str,
        env: dict[str, str],
        workers: int = 0,
        extra_args: tuple[str, ...] = (),
        startup_timeout: float = 60,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Closed in stop(); the server writes to it for its whole life.
        self.log = open(  # noqa: SIM115
            Path(env.get("E2E_LOG_DIR", "/tmp")) / f"e2e-{self.port}.log", "w"
        )
        if workers and ".asgi:" in app:  # ASGI as deployed: gunicorn + uvicorn
            # docker/entrypoint.sh's configuration (worker class, HTTP limits);
            # the flags only move it to this port, size and log level.
            env = {"GUNICORN_ACCESS_LOG": "", **env}
            command = [PYTHON, "-m", "gunicorn", app, "-c", str(GUNICORN_CONF),
                       "-b", f"127.0.0.1:{self.port}", "-w", str(workers),
                       "--graceful-timeout", "10", "--log-level", "warning"]  # fmt: skip
        elif ".wsgi:" in app:  # WSGI as deployed: gunicorn, threaded sync worker
            command = [PYTHON, "-m", "gunicorn", app, "-b", f"127.0.0.1:{self.port}",
                       "-w", "1", "--threads", "8", "--log-level", "warning"]  # fmt: skip
        else:
            command = [PYTHON, "-m", "uvicorn", app, "--host", "127.0.0.1",
                       "--port", str(self.port), "--log-level", "warning",
                       "--no-access-log"]  # fmt: skip
        command += list(extra_args)
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited early; see {self.log.name}")
            try:
                httpx.get(self.url + "/health/", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not start within {startup_timeout:g} s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        self.log.close()


def seeded_server(
    directory: Path, family: str, *seed_args: str, **extra: str
) -> LiveServer:
    """A live uvicorn server on a fresh SQLite database in ``directory``,
    migrated and seeded (``manage.py seed FAMILY *seed_args``); ``server.env``
    is its environment, for more manage.py commands on the same database."""
    path = directory / f"{family}.sqlite3"
    env = server_env(f"sqlite:///{path}", E2E_LOG_DIR=str(directory), **extra)
    # Generous: on a loaded machine migrating SQLite alone took over 120 s.
    manage(env, "migrate", "--noinput", timeout=600)
    manage(env, "seed", family, *seed_args, timeout=300)
    server = LiveServer("config.asgi:application", env, startup_timeout=120)
    server.env = env
    return server
