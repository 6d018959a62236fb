"""Template context every portal page needs: the sidebar's groups, contact."""

from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from apps.mocks import selectors


def _nav_groups() -> list:
    return list(
        selectors.group_list()
        .annotate(
            endpoint_count=Count("endpoints", filter=Q(endpoints__deleted_at=None))
        )
        .order_by("name")
    )


def google_enabled() -> bool:
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("google", {}).get("APPS") or []
    return bool(apps)


def portal(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        # Lazy: pages that never show the sidebar (sign-in) never query.
        "nav_groups": SimpleLazyObject(_nav_groups) if signed_in else [],
        "support_email": getattr(
            settings, "PORTAL_SUPPORT_EMAIL", "support@example.com"
        ),
        "google_login_enabled": google_enabled(),
    }
