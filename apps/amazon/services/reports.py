"""Reports: create, cancel and process (IN_QUEUE → IN_PROGRESS → DONE/FATAL/CANCELLED)."""

import gzip
import logging
import random
import secrets
import string
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
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


def report_process(*, report_pk: str) -> Report | None:
    """Run one report; safe to retry (terminal reports are left alone)."""
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
            return report
        report.processing_status = Report.Status.IN_PROGRESS
        report.processing_start_time = timezone.now()
        report.save(
            update_fields=["processing_status", "processing_start_time", "updated_at"]
        )

    generator = GENERATORS.get(report.report_type)
    foreign = sorted(set(report.marketplace_ids) - set(report.seller.marketplace_ids))
    with transaction.atomic():
        if generator is None:
            document = _store_document(
                report,
                error_document(
                    report,
                    f"Report type {report.report_type} is not supported by this mock.",
                ),
            )
            _finish(report, Report.Status.FATAL, document)
            return report
        if foreign:
            document = _store_document(
                report,
                error_document(
                    report,
                    f"The seller is not registered in marketplace(s) {', '.join(foreign)}.",
                ),
            )
            _finish(report, Report.Status.FATAL, document)
            return report
        try:
            rows = generator(report)
        except Exception:
            logger.exception("Report %s failed", report.report_id)
            document = _store_document(
                report, error_document(report, "Internal failure.")
            )
            _finish(report, Report.Status.FATAL, document)
            return report
        if rows is None:
            _finish(report, Report.Status.CANCELLED, None)
            return report
        _finish(report, Report.Status.DONE, _store_document(report, to_tsv(rows)))
    return report


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
