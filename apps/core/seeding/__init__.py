"""The kit's seed/reset protocol: every family's state from a seed, back to it
on demand, and hashed so two states can be compared.

A family registers three dotted paths on its ``ApiFamily`` (``family.py``)::

    seeder="apps.<app>.….seed",        # seed(*, seed, anchor, scale, **own) -> dict
    resetter="apps.<app>.….reset",     # reset(*, seed, anchor, scale, **own) -> dict
    snapshot="apps.<app>.….snapshot",  # snapshot() -> JSON-able data

``seed`` creates (or refreshes) the family's seeded data; running it twice
leaves one copy. ``reset`` takes the family back to what ``seed`` gives,
dropping what clients changed or added since. Both take keyword-only:

* ``seed`` — an int; the same seed (with the same anchor and scale) gives
  the same data, byte for byte;
* ``anchor`` — the aware instant time-based data ends at, or ``None`` for the
  family's default (Amazon: ``AMAZON_SEED_ANCHOR`` or today 00:00 UTC), so
  dates look recent without making a seed's data change every day;
* ``scale`` — a float above 0 multiplying the family's default volumes; each
  family documents its mapping (Amazon: ``round(2·s)`` sellers, at least 1,
  and ``round(200·s)`` orders; the mocks demo is a fixed showcase and ignores
  it);
* the family's own options, for its own commands and reset view (Amazon's
  ``sellers`` / ``orders``).

They return a JSON-able summary dict (``counts`` by convention, plus what a
client needs, such as credentials). ``snapshot()`` returns the family's whole
state as JSON-able data with nothing that differs between two runs of the
same seed: no random UUID keys, no timestamps set by now(), no random token
values — natural keys instead (``model_rows`` does this for model rows), or
leave the value out. The family decides what its state is and documents what
it leaves out (Amazon leaves out access tokens). State is reached only
through these hooks and the family's services and selectors, so a later
agent gym can snapshot and compare an episode's state without knowing the
family.

The kit's side:

* ``seeded(seed)`` (``context``) — seeds ``random``, factory-boy
  (``factory.random.reseed_random``) and Faker's shared generator together,
  yields a fresh ``random.Random(seed)`` for the family's own draws, and
  restores all three on exit. ``runner.run`` wraps every seeder and resetter
  in it; a family that also seeds outside the runner (``seed_amazon``) may
  use it itself.
* ``runner`` — ``select("all" | label)`` (``all``: every family with a
  seeder, in registry order; otherwise ``LookupError`` naming the choices),
  ``run(family, "seed" | "reset", seed=, anchor=, scale=, **own)`` → an
  ``Outcome`` (family, action, inputs, summary, seconds; checked inputs,
  one transaction), ``snapshot(family)`` and ``state_digest(family)``.
* ``canonical_json(data)`` / ``digest(data)`` (``canonical``) — sorted keys,
  no whitespace, Decimals as strings, datetimes as UTC ISO 8601, bytes as
  base64; SHA-256 of that. ``model_rows(queryset, relations=, exclude=)`` —
  a model's rows for a snapshot: without ``id``/``created_at``/``updated_at``/
  ``created_at_epoch``, ``deleted_at`` as ``deleted``, every foreign key by
  the natural key named in ``relations``, sorted.
* ``views.reset_view(family, options=, respond=, …)`` — the staff-only
  ``POST /<prefix>/_mock/reset`` view class, errors in the family's shape, its
  request-id header stamped. ``options(body)`` turns the JSON body into
  ``run``'s keyword arguments (default: ``{"seed", "anchor", "scale"}``);
  ``respond(outcome)`` shapes the answer (default: ``Outcome.as_dict()``).
  Mount it in the family's URLconf:
  ``path("_mock/reset", reset_view(FAMILY).as_view())``.
* ``manage.py seed <family|all> [--seed N] [--anchor ISO8601] [--scale F]
  [--digest] [--json]`` and ``manage.py reset …`` (same options) run
  ``runner.run`` for each chosen family, all in one transaction;
  ``--digest`` prints each family's state hash.

Adding a family's seeding: write ``seed``, ``reset`` and ``snapshot`` (keep the
seeder's draws in a fixed order, from the yielded generator or factory-boy),
register them, mount ``reset_view``, and add the family to the determinism
test's expectations (``tests/core/test_seeding_determinism.py`` covers every
registered seeder: seed 7, reset, seed again → same hash; seed 8 → another).
"""

from .canonical import canonical_json, digest, jsonable, model_rows
from .context import seeded
from .protocol import Outcome

__all__ = ["Outcome", "canonical_json", "digest", "jsonable", "model_rows", "seeded"]
