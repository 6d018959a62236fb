"""Reports: create, cancel and process (IN_QUEUE → IN_PROGRESS → DONE/FATAL/CANCELLED)."""

import gzip
import logging
import random
import secrets
import string
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.amazon.documents import GENERATORS, WINDOWED_TYPES, error_document, to_tsv
from apps.amazon.models import Report, ReportDocument, Seller

logger = logging.getLogger("apps.amazon")
DOCUMENT_SALT = "amazon.report-document"


class ReportStateError(ValueError):
    pass


def _new_report_id() -> str:
    while True:
        candidate = str(random.SystemRandom().randrange(10**10, 10**11))
        if not Report.all_objects.filter(report_id=candidate).exists():
            return candidate


def _new_document_id(seller: Seller) -> str:
    tail = "".join(
        secrets.choice(string.ascii_uppercase + string.digits) for _ in range(14)
    )
    return f"amzn1.spdoc.1.4.{seller.region}.{uuid.uuid4()}.T{tail}.{secrets.randbelow(9000) + 1000}"


def report_create(
    *,
    seller: Seller,
    report_type: str,
    marketplace_ids: list[str],
    data_start_time: datetime | None = None,
    data_end_time: datetime | None = None,
    report_options: dict[str, str] | None = None,
    report_schedule_id: str = "",
) -> Report:
    now = timezone.now()
    end = data_end_time or now
    if data_start_time is None:
        start = end - timedelta(days=30) if report_type in WINDOWED_TYPES else end
    else:
        start = data_start_time
    report = Report.objects.create(
        seller=seller,
        report_id=_new_report_id(),
        report_type=report_type,
        marketplace_ids=marketplace_ids,
        data_start_time=start,
        data_end_time=end,
        report_options=report_options or {},
        created_time=now,
        report_schedule_id=report_schedule_id,
    )
    from apps.amazon.tasks import process_report

    transaction.on_commit(lambda: process_report.delay(str(report.pk)))
    return report


def report_cancel(*, report: Report) -> Report:
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.processing_status != Report.Status.IN_QUEUE:
            raise ReportStateError(
                "Only reports with processingStatus IN_QUEUE can be cancelled; "
                f"report {locked.report_id} is {locked.processing_status}."
            )
        locked.processing_status = Report.Status.CANCELLED
        locked.processing_end_time = timezone.now()
        locked.save(
            update_fields=["processing_status", "processing_end_time", "updated_at"]
        )
    return locked


def _store_document(report: Report, content: bytes) -> ReportDocument:
    compress = bool(settings.AMAZON_REPORT_GZIP)
    return ReportDocument.objects.create(
        seller=report.seller,
        document_id=_new_document_id(report.seller),
        content=gzip.compress(content, mtime=0) if compress else content,
        compression_algorithm="GZIP" if compress else "",
    )


def _finish(report: Report, status: str, document: ReportDocument | None) -> None:
    report.processing_status = status
    report.processing_end_time = timezone.now()
    report.document = document
    report.save(
        update_fields=[
            "processing_status",
            "processing_end_time",
            "document",
            "updated_at",
        ]
    )


def _fail(report: Report, reason: str) -> Report:
    """FATAL, with the reason in an error document as Amazon gives one."""
    _finish(
        report,
        Report.Status.FATAL,
        _store_document(report, error_document(report, reason)),
    )
    return report


