"""docs/generator.md: its curl examples run against a live server and print
what they promise; its tables name every entity, size and field."""

import re
import subprocess
from pathlib import Path

import pytest

from apps.generator.engine import ENTITIES
from tests.e2e.server import LiveServer, manage, server_env

DOC = Path(__file__).resolve().parents[2] / "docs/generator.md"
BLOCKS = re.findall(r"```bash\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    path = tmp_path_factory.mktemp("generator-docs") / "live.sqlite3"
    env = server_env(f"sqlite:///{path}")
    manage(env, "migrate", "--noinput")
    # Generous start-up: the two cores are shared with other engineers' work.
    server = LiveServer("config.asgi:application", env, startup_timeout=120)
    yield server
    server.stop()


def test_the_page_has_examples():
    assert len(BLOCKS) >= 4


@pytest.mark.slow
@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_a_curl_example_prints_what_it_promises(live, block, tmp_path):
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block], cwd=tmp_path, capture_output=True,
        text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "H": live.url + "/generator"},
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    for expected in re.findall(r"^# => (.*)$", block, re.M):
        assert expected in result.stdout, f"{expected!r} not in:\n{result.stdout}"


def test_identical_requests_in_an_example_hash_identically(live, tmp_path):
    lines = [line for line in BLOCKS[0].splitlines() if "sha256sum" in line]
    script = "\n".join([BLOCKS[0].splitlines()[0], *lines])
    out = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "H": live.url + "/generator"},
    ).stdout.splitlines()  # fmt: skip

    assert len(out) == 2 and out[0] == out[1]


def test_the_universe_table_gives_every_entitys_size():
    text = DOC.read_text(encoding="utf-8")
    for name, spec in ENTITIES.items():
        assert f"| `{name}` | {spec.size:,} |" in text, name


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_field_is_documented(entity):
    section = (
        DOC.read_text(encoding="utf-8")
        .split(f"### `{entity}`\n", 1)[1]
        .split("\n### ", 1)[0]
    )
    for field in ENTITIES[entity].fields:
        assert f"| `{field.name}` |" in section, field.name
        for child in field.children:
            assert (
                f"`{field.name}{'[].' if field.type == 'array' else '.'}{child.name}`"
                in section
            )
