"""The engine's config, read from settings once (and again whenever a
``MOCK_*`` setting changes), so that a request reads attributes, not settings."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

from apps.core.datagen import GenerationLimits
from apps.mocks.engine.config import EngineConfig

DEFAULTS = EngineConfig()
# GenerationLimits field -> the setting that sets it (named in save errors).
LIMIT_SETTINGS = {
    "max_items": "MOCK_SCHEMA_MAX_ITEMS",
    "max_properties": "MOCK_SCHEMA_MAX_PROPERTIES",
    "max_string_length": "MOCK_SCHEMA_MAX_STRING_LENGTH",
    "max_depth": "MOCK_SCHEMA_MAX_DEPTH",
    "max_nodes": "MOCK_GENERATED_BODY_MAX_VALUES",
    "max_bytes": "MOCK_GENERATED_BODY_MAX_BYTES",
}


@cache
def engine_config() -> EngineConfig:
    def read(name: str, default: Any) -> Any:
        return getattr(settings, name, default)

    return EngineConfig(
        max_body_bytes=int(read("MOCK_MAX_BODY_BYTES", DEFAULTS.max_body_bytes)),
        json_max_depth=int(read("JSON_MAX_DEPTH", DEFAULTS.json_max_depth)),
        chaos_timeout_seconds=float(
            read("MOCK_CHAOS_TIMEOUT_SECONDS", DEFAULTS.chaos_timeout_seconds)
        ),
        chaos_drip_seconds=float(
            read("MOCK_CHAOS_DRIP_SECONDS", DEFAULTS.chaos_drip_seconds)
        ),
        chaos_max_random_delay_ms=float(
            read("MOCK_CHAOS_MAX_RANDOM_DELAY_MS", DEFAULTS.chaos_max_random_delay_ms)
        ),
        version_check_interval=float(
            read("MOCK_ENGINE_VERSION_CHECK_INTERVAL", DEFAULTS.version_check_interval)
        ),
        generation=GenerationLimits(
            **{
                name: int(read(setting, getattr(DEFAULTS.generation, name)))
                for name, setting in LIMIT_SETTINGS.items()
            }
        ),
    )


def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("MOCK_") or setting == "JSON_MAX_DEPTH":
        engine_config.cache_clear()


setting_changed.connect(_forget, dispatch_uid="mocks-engine-config")
