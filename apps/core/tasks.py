"""Celery tasks of the kit: thin, idempotent, safe to retry."""

from celery import shared_task

from .journal import journal_prune


@shared_task(name="apps.core.tasks.prune_journal")
def prune_journal(max_age_days: int | None = None, max_rows: int | None = None) -> int:
    """Apply journal retention (age and count); beat runs it hourly."""
    return journal_prune(max_age_days=max_age_days, max_rows=max_rows)
