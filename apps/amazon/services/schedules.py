"""Report schedules: create (replacing the live one for the same report type and
marketplaces, as Amazon's model says), cancel, and the beat-driven run that turns
every due schedule into a report. Reads are in ``apps.amazon.selectors``.
"""

import calendar
import logging
import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from apps.amazon.models import ReportSchedule, Seller, marketplace_key
from apps.amazon.services.reports import report_create

logger = logging.getLogger("apps.amazon")

FIXED_PERIODS: dict[str, timedelta] = {
    "PT5M": timedelta(minutes=5),
    "PT15M": timedelta(minutes=15),
    "PT30M": timedelta(minutes=30),
    "PT1H": timedelta(hours=1),
    "PT2H": timedelta(hours=2),
    "PT4H": timedelta(hours=4),
    "PT8H": timedelta(hours=8),
    "PT12H": timedelta(hours=12),
    "P1D": timedelta(days=1),
    "P2D": timedelta(days=2),
    "P3D": timedelta(days=3),
    "PT84H": timedelta(hours=84),
    "P7D": timedelta(days=7),
    "P14D": timedelta(days=14),
    "P15D": timedelta(days=15),
    "P18D": timedelta(days=18),
    "P30D": timedelta(days=30),
}
CALENDAR_MONTHS = {"P1M": 1}
assert set(FIXED_PERIODS) | set(CALENDAR_MONTHS) == set(ReportSchedule.PERIODS)


def _add_months(value: datetime, months: int) -> datetime:
    """Calendar months; the day is clamped (Jan 31 + 1 month = Feb 28/29)."""
    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    day = min(value.day, calendar.monthrange(year, month)[1])
    return value.replace(year=year, month=month, day=day)


def period_shift(value: datetime, period: str, times: int = 1) -> datetime:
    """``value`` moved by ``times`` periods (negative: back in time)."""
    if period in CALENDAR_MONTHS:
        return _add_months(value, CALENDAR_MONTHS[period] * times)
    return value + FIXED_PERIODS[period] * times


def latest_slot(first: datetime, period: str, now: datetime) -> datetime:
    """The last creation time ≤ ``now`` in the series first, first+period, …

    Requires ``first <= now``. Missed slots are skipped, not back-filled.
    """
    if period in FIXED_PERIODS:
        return first + FIXED_PERIODS[period] * ((now - first) // FIXED_PERIODS[period])
    slot = first
    while (following := period_shift(slot, period)) <= now:
        slot = following
    return slot


def _new_schedule_id() -> str:
    while True:
        candidate = str(random.SystemRandom().randrange(10**10, 10**11))
        if not ReportSchedule.all_objects.filter(report_schedule_id=candidate).exists():
            return candidate


# --- writes -------------------------------------------------------------------------


def report_schedule_create(
    *,
    seller: Seller,
    report_type: str,
    marketplace_ids: list[str],
    period: str,
    next_report_creation_time: datetime | None = None,
    report_options: dict[str, str] | None = None,
) -> ReportSchedule:
    """A new schedule; a live one for the same report type and marketplaces (in
    any order) is cancelled and replaced, so the caller gets a new id."""
    if period not in ReportSchedule.PERIODS:
        raise ValueError(f"Unknown period {period!r}.")
    with transaction.atomic():
        # One writer per seller at a time, so two concurrent creates for the
        # same key cannot both pass the replace step.
        Seller.all_objects.select_for_update().filter(pk=seller.pk).first()
        existing = ReportSchedule.objects.filter(
            seller=seller,
            report_type=report_type,
            marketplace_key=marketplace_key(marketplace_ids),
        )
        for old in existing:
            old.delete()
        return ReportSchedule.objects.create(
            seller=seller,
            report_schedule_id=_new_schedule_id(),
            report_type=report_type,
            marketplace_ids=list(marketplace_ids),
            report_options=report_options or {},
            period=period,
            next_report_creation_time=next_report_creation_time or timezone.now(),
        )


def report_schedule_cancel(*, schedule: ReportSchedule) -> None:
    """Cancelled schedules stop creating reports and answer 404 (soft delete)."""
    schedule.delete()


def report_schedule_run(*, schedule_pk: str, now: datetime | None = None) -> str | None:
    """Create the report of one due schedule and move it to its next slot.

    Safe to retry: the row is locked and re-checked, and the report and the new
    ``next_report_creation_time`` are committed together. One report per run
    however many slots were missed; its data window is the period before the
    slot (scheduled reports cover their interval, as on Amazon).
    Returns the new report's id, or None when the schedule was not due.
    """
    now = now or timezone.now()
    with transaction.atomic():
        schedule = (
            ReportSchedule.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                pk=schedule_pk,
                next_report_creation_time__lte=now,
                seller__deleted_at__isnull=True,
            )
            .first()
        )
        if schedule is None:
            return None
        slot = latest_slot(schedule.next_report_creation_time, schedule.period, now)
        report = report_create(
            seller=schedule.seller,
            report_type=schedule.report_type,
            marketplace_ids=list(schedule.marketplace_ids),
            data_start_time=period_shift(slot, schedule.period, -1),
            data_end_time=slot,
            report_options=dict(schedule.report_options or {}),
            report_schedule_id=schedule.report_schedule_id,
        )
        schedule.next_report_creation_time = period_shift(slot, schedule.period)
        schedule.save(update_fields=["next_report_creation_time", "updated_at"])
    return report.report_id


def report_schedules_run_due(*, now: datetime | None = None) -> int:
    """Run every due schedule (each in its own transaction); returns the number
    of reports created."""
    now = now or timezone.now()
    due = ReportSchedule.objects.filter(
        next_report_creation_time__lte=now, seller__deleted_at__isnull=True
    ).values_list("pk", flat=True)
    created = 0
    for pk in list(due):
        try:
            if report_schedule_run(schedule_pk=str(pk), now=now) is not None:
                created += 1
        except Exception:
            # One broken schedule must not starve the others; beat retries it
            # on its next tick because its time did not move.
            logger.exception("Report schedule %s failed", pk)
    return created
