"""The runner: which families run, inside the seeded context, and what comes out."""

from datetime import UTC, datetime

import pytest

from apps.core import families
from apps.core.seeding import digest, runner
from tests.core import seeding_family as toy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_state():
    toy.STATE.clear()


def test_all_is_every_family_with_a_seeder_in_registry_order():
    expected = [f.label for f in families.all_families() if f.seeder]
    assert [f.label for f in runner.select("all")] == expected
    assert {"amazon", "mocks"} <= set(expected)
    assert "management" not in expected


def test_one_family_is_chosen_by_label():
    assert runner.select("amazon") == [families.get("amazon")]


def test_an_unknown_family_is_refused_with_the_choices():
    with pytest.raises(LookupError, match=r"'cafe' \(choose one of: all, .*amazon"):
        runner.select("cafe")


def test_a_family_without_a_seeder_is_not_a_choice():
    with pytest.raises(LookupError, match="'management'"):
        runner.select("management")


def test_run_returns_the_inputs_the_summary_and_the_time():
    anchor = datetime(2026, 3, 1, tzinfo=UTC)
    outcome = runner.run(toy.FAMILY, "seed", seed=3, anchor=anchor, scale=2)
    assert (outcome.family, outcome.action, outcome.seed, outcome.scale) == (
        "toy",
        "seed",
        3,
        2.0,
    )
    assert outcome.summary == {
        "counts": {"rows": 6},
        "anchor": "2026-03-01T00:00:00+00:00",  # made JSON-able
    }
    assert outcome.seconds >= 0
    assert outcome.as_dict()["anchor"] == "2026-03-01T00:00:00+00:00"


def test_family_options_reach_the_seeder():
    runner.run(toy.FAMILY, "seed", seed=1, sellers=4)
    assert toy.STATE["options"] == {"sellers": 4}


def test_the_seeder_draws_inside_the_seeded_context():
    runner.run(toy.FAMILY, "seed", seed=5)
    first = runner.snapshot(toy.FAMILY)
    runner.run(toy.FAMILY, "seed", seed=5)
    assert runner.snapshot(toy.FAMILY) == first
    runner.run(toy.FAMILY, "seed", seed=6)
    assert runner.snapshot(toy.FAMILY) != first


def test_reset_calls_the_resetter():
    toy.STATE["stray"] = True
    runner.run(toy.FAMILY, "reset", seed=5)
    assert "stray" not in toy.STATE


def test_state_digest_is_the_digest_of_the_snapshot():
    runner.run(toy.FAMILY, "seed", seed=5)
    assert runner.state_digest(toy.FAMILY) == digest(toy.snapshot())


@pytest.mark.parametrize("scale", [0, -1, float("nan"), float("inf"), "2", True])
def test_a_bad_scale_is_refused_before_seeding(scale):
    with pytest.raises(ValueError, match="scale"):
        runner.run(toy.FAMILY, "seed", seed=1, scale=scale)
    assert toy.STATE == {}


@pytest.mark.parametrize("seed", ["7", 7.0, None, False])
def test_a_seed_must_be_an_integer(seed):
    with pytest.raises(ValueError, match="seed"):
        runner.run(toy.FAMILY, "seed", seed=seed)


def test_a_summary_that_is_not_a_dict_is_refused():
    with pytest.raises(TypeError, match="listy's seeder returned list"):
        runner.run(toy.LISTY, "seed", seed=1)


def test_a_family_without_a_resetter_cannot_be_reset():
    with pytest.raises(LookupError, match="no resetter"):
        runner.run(toy.SEED_ONLY, "reset", seed=1)


def test_a_family_without_a_snapshot_has_no_state_to_hash():
    with pytest.raises(LookupError, match="no snapshot"):
        runner.state_digest(toy.SEED_ONLY)
