"""The registry of API families: every imitated API declares itself once.

A family is an app's ``family.py`` defining ``FAMILY`` (or ``FAMILIES``, a
list), an ``ApiFamily`` below. From the registry the project derives its URL
map (``config/urls.py``), the first path segments a mock group may not take,
the error shape of requests refused before any view, the catch-all 404 below
each prefix, the ``seed`` / ``reset`` commands and the journal's family tag.
Adding a family is its folder plus one line of ``INSTALLED_APPS``
(docs/adding-an-api.md).

Everything a family names is a dotted path, imported on first use, so reading
the registry imports no views and core imports no domain app.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.signals import setting_changed
from django.utils.module_loading import import_string, module_has_submodule

# First segments the platform itself serves (portal, admin, static …).
PLATFORM_SEGMENTS = frozenset(
    {
        "admin", "accounts", "health", "ready", "static", "media", "i18n",
        "portal", "jsi18n", "favicon.ico", "robots.txt", "__debug__",
    }
)  # fmt: skip
# Kept free for families on their way and for names a client would expect to
# be the platform's own (docs, openapi, _mock).
RESERVED_FOR_LATER = frozenset(
    {"bookstore", "shop", "generator", "docs", "openapi", "_mock"}
)
DEFAULT_RENDERER = "apps.core.errors.ProblemRenderer"


@dataclass(frozen=True)
class ApiFamily:
    """One imitated API (or one of the platform's own APIs).

    ``prefix`` is the first path segment it is served under (``"amazon"`` →
    ``/amazon/…``); ``""`` marks the catch-all family (the mock engine),
    mounted after every other route. ``renderer`` and ``sub_renderers`` are
    dotted paths to an ``ErrorRenderer`` class or instance; a sub-renderer
    answers below ``prefix/<sub>`` (longest wins), as LWA's OAuth errors do
    below ``/amazon/auth/``. ``seeder(seed=, anchor=, scale=)`` and
    ``resetter(seed=, anchor=, scale=)`` return a JSON-able summary;
    ``snapshot()`` returns the family's state as canonical JSON-able data.
    """

    label: str
    title: str
    prefix: str
    urls: str | None = None
    renderer: str = DEFAULT_RENDERER
    sub_renderers: Mapping[str, str] = field(default_factory=dict)
    request_id_header: str | None = None
    seeder: str | None = None
    resetter: str | None = None
    snapshot: str | None = None
    usage_plans: str | None = None
    schema_url: str | None = None
    # The family's own Swagger UI, when it serves one; the portal offers one
    # for any family with a schema_url otherwise.
    swagger_url: str | None = None
    docs: str | None = None
    # The portal's APIs section: whether the family is listed there, and a
    # callable returning the seeded credentials a client needs, as
    # ``[{"label": ..., "value": ...}]`` (shown in development only).
    listed: bool = True
    credentials: str | None = None
    # Append the family's own 404 after its routes (off when the urlconf has
    # a catch-all of its own).
    catch_all_404: bool = True
    reserved: tuple[str, ...] = ()
    # Journal: sub-paths not recorded (the journal's own API), and body
    # fields that are secrets beyond the journal's default names.
    unrecorded: tuple[str, ...] = ()
    secret_fields: tuple[str, ...] = ()

    @property
    def url_prefix(self) -> str:
        return f"/{self.prefix}/" if self.prefix else "/"

    def owns(self, path: str) -> bool:
        if not self.prefix:
            return True
        return path == f"/{self.prefix}" or path.startswith(self.url_prefix)

    def records(self, path: str) -> bool:
        """Whether the journal records calls to ``path``."""
        return not any(path.startswith(self.url_prefix + p) for p in self.unrecorded)

    @property
    def secret_field_names(self) -> frozenset[str]:
        return frozenset(name.lower() for name in self.secret_fields)

    def renderer_for(self, path: str):
        """The ErrorRenderer for a path below this family's prefix."""
        best = ""
        for sub in self.sub_renderers:
            if path.startswith(self.url_prefix + sub) and len(sub) > len(best):
                best = sub
        return _renderer(self.sub_renderers[best] if best else self.renderer)

    def exception_handler(self):
        """The DRF exception handler of this family's views."""
        return _exception_handler(self.renderer)

    def load(self, name: str) -> Any:
        """One of the family's dotted attributes, imported (None when unset)."""
        dotted = getattr(self, name)
        return import_string(dotted) if dotted else None


@cache
def _renderer(dotted: str):
    target = import_string(dotted)
    return target() if isinstance(target, type) else target


@cache
def _exception_handler(dotted: str):
    from .errors import exception_handler_for

    return exception_handler_for(_renderer(dotted))


@cache
def all_families() -> tuple[ApiFamily, ...]:
    """Every registered family, in INSTALLED_APPS order."""
    found: list[ApiFamily] = []
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "family"):
            continue
        module = import_module(f"{config.name}.family")
        declared = getattr(module, "FAMILIES", None) or [module.FAMILY]
        found.extend(declared)
    labels = [f.label for f in found]
    duplicates = {label for label in labels if labels.count(label) > 1}
    if duplicates:
        raise RuntimeError(f"API families registered twice: {sorted(duplicates)}")
    prefixes = [f.prefix for f in found]
    clashes = {p for p in prefixes if prefixes.count(p) > 1}
    if clashes:
        raise RuntimeError(f"API families share a prefix: {sorted(clashes)}")
    return tuple(found)


