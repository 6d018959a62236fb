"""Documented shell examples, run as written against a live server.

A page marks each example it promises with an HTML comment before the fenced
``bash`` block::

    <!-- status: 200 -->            one curl, its status
    <!-- status: 200 200 502 -->    several curls, their statuses in order
    <!-- run -->                    a step to run whose output is not checked

The examples of a page run in order in one bash process (so a variable one
block sets, such as ``TOKEN``, is there for the next), with the page's
``http://127.0.0.1:8000`` replaced by the live server's address; each block's
HTTP statuses are read from ``curl -i`` output (the status lines).
Blocks without a marker (installation steps) are not run.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC_URL = "http://127.0.0.1:8000"
MARKED = re.compile(r"<!-- (status:[\d ]+|run) -->\n```bash\n(.*?)```", re.S)
STATUS_LINE = re.compile(r"^HTTP/[\d.]+ (\d{3})", re.M)


@dataclass(frozen=True)
class Example:
    line: int
    code: str
    statuses: tuple[str, ...]  # empty: run, not checked


def examples(page: Path) -> list[Example]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in MARKED.finditer(text):
        marker = match[1]
        statuses = tuple(marker.split(":", 1)[1].split()) if marker != "run" else ()
        line = text.count("\n", 0, match.start()) + 1
        found.append(Example(line=line, code=match[2], statuses=statuses))
    return found


def run(
    page: Path, base_url: str, env: dict[str, str], *, timeout: float = 120
) -> list[tuple[Example, str]]:
    """Run every marked example of ``page``; (example, its output) in order.

    Raises AssertionError with the output when the script fails (``set -e``)."""
    found = examples(page)
    # Each curl's output ends its line, so the next status line starts one
    # (a body seldom ends in a newline); $(curl …) strips it again.
    script = ["set -euo pipefail", 'curl() { command curl "$@"; echo; }']
    for index, example in enumerate(found):
        script += [f"echo '@@EXAMPLE {index}'", example.code.replace(DOC_URL, base_url)]
    result = subprocess.run(
        ["bash", "-c", "\n".join(script)], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert result.returncode == 0, (
        f"{page.name}: the examples stopped (exit {result.returncode})\n"
        + result.stdout[-3000:]
        + result.stderr[-3000:]
    )
    outputs = result.stdout.split("@@EXAMPLE ")[1:]
    return list(zip(found, outputs, strict=True))


def check_statuses(page: Path, ran: list[tuple[Example, str]]) -> None:
    """Every checked example answered the statuses its marker announces."""
    for example, output in ran:
        if not example.statuses:
            continue
        seen = tuple(STATUS_LINE.findall(output))
        assert seen == example.statuses, (
            f"{page.name}:{example.line}: expected {example.statuses}, got {seen}\n"
            f"{example.code}\n→ {output[:2000]}"
        )
