"""The journal's one table: a request and its response, for every family."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JournalEntry(models.Model):
    """One call to any API family (the mock engine, the management API,
    Amazon …). Append-only and written by COPY in batches, which is why it is
    a plain BigAutoField table rather than a BaseModel."""

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    family = models.CharField(_("API family"), max_length=40, blank=True, db_index=True)
    operation = models.CharField(
        _("operation"), max_length=120, blank=True, db_index=True
    )
    # Who called: "seller:A1B2…", "user:<id>", "anonymous" — never a secret.
    principal = models.CharField(_("principal"), max_length=200, blank=True)
    # What the call was tagged with: "chaos", "chaos:timeout", "test" …
    tags = models.JSONField(_("tags"), default=list, blank=True)
    # An agent-training episode the call belongs to (X-Episode-Id), if any.
    episode = models.CharField(_("episode"), max_length=64, blank=True, db_index=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    group_slug = models.CharField(_("group"), max_length=50, db_index=True, blank=True)
    group_id = models.UUIDField(_("group id"), null=True, blank=True)
    endpoint_id = models.UUIDField(
        _("endpoint id"), null=True, blank=True, db_index=True
    )
    endpoint_name = models.CharField(_("endpoint"), max_length=120, blank=True)
    method = models.CharField(_("method"), max_length=10)
    # Below the group for the mock engine (/orders/1), the whole path otherwise.
    path = models.CharField(_("path"), max_length=2000)
    query = models.JSONField(_("query"), default=dict, blank=True)
    request_headers = models.JSONField(_("request headers"), default=dict, blank=True)
    request_body = models.TextField(_("request body"), blank=True)
    request_body_truncated = models.BooleanField(
        _("request body truncated"), default=False
    )
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    response_headers = models.JSONField(_("response headers"), default=dict, blank=True)
    response_body = models.TextField(_("response body"), blank=True)
    response_body_truncated = models.BooleanField(
        _("response body truncated"), default=False
    )
    latency_ms = models.FloatField(_("latency (ms)"), default=0)
    chaos = models.BooleanField(_("chaos twin"), default=False)
    chaos_fault = models.CharField(
        _("chaos fault"), max_length=40, blank=True, db_index=True
    )
    validation_errors = models.JSONField(
        _("validation failures"), default=list, blank=True
    )
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)

    class Meta:
        app_label = "core"
        db_table = "core_journalentry"
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["group_slug", "created_at"], name="mocks_journal_group_time"
            ),
            models.Index(
                fields=["family", "operation", "created_at"],
                name="journal_family_op_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.full_path} → {self.status}"

    @property
    def full_path(self) -> str:
        """The path as the client sent it."""
        return f"/{self.group_slug}{self.path}" if self.group_slug else self.path

    def as_record(self) -> dict[str, Any]:
        """One request/response pair, the JSONL export line."""
        return {
            "id": self.id,
            "time": self.created_at.isoformat(),
            "family": self.family or None,
            "operation": self.operation or None,
            "principal": self.principal or None,
            "tags": self.tags,
            "episode": self.episode or None,
            "request_id": self.request_id or None,
            "group": self.group_slug,
            "endpoint_id": str(self.endpoint_id) if self.endpoint_id else None,
            "endpoint": self.endpoint_name,
            "request": {
                "method": self.method,
                "path": self.path,
                "query": self.query,
                "headers": self.request_headers,
                "body": self.request_body,
                "body_truncated": self.request_body_truncated,
            },
            "response": {
                "status": self.status,
                "headers": self.response_headers,
                "body": self.response_body,
                "body_truncated": self.response_body_truncated,
            },
            "latency_ms": self.latency_ms,
            "chaos": self.chaos,
            "chaos_fault": self.chaos_fault or None,
            "validation_errors": self.validation_errors,
            "seed": self.seed,
        }
