"""One seeded context for every generator seed data draws from.

Inside ``with seeded(7) as rng:`` the module-level ``random``, factory-boy's
generator (``factory.random``: fuzzy attributes, ``LazyFunction``s that draw
from ``randgen``) and Faker's shared generator (every ``factory.Faker``
attribute and every ``Faker()`` not seeded on its own) all start from seed 7;
``rng`` is a fresh ``random.Random(7)`` for the family's own draws, so they do
not interleave with a library's. On exit all three shared generators get back
the state they had, so seeding in the middle of a test, a request or a shell
does not make what follows predictable (or less random) by accident.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import factory.random
import faker.generator


@contextmanager
def seeded(seed: int) -> Iterator[random.Random]:
    saved_random = random.getstate()
    saved_factory = factory.random.randgen.getstate()
    saved_factory_set = factory.random.randgen.state_set
    saved_faker = faker.generator.random.getstate()
    random.seed(seed)
    # Seeds factory-boy's and Faker's shared generator alike.
    factory.random.reseed_random(seed)
    try:
        yield random.Random(seed)
    finally:
        random.setstate(saved_random)
        factory.random.randgen.setstate(saved_factory)
        factory.random.randgen.state_set = saved_factory_set
        faker.generator.random.setstate(saved_faker)
