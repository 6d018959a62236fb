"""recover_stuck_reports: reports a lost worker left behind are re-queued, or
FATAL with a reason once out of attempts; live and fresh reports are left alone.
(tests/hardening/test_ops_faults.py kills a real worker for the end-to-end case.)
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.amazon import factories
from apps.amazon.models import Report
from apps.amazon.services.reports import report_process, reports_recover_stuck

US = "ATVPDKIKX0DER"


@pytest.fixture(autouse=True)
def _deadline(settings):
    settings.AMAZON_REPORT_STUCK_SECONDS = 60
    settings.AMAZON_REPORT_MAX_ATTEMPTS = 2


@pytest.fixture
def seller(db):
    seller = factories.SellerFactory(marketplace_ids=[US])
    factories.ListingFactory(seller=seller, sku="R-1", marketplace_id=US)
    return seller


def stuck_report(seller, *, attempts: int, minutes_ago: int = 5) -> Report:
    return factories.ReportFactory(
        seller=seller,
        processing_status=Report.Status.IN_PROGRESS,
        processing_start_time=timezone.now() - timedelta(minutes=minutes_ago),
        processing_attempts=attempts,
    )


def test_stuck_report_is_requeued_and_then_processed(
    seller, django_capture_on_commit_callbacks
):
    report = stuck_report(seller, attempts=1)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert reports_recover_stuck() == 1
    assert len(callbacks) == 1  # the re-queued task, run eagerly
    report.refresh_from_db()
    assert report.processing_status == Report.Status.DONE
    assert report.processing_attempts == 2
    assert b"R-1" in bytes(report.document.content)


def test_report_out_of_attempts_ends_fatal_with_a_reason(seller):
    report = stuck_report(seller, attempts=2)
    assert reports_recover_stuck() == 1
    report.refresh_from_db()
    assert report.processing_status == Report.Status.FATAL
    assert b"interrupted 2 time(s)" in bytes(report.document.content)


def test_redelivered_task_of_a_report_out_of_attempts_fails_it(seller):
    report = stuck_report(seller, attempts=2, minutes_ago=0)
    report_process(report_pk=str(report.pk))
    report.refresh_from_db()
    assert report.processing_status == Report.Status.FATAL


def test_report_claimed_recently_is_left_alone(seller):
    report = stuck_report(seller, attempts=1, minutes_ago=0)
    assert reports_recover_stuck() == 0
    report.refresh_from_db()
    assert report.processing_status == Report.Status.IN_PROGRESS


def test_queued_report_whose_task_was_lost_is_requeued(
    seller, django_capture_on_commit_callbacks
):
    report = factories.ReportFactory(seller=seller)
    Report.objects.filter(pk=report.pk).update(
        updated_at=timezone.now() - timedelta(minutes=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reports_recover_stuck() == 1
    report.refresh_from_db()
    assert report.processing_status == Report.Status.DONE


def test_superseded_claim_writes_nothing(seller, monkeypatch):
    """A worker whose claim was taken over (recovery re-queued the report and
    another worker claimed it) must not overwrite that worker's outcome."""
    from apps.amazon.services import reports

    report = factories.ReportFactory(seller=seller)
    real_claim = reports._claim

    def claim_then_superseded(pk):
        claimed, run = real_claim(pk)
        Report.objects.filter(pk=pk).update(processing_attempts=9)
        return claimed, run

    monkeypatch.setattr(reports, "_claim", claim_then_superseded)
    report_process(report_pk=str(report.pk))
    report.refresh_from_db()
    assert report.processing_status == Report.Status.IN_PROGRESS
    assert report.document is None
