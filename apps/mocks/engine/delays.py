"""Response delays: fixed + uniform(0, max_wait_time) + log-normal(median, sigma).

The shapes WireMock users rely on. Only computed here; the caller waits with
``asyncio.sleep`` so a delayed response never holds a worker or thread.
"""

from __future__ import annotations

import math
import random

from .table import Delay

MAX_DELAY_MS = 120_000
DEFAULT_SIGMA = 0.5


def delay_ms(delay: Delay, rng: random.Random) -> float:
    total = float(delay.fixed_ms)
    if delay.uniform_max_ms:
        total += rng.uniform(0, delay.uniform_max_ms)
    if delay.lognormal_median_ms:
        sigma = delay.lognormal_sigma or DEFAULT_SIGMA
        # The median of lognormvariate(mu, sigma) is e^mu.
        total += rng.lognormvariate(math.log(delay.lognormal_median_ms), sigma)
    return min(total, MAX_DELAY_MS)
