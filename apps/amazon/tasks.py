"""Celery tasks: thin wrappers over services, idempotent and safe to retry."""

from celery import shared_task
from django.db import OperationalError

from apps.amazon.services.reports import report_process
from apps.amazon.services.schedules import report_schedules_run_due


@shared_task(
    name="amazon.process_report",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def process_report(report_pk: str) -> str | None:
    report = report_process(report_pk=report_pk)
    return report.processing_status if report else None


@shared_task(name="amazon.run_report_schedules", autoretry_for=(OperationalError,))
def run_report_schedules() -> int:
    """Create the reports of every due report schedule; beat runs it every minute."""
    return report_schedules_run_due()
