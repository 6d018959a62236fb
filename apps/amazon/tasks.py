"""Celery tasks: thin wrappers over services, idempotent and safe to retry."""

from celery import shared_task
from django.db import OperationalError

from apps.amazon.services.reports import report_process, reports_recover_stuck
from apps.amazon.services.schedules import report_schedules_run_due


@shared_task(
    name="amazon.process_report",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    # Acknowledged only once processed, and re-queued when the worker process
    # dies under it (a SIGKILLed pool child); a worker lost whole is covered by
    # the broker's visibility timeout and, sooner, by recover_stuck_reports.
    acks_late=True,
    reject_on_worker_lost=True,
)
def process_report(report_pk: str) -> str | None:
    report = report_process(report_pk=report_pk)
    return report.processing_status if report else None


@shared_task(name="amazon.run_report_schedules", autoretry_for=(OperationalError,))
def run_report_schedules() -> int:
    """Create the reports of every due report schedule; beat runs it every minute."""
    return report_schedules_run_due()


@shared_task(name="amazon.recover_stuck_reports", autoretry_for=(OperationalError,))
def recover_stuck_reports() -> int:
    """Re-queue (or fail) reports stuck past AMAZON_REPORT_STUCK_SECONDS; beat
    runs it every AMAZON_REPORT_RECOVERY_INTERVAL seconds."""
    return reports_recover_stuck()
