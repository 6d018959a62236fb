"""manage.py seed / reset <family|all>: families from the registry."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.core import families
from apps.core.seeding import runner
from apps.mocks import models as m
from tests.core import seeding_family as toy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_state():
    toy.STATE.clear()


@pytest.fixture
def with_toy(monkeypatch):
    """The registry plus the toy family (after the real ones)."""
    real = families.all_families()
    monkeypatch.setattr(families, "all_families", lambda: (*real, toy.FAMILY))


def manage(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_seed_prints_what_each_family_did(with_toy):
    out = manage("seed", "toy", "--seed", "3", "--scale", "2", "--digest")
    assert "toy: seeded (seed 3, scale 2) in " in out
    assert '  counts: {"rows": 6}' in out
    assert f"  state sha256: {runner.state_digest(toy.FAMILY)}" in out
    assert len(toy.STATE["rows"]) == 6


def test_json_output_carries_each_outcome_and_digest(with_toy):
    results = json.loads(manage("seed", "toy", "--json", "--digest"))
    assert [r["family"] for r in results] == ["toy"]
    assert results[0]["action"] == "seed"
    assert results[0]["summary"]["counts"] == {"rows": 3}
    assert len(results[0]["digest"]) == 64


def test_the_anchor_reaches_the_family_as_an_aware_utc_instant(with_toy):
    manage("seed", "toy", "--anchor", "2026-03-01T10:00:00")
    assert toy.STATE["anchor"].isoformat() == "2026-03-01T10:00:00+00:00"


def test_reset_runs_the_resetter(with_toy):
    toy.STATE["stray"] = True
    out = manage("reset", "toy", "--seed", "4")
    assert "toy: reset (seed 4, scale 1)" in out
    assert "stray" not in toy.STATE


def test_all_runs_every_seedable_family_in_registry_order(monkeypatch):
    ran = []
    monkeypatch.setattr(families, "all_families", lambda: (toy.SEED_ONLY, toy.FAMILY))
    monkeypatch.setattr(
        toy, "toy_seed", lambda **kw: ran.append(kw["seed"]) or {"counts": {}}
    )
    results = json.loads(manage("seed", "all", "--seed", "9", "--json"))
    assert [r["family"] for r in results] == ["seedonly", "toy"]
    assert ran == [9, 9]


def test_an_unknown_family_is_refused_with_the_known_ones():
    with pytest.raises(CommandError, match=r"'cafe' \(choose one of: all, .*amazon"):
        manage("seed", "cafe")


def test_a_family_with_nothing_to_seed_is_refused():
    with pytest.raises(CommandError, match="'management'"):
        manage("reset", "management")


@pytest.mark.parametrize(
    "option", [("--anchor", "last tuesday"), ("--scale", "0"), ("--scale", "-2")]
)
def test_bad_anchor_or_scale_is_refused(with_toy, option):
    with pytest.raises(CommandError, match="--anchor or --scale"):
        manage("seed", "toy", *option)
    assert toy.STATE == {}


def test_all_is_all_or_nothing(monkeypatch):
    mocks = families.get("mocks")
    monkeypatch.setattr(families, "all_families", lambda: (mocks, toy.BROKEN))
    with pytest.raises(CommandError, match="toy store is closed"):
        manage("seed", "all")
    assert not m.Group.all_objects.exists()
