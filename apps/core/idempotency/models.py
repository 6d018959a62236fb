from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class IdempotencyKey(BaseModel):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")

    scope = models.CharField(_("scope"), max_length=100)
    principal = models.CharField(_("principal"), max_length=200)
    key = models.CharField(_("key"), max_length=255)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    locked_at = models.DateTimeField(_("locked at"))
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            # Plain (not partial) unique: concurrent claims of one key must
            # serialize on this index whatever state the row is in.
            models.UniqueConstraint(
                fields=["scope", "principal", "key"], name="idempotency_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
