"""The journal's settings, read once (and again when a test changes one)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

# Compared normalised (redaction.normal_name): "api_key" also covers Api-Key
# and apiKey; a field ending in "_token" is caught by "token".
DEFAULT_SECRET_NAMES = ("password", "passwd", "pwd", "passphrase", "secret", "token", "api_key", "apikey", "credential", "credentials", "private_key")  # fmt: skip


@dataclass(frozen=True, slots=True)
class JournalConfig:
    enabled: bool
    background: bool
    flush_interval: float
    batch_size: int
    buffer_max: int
    body_cap: int
    secret_names: frozenset[str]
    max_age_days: int
    max_rows: int
    write_timeout: float
    shutdown_timeout: float


@cache
def journal_config() -> JournalConfig:
    def get(name: str, default: Any) -> Any:
        return getattr(settings, f"MOCK_JOURNAL_{name}", default)

    return JournalConfig(
        enabled=bool(get("ENABLED", True)),
        background=bool(get("BACKGROUND", True)),
        flush_interval=float(get("FLUSH_INTERVAL", 0.5)),
        batch_size=int(get("BATCH_SIZE", 500)),
        buffer_max=int(get("BUFFER_MAX", 50_000)),
        body_cap=int(get("BODY_CAP", 16_384)),
        secret_names=frozenset(
            n.lower() for n in get("SECRET_NAMES", DEFAULT_SECRET_NAMES)
        ),
        max_age_days=int(get("MAX_AGE_DAYS", 14)),
        max_rows=int(get("MAX_ROWS", 200_000)),
        write_timeout=float(get("WRITE_TIMEOUT", 5.0)),
        shutdown_timeout=float(get("SHUTDOWN_TIMEOUT", 5.0)),
    )


def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("MOCK_JOURNAL_"):
        journal_config.cache_clear()
        from .redaction import is_secret_field, is_secret_name

        is_secret_name.cache_clear()
        is_secret_field.cache_clear()


setting_changed.connect(_forget)
