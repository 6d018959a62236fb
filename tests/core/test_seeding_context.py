"""seeded(): random, factory-boy and Faker start from the seed, and get their
state back afterwards."""

import random

import factory.random
import faker.generator
import pytest
from faker import Faker

from apps.core.seeding import seeded


def draws() -> tuple:
    """One value from each shared generator (Faker through an unseeded proxy)."""
    return (
        random.random(),
        factory.random.randgen.random(),
        Faker().pyint(0, 10**9),
    )


def test_the_same_seed_gives_the_same_draws_from_every_generator():
    with seeded(7) as rng:
        first = (rng.random(), *draws())
    with seeded(7) as rng:
        again = (rng.random(), *draws())
    assert first == again


def test_a_different_seed_gives_different_draws():
    with seeded(7):
        first = draws()
    with seeded(8):
        assert draws() != first


def test_the_private_generator_does_not_move_with_the_shared_ones():
    with seeded(7) as rng:
        expected = random.Random(7).random()
        random.random()
        factory.random.randgen.random()
        assert rng.random() == expected


def test_every_shared_generator_gets_its_state_back():
    random.seed(123)
    factory.random.reseed_random(456)
    faker.generator.random.seed(789)
    before = (
        random.getstate(),
        factory.random.randgen.getstate(),
        faker.generator.random.getstate(),
    )
    with seeded(7):
        draws()
    assert (
        random.getstate(),
        factory.random.randgen.getstate(),
        faker.generator.random.getstate(),
    ) == before


def test_state_comes_back_when_the_block_raises():
    before = random.getstate()
    with pytest.raises(RuntimeError), seeded(7):
        random.random()
        raise RuntimeError("boom")
    assert random.getstate() == before


def test_factory_boy_state_flag_is_restored():
    factory.random.randgen.state_set = False
    with seeded(7):
        assert factory.random.randgen.state_set is True
    assert factory.random.randgen.state_set is False
