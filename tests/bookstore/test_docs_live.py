"""Every shell example in docs/bookstore.md, run in order by bash against a
live server (gunicorn, PostgreSQL), each checked for the status its page
announces (``<!-- status: NNN -->`` before the block)."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "bookstore.md"
BLOCK = re.compile(r"(?:<!-- status: (\d{3}) -->\n)?```bash\n(.*?)```", re.S)
DOC_URL = "http://127.0.0.1:8000"

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def blocks() -> list[tuple[str | None, str]]:
    return [(m[1], m[2]) for m in BLOCK.finditer(PAGE.read_text(encoding="utf-8"))]


def test_the_page_has_examples_with_statuses():
    announced = [status for status, _ in blocks() if status]
    assert len(announced) >= 10 and {"201", "402", "401", "422"} <= set(announced)


def test_every_example_runs_and_answers_as_documented(live_bookstore):
    server = live_bookstore(workers=2, BOOKSTORE_PAYMENT_TIMEOUT_SECONDS="0.1")
    script = ["set -euo pipefail"]
    for index, (_, code) in enumerate(blocks()):
        script += [f"echo '@@BLOCK {index}'", code.replace(DOC_URL, server.url)]
    env = {**server.env, "BOOKSTORE_SEED_DEMO_KEY": "1"}

    result = subprocess.run(
        ["bash", "-c", "\n".join(script)], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    outputs = result.stdout.split("@@BLOCK ")[1:]
    for (status, code), output in zip(blocks(), outputs, strict=True):
        if status is None:
            continue
        seen = re.findall(r"^HTTP/[\d.]+ (\d{3})", output, re.M)
        assert seen and seen[-1] == status, f"{code}\n→ {output[:1500]}"