def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting == "INSTALLED_APPS":
        all_families.cache_clear()
        reserved_segments.cache_clear()


setting_changed.connect(_forget)


def get(label: str) -> ApiFamily:
    for family in all_families():
        if family.label == label:
            return family
    known = ", ".join(f.label for f in all_families())
    raise LookupError(f"no API family {label!r} (known: {known})")


def labels(*, seedable: bool = False) -> list[str]:
    return [f.label for f in all_families() if f.seeder or not seedable]


def is_page(path: str) -> bool:
    """The portal's and admin's own pages (HTML, not an API)."""
    first = path.lstrip("/").split("/", 1)[0]
    return not first or first in PLATFORM_SEGMENTS


def for_path(path: str, *, pages: bool = True) -> ApiFamily | None:
    """The family that owns ``path`` (longest prefix). Paths no prefixed
    family owns go to the catch-all family; with ``pages=False`` the portal
    and admin pages belong to none."""
    owners = [f for f in all_families() if f.prefix and f.owns(path)]
    if owners:
        return max(owners, key=lambda f: len(f.prefix))
    if not pages and is_page(path):
        return None
    return next((f for f in all_families() if not f.prefix), None)


@cache
def reserved_segments() -> frozenset[str]:
    """First path segments a mock group's slug may not take."""
    owned = {f.prefix for f in all_families() if f.prefix}
    for family in all_families():
        owned.update(family.reserved)
    return PLATFORM_SEGMENTS | RESERVED_FOR_LATER | owned


def new_request_id() -> str:
    return str(uuid.uuid4())


# --- the URL map ---------------------------------------------------------------


def url_patterns() -> list:
    """Each prefixed family's URLconf at its prefix, then its own 404."""
    from django.urls import include, path, re_path

    from .errors.handlers import unknown_path

    patterns: list = []
    for family in all_families():
        if not family.prefix or not family.urls:
            continue
        patterns.append(path(f"{family.prefix}/", include(family.urls)))
        if family.catch_all_404:
            # [\s\S]: an encoded %0A in the path must not slip past to HTML.
            patterns.append(
                re_path(
                    rf"^{family.prefix}(?:/[\s\S]*)?$",
                    unknown_path,
                    name=f"{family.label}-unknown-path",
                )
            )
    return patterns


def catch_all_patterns() -> list:
    """The catch-all family's URLconf (the mock engine), mounted last."""
    from django.urls import include, path

    return [
        path("", include(family.urls))
        for family in all_families()
        if not family.prefix and family.urls
    ]


def seeders() -> dict[str, Callable[..., Any]]:
    return {f.label: f.load("seeder") for f in all_families() if f.seeder}
