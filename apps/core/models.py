"""The abstract base every table derives from: UUID key, timestamps, soft delete.

Soft delete keeps rows for QA to inspect and restore. ``objects`` sees live rows
only, ``all_objects`` sees every row. A model names the children that follow it
into the bin with ``soft_delete_children()``; ``restore()`` brings back exactly the
children that the same delete took with it (those stamped with the same time),
not ones that had been deleted on their own before.
"""

import time
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self) -> "SoftDeleteQuerySet":
        return self.filter(deleted_at__isnull=True)

    def dead(self) -> "SoftDeleteQuerySet":
        return self.filter(deleted_at__isnull=False)

    def delete(self) -> tuple[int, dict[str, int]]:
        """Soft-delete every row, cascading through each row's children."""
        count = 0
        with transaction.atomic():
            for obj in self.alive():
                obj.delete()
                count += 1
        return count, {self.model._meta.label: count}

    delete.queryset_only = True  # type: ignore[attr-defined]

    def hard_delete(self) -> tuple[int, dict[str, int]]:
        return super().delete()

    def restore(self) -> int:
        count = 0
        with transaction.atomic():
            for obj in self.dead():
                obj.restore()
                count += 1
        return count


class SoftDeleteManager(models.Manager.from_queryset(SoftDeleteQuerySet)):
    def __init__(self, *, alive_only: bool = True) -> None:
        super().__init__()
        self.alive_only = alive_only

    def get_queryset(self) -> SoftDeleteQuerySet:
        qs = super().get_queryset()
        return qs.filter(deleted_at__isnull=True) if self.alive_only else qs


class BaseModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    deleted_at = models.DateTimeField(
        _("deleted at"), null=True, blank=True, editable=False, db_index=True
    )
    created_at_epoch = models.BigIntegerField(
        _("created at (epoch seconds)"), editable=False, default=0
    )

    objects = SoftDeleteManager()
    all_objects = SoftDeleteManager(alive_only=False)

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        # Related lookups (endpoint.group) must still reach a soft-deleted parent.
        base_manager_name = "all_objects"

    def save(self, *args, **kwargs) -> None:
        if not self.created_at_epoch:
            self.created_at_epoch = int(time.time())
        super().save(*args, **kwargs)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    # Constraint violation codes whose error belongs to a field rather than to
    # the whole row (e.g. a duplicate method+path is reported on "path").
    constraint_error_fields: dict[str, str] = {}

    def validate_constraints(self, exclude=None) -> None:
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            errors: dict[str, list] = {}
            for field, field_errors in exc.error_dict.items():
                for error in field_errors:
                    target = self.constraint_error_fields.get(error.code, field)
                    errors.setdefault(target, []).append(error)
            raise ValidationError(errors) from exc

    def soft_delete_children(self) -> Iterable[models.QuerySet]:
        """Querysets (over all rows) of the children that follow this row."""
        return ()

    def delete(self, using=None, keep_parents=False, *, at=None):
        if self.deleted_at is not None:
            return 0, {}
        at = at or timezone.now()
        with transaction.atomic():
            self.deleted_at = at
            self.save(update_fields=["deleted_at", "updated_at"])
            for children in self.soft_delete_children():
                for child in children.filter(deleted_at__isnull=True):
                    child.delete(at=at)
        return 1, {self._meta.label: 1}

    def restore(self) -> None:
        if self.deleted_at is None:
            return
        stamp = self.deleted_at
        self.deleted_at = None
        try:
            # Refuse a restore that would clash with a live row created
            # meanwhile (same slug, same method and path).
            self.validate_constraints()
        except Exception:
            self.deleted_at = stamp
            raise
        with transaction.atomic():
            self.save(update_fields=["deleted_at", "updated_at"])
            for children in self.soft_delete_children():
                for child in children.filter(deleted_at=stamp):
                    child.restore()

    def hard_delete(self):
        return super().delete()


from .journal.models import JournalEntry  # noqa: E402, F401  (the request journal)
