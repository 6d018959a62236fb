from celery import shared_task

from .services import prune_expired


@shared_task(name="apps.core.idempotency.tasks.prune_idempotency_keys")
def prune_idempotency_keys() -> int:
    """Delete expired keys; beat runs it hourly (CELERY_BEAT_SCHEDULE)."""
    return prune_expired()