def _claim(report_pk: str) -> tuple[Report | None, bool]:
    """Mark the report IN_PROGRESS for this attempt; (report, whether to run it)."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .select_related("seller")
            .filter(pk=report_pk)
            .first()
        )
        if report is None or report.processing_status not in {
            Report.Status.IN_QUEUE,
            Report.Status.IN_PROGRESS,  # a worker died mid-way: start over
        }:
            return report, False
        if report.processing_attempts >= reports_config().max_attempts:
            _fail(report, _gave_up(report))
            return report, False
        report.processing_status = Report.Status.IN_PROGRESS
        report.processing_start_time = timezone.now()
        report.processing_attempts += 1
        report.save(
            update_fields=[
                "processing_status",
                "processing_start_time",
                "processing_attempts",
                "updated_at",
            ]
        )
    return report, True


def _still_ours(report: Report) -> bool:
    """Lock the row for the rest of the run; False when another claim (a
    redelivery, the recovery task) superseded this one or it finished."""
    current = (
        Report.objects.select_for_update()
        .filter(pk=report.pk)
        .values_list("processing_status", "processing_attempts")
        .first()
    )
    return current == (Report.Status.IN_PROGRESS, report.processing_attempts)


def _gave_up(report: Report) -> str:
    return (
        f"Processing was interrupted {report.processing_attempts} time(s) "
        "(worker lost); giving up."
    )


def report_process(*, report_pk: str) -> Report | None:
    """Run one report; safe to retry (terminal reports are left alone)."""
    report, run = _claim(report_pk)
    if not run:
        return report
    generator = GENERATORS.get(report.report_type)
    foreign = sorted(set(report.marketplace_ids) - set(report.seller.marketplace_ids))
    with transaction.atomic():
        if not _still_ours(report):
            return Report.objects.filter(pk=report.pk).first()
        if generator is None:
            return _fail(
                report,
                f"Report type {report.report_type} is not supported by this mock.",
            )
        if foreign:
            return _fail(
                report,
                f"The seller is not registered in marketplace(s) {', '.join(foreign)}.",
            )
        try:
            rows = generator(report)
        except Exception:
            logger.exception("Report %s failed", report.report_id)
            return _fail(report, "Internal failure.")
        if rows is None:
            _finish(report, Report.Status.CANCELLED, None)
            return report
        _finish(report, Report.Status.DONE, _store_document(report, to_tsv(rows)))
    return report


@dataclass(frozen=True)
class ReportsConfig:
    stuck_after: timedelta
    max_attempts: int


def reports_config() -> ReportsConfig:
    return ReportsConfig(
        stuck_after=timedelta(seconds=settings.AMAZON_REPORT_STUCK_SECONDS),
        max_attempts=settings.AMAZON_REPORT_MAX_ATTEMPTS,
    )


RECOVERY_BATCH = 200


def reports_recover_stuck(*, now: datetime | None = None) -> int:
    """Re-queue reports no worker is processing past the deadline; FATAL for
    those out of attempts. Beat runs it; returns how many it touched.

    Redis redelivers an unacknowledged task only after the broker's visibility
    timeout, and a message lost with the broker (or never sent: the broker was
    down at createReport) never comes back; this bounds both. A report a live
    worker is generating is row-locked and skipped.
    """
    config = reports_config()
    cutoff = (now or timezone.now()) - config.stuck_after
    from apps.amazon.tasks import process_report

    with transaction.atomic():
        stuck = list(
            Report.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("seller")
            .filter(
                Q(
                    processing_status=Report.Status.IN_PROGRESS,
                    processing_start_time__lt=cutoff,
                )
                | Q(processing_status=Report.Status.IN_QUEUE, updated_at__lt=cutoff)
            )
            .order_by("created_time")[:RECOVERY_BATCH]
        )
        for report in stuck:
            if report.processing_attempts >= config.max_attempts:
                logger.warning("Report %s: %s", report.report_id, _gave_up(report))
                _fail(report, _gave_up(report))
                continue
            logger.warning("Report %s stuck; re-queued", report.report_id)
            # Back IN_QUEUE with a fresh updated_at: one re-queue per deadline.
            report.processing_status = Report.Status.IN_QUEUE
            report.processing_start_time = None
            report.save(
                update_fields=[
                    "processing_status",
                    "processing_start_time",
                    "updated_at",
                ]
            )
            pk = str(report.pk)
            transaction.on_commit(lambda pk=pk: process_report.delay(pk))
    return len(stuck)


def document_url_token(document: ReportDocument, *, content_encoding: bool) -> str:
    return signing.dumps(
        {"d": document.document_id, "e": int(content_encoding)}, salt=DOCUMENT_SALT
    )


def document_from_token(token: str) -> tuple[ReportDocument | None, bool]:
    """The document a signed link names, and whether to send Content-Encoding.

    Raises signing.SignatureExpired / BadSignature for stale or forged links.
    """
    data = signing.loads(
        token, salt=DOCUMENT_SALT, max_age=settings.AMAZON_DOCUMENT_URL_TTL
    )
    document = ReportDocument.objects.filter(document_id=data["d"]).first()
    return document, bool(data.get("e"))
