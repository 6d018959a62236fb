"""The shared configuration version counter (lives in the default cache)."""

import time

from django.core.cache import cache

CONFIG_VERSION_KEY = "mocks:config-version"


def bump_config_version() -> int:
    try:
        return cache.incr(CONFIG_VERSION_KEY)
    except ValueError:
        # First bump (or the cache was flushed): start from a fresh, unique value
        # so that no process mistakes it for the version it already compiled.
        cache.add(CONFIG_VERSION_KEY, time.time_ns(), timeout=None)
        return cache.incr(CONFIG_VERSION_KEY)


def current_config_version() -> int:
    value = cache.get(CONFIG_VERSION_KEY)
    if value is None:
        return bump_config_version()
    return int(value)
