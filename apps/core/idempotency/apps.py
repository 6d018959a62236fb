from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdempotencyConfig(AppConfig):
    """Its own app (label ``idempotency``) so its table and migrations stay
    apart from the rest of apps/core."""

    name = "apps.core.idempotency"
    label = "idempotency"
    verbose_name = _("Idempotency keys")
