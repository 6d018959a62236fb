"""The embedded defaults start quietly: sending a task in eager mode (no
Redis) logs no kombu "No hostname was supplied" warning."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEND = (
    "from apps.amazon.tasks import process_report; "
    "process_report.delay('00000000-0000-0000-0000-000000000000')"
)


def test_an_eager_task_logs_no_broker_warning(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env,
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SEND], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "succeeded" in result.stderr + result.stdout  # the task ran, eagerly
    assert "No hostname" not in result.stderr + result.stdout
