"""The README's examples, run as written against a live server seeded the way
scripts/run.sh seeds it (demo mocks, the demo admin)."""

import json

import pytest

from .examples import ROOT, check_statuses, examples, run

README = ROOT / "README.md"

pytestmark = pytest.mark.slow


def test_the_readme_marks_its_examples():
    found = examples(README)
    assert len(found) >= 2
    assert all(e.statuses for e in found)


def test_every_readme_example_answers_as_documented(docs_server):
    server, env = docs_server
    ran = run(README, server.url, env)
    check_statuses(README, ran)
    # The test call went through the engine: the mock's own answer inside.
    result = json.loads(ran[-1][1].split("\n\n", 1)[1])
    assert result["status"] == 200
    assert result["headers"]["X-Total-Count"] == "3"
    assert result["replay_headers"] == {"X-Mock-Seed": "1"}
