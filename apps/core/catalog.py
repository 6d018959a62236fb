"""What the portal shows of each API family: where it is served, its docs,
its usage plans, its seeded credentials and whether staff can reset it.

Read from the registry (apps/core/families.py), so a new family appears in the
portal's APIs section without touching the portal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

from apps.core import families
from apps.core.families import ApiFamily


@dataclass(frozen=True)
class Plan:
    operation: str
    rate: float
    burst: int

    @property
    def rate_text(self) -> str:
        """The rate as documented: 0.0167, 0.5, 2 (no padding zeros)."""
        return f"{self.rate:g}"


def listed() -> list[ApiFamily]:
    """The families the portal lists, in registry order."""
    return [family for family in families.all_families() if family.listed]


def get(label: str) -> ApiFamily:
    """A listed family by label (``LookupError`` otherwise)."""
    family = families.get(label)
    if not family.listed:
        raise LookupError(label)
    return family


def plans(family: ApiFamily) -> list[Plan]:
    """The family's usage plans (rate per second and burst), by operation."""
    declared = family.load("usage_plans") or {}
    return [
        Plan(operation=name, rate=plan.rate, burst=plan.burst)
        for name, plan in sorted(declared.items())
    ]


def credentials_shown() -> bool:
    """Only where ``PORTAL_SHOW_CREDENTIALS`` is on (development's default):
    the seeded credentials are real enough to call the mocks with."""
    return settings.PORTAL_SHOW_CREDENTIALS


def credentials(family: ApiFamily) -> list[dict[str, Any]]:
    """The seeded credentials a client needs, or [] when they are not shown."""
    if not credentials_shown():
        return []
    provider = family.load("credentials")
    return list(provider()) if provider else []


def docs_path(family: ApiFamily) -> Path | None:
    """The family's Markdown docs page on disk, when it exists."""
    if not family.docs:
        return None
    path = Path(settings.BASE_DIR) / family.docs
    return path if path.is_file() else None


def render_docs(family: ApiFamily) -> str | None:
    """The docs page as HTML (our own files, so no sanitising is needed)."""
    path = docs_path(family)
    if path is None:
        return None
    return _render(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=32)
def _render(path: str, mtime_ns: int) -> str:
    import markdown

    return markdown.markdown(
        Path(path).read_text(encoding="utf-8"),
        extensions=["fenced_code", "tables", "toc", "sane_lists"],
        output_format="html",
    )
