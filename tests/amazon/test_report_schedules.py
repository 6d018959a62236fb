"""Report schedules (Reports API 2021-06-30): getReportSchedules,
createReportSchedule, getReportSchedule, cancelReportSchedule, and the beat task
that turns due schedules into reports."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from apps.amazon import factories
from apps.amazon.models import AccessToken, Report, ReportSchedule
from apps.amazon.services.lwa import token_exchange
from apps.amazon.services.schedules import latest_slot, period_shift
from apps.amazon.services.seeding import reset_amazon
from apps.amazon.tasks import run_report_schedules
from tests.amazon.conftest import SpApiClient, assert_envelope
from tests.amazon.schemas import REPORTS, assert_response_valid, assert_valid
from tests.amazon.schemas import definition_schema as definition

BASE = "/amazon/reports/2021-06-30"
SCHEDULES = f"{BASE}/schedules"
LIST_PATH = "/reports/2021-06-30/schedules"
ITEM_PATH = "/reports/2021-06-30/schedules/{reportScheduleId}"
US = "ATVPDKIKX0DER"
CA = "A2EUQ1WTGCTBG2"
LISTINGS = "GET_MERCHANT_LISTINGS_ALL_DATA"
ORDERS = "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"


def spec(**overrides) -> dict:
    body = {"reportType": LISTINGS, "marketplaceIds": [US], "period": "P1D"}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def create(api, **overrides) -> str:
    response = api.post(SCHEDULES, spec(**overrides))
    assert response.status_code == 201, response.content
    return response.json()["reportScheduleId"]


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def due_schedule(seller, *, ago: timedelta, period: str = "PT1H", **fields):
    return factories.ReportScheduleFactory(
        seller=seller,
        period=period,
        next_report_creation_time=timezone.now() - ago,
        **fields,
    )


# --- createReportSchedule ------------------------------------------------------------


def test_create_is_201_with_schedule_id_and_validates(api, seller):
    response = api.post(
        SCHEDULES, spec(nextReportCreationTime="2030-03-10T20:11:24.000Z")
    )
    assert response.status_code == 201
    assert_response_valid(REPORTS, LIST_PATH, "post", response)
    schedule_id = response.json()["reportScheduleId"]
    assert schedule_id.isdigit() and len(schedule_id) == 11
    assert response["x-amzn-RateLimit-Limit"] == "0.0222"
    assert ReportSchedule.objects.get(report_schedule_id=schedule_id).seller == seller


def test_get_returns_the_created_schedule_and_validates(api, seller):
    schedule_id = create(
        api,
        marketplaceIds=[US, CA, US],
        period="PT84H",
        reportOptions={"custom": "true"},
        nextReportCreationTime="2030-03-10T17:11:24-03:00",
    )
    response = api.get(f"{SCHEDULES}/{schedule_id}")
    assert response.status_code == 200
    assert_response_valid(REPORTS, ITEM_PATH, "get", response)
    body = response.json()
    assert body == {
        "reportScheduleId": schedule_id,
        "reportType": LISTINGS,
        "marketplaceIds": [US, CA],
        "reportOptions": {"custom": "true"},
        "period": "PT84H",
        "nextReportCreationTime": "2030-03-10T20:11:24+00:00",
    }
    assert response["x-amzn-RateLimit-Limit"] == "0.0222"


def test_next_report_creation_time_defaults_to_now(api, seller):
    before = timezone.now().replace(microsecond=0)
    schedule_id = create(api)
    body = api.get(f"{SCHEDULES}/{schedule_id}").json()
    assert before <= when(body["nextReportCreationTime"]) <= timezone.now()
    assert "reportOptions" not in body


def test_create_for_same_type_and_marketplaces_replaces_the_schedule(api, seller):
    old_id = create(api, marketplaceIds=[US, CA], period="P1D")
    new_id = create(api, marketplaceIds=[CA, US], period="PT12H")
    assert new_id != old_id
    assert_envelope(api.get(f"{SCHEDULES}/{old_id}"), 404, "NotFound")
    body = api.get(SCHEDULES, {"reportTypes": LISTINGS}).json()
    assert [(s["reportScheduleId"], s["period"]) for s in body["reportSchedules"]] == [
        (new_id, "PT12H")
    ]
    # The replaced schedule is cancelled (kept in the bin), not rewritten.
    old = ReportSchedule.all_objects.get(report_schedule_id=old_id)
    assert old.deleted_at is not None and old.period == "P1D"


def test_other_marketplaces_or_types_do_not_replace(api, seller):
    ids = {
        create(api, marketplaceIds=[US]),
        create(api, marketplaceIds=[US, CA]),
        create(api, reportType=ORDERS, marketplaceIds=[US]),
    }
    body = api.get(SCHEDULES, {"reportTypes": f"{LISTINGS},{ORDERS}"}).json()
    assert {s["reportScheduleId"] for s in body["reportSchedules"]} == ids
    assert len(ids) == 3


def test_another_sellers_schedule_is_not_replaced(api, other_api, seller):
    mine = create(api)
    theirs = create(other_api)
    assert api.get(f"{SCHEDULES}/{mine}").status_code == 200
    assert other_api.get(f"{SCHEDULES}/{theirs}").status_code == 200


def test_well_formed_unsupported_report_type_is_accepted_like_create_report(
    api, seller
):
    # createReport accepts any well-formed type and ends it FATAL; so do schedules.
    schedule_id = create(api, reportType="GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE")
    assert api.get(f"{SCHEDULES}/{schedule_id}").status_code == 200


TOO_MANY_MARKETPLACES = [f"A{i:02d}" for i in range(26)]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(spec(reportType=None), id="missing-reportType"),
        pytest.param(spec(reportType=""), id="empty-reportType"),
        pytest.param(spec(reportType="bad type!"), id="malformed-reportType"),
        pytest.param(spec(reportType=42), id="numeric-reportType"),
        pytest.param(spec(period=None), id="missing-period"),
        pytest.param(spec(period="PT10M"), id="period-not-in-enum"),
        pytest.param(spec(period="P1W"), id="period-week"),
        pytest.param(spec(period="p1d"), id="period-lowercase"),
        pytest.param(spec(period=86400), id="period-number"),
        pytest.param(spec(marketplaceIds=None), id="missing-marketplaceIds"),
        pytest.param(spec(marketplaceIds=[]), id="empty-marketplaceIds"),
        pytest.param(spec(marketplaceIds=["BOGUS"]), id="unknown-marketplace"),
        pytest.param(spec(marketplaceIds=[US, 7]), id="non-string-marketplace"),
        pytest.param(
            spec(marketplaceIds=TOO_MANY_MARKETPLACES), id="26-marketplaceIds"
        ),
        pytest.param(spec(nextReportCreationTime="nope"), id="time-not-iso"),
        pytest.param(
            spec(nextReportCreationTime="2030-13-01T00:00:00Z"), id="time-month-13"
        ),
        pytest.param(spec(nextReportCreationTime=1893456000), id="time-number"),
        pytest.param(spec(reportOptions={"a": 1}), id="option-not-string"),
        pytest.param(spec(reportOptions=["a"]), id="options-not-object"),
        pytest.param([spec()], id="body-is-a-list"),
        pytest.param("PT5M", id="body-is-a-string"),
    ],
)
def test_invalid_create_is_400_and_creates_nothing(api, seller, body):
    response = api.post(SCHEDULES, json.dumps(body))
    assert_envelope(response, 400, "InvalidInput")
    assert response["x-amzn-RateLimit-Limit"] == "0.0222"
    assert not ReportSchedule.all_objects.exists()


def test_invalid_create_does_not_cancel_the_existing_schedule(api, seller):
    schedule_id = create(api)
    assert_envelope(api.post(SCHEDULES, spec(period="PT10M")), 400, "InvalidInput")
    assert api.get(f"{SCHEDULES}/{schedule_id}").status_code == 200


def test_create_with_form_body_is_415_and_creates_nothing(api, seller):
    response = api.post(
        SCHEDULES,
        "reportType=X&period=P1D",
        content_type="application/x-www-form-urlencoded",
    )
    assert_envelope(response, 415)
    assert not ReportSchedule.all_objects.exists()


def test_bad_period_error_names_the_allowed_values(api, seller):
    body = assert_envelope(api.post(SCHEDULES, spec(period="PT10M")), 400)
    assert "PT10M" in body["errors"][0]["details"]
    assert "PT5M" in body["errors"][0]["details"]


# --- getReportSchedules ------------------------------------------------------------------


def test_list_filters_by_report_types_and_validates(api, seller):
    listings = create(api)
    orders = create(api, reportType=ORDERS)
    response = api.get(SCHEDULES, {"reportTypes": LISTINGS})
    assert response.status_code == 200
    assert_response_valid(REPORTS, LIST_PATH, "get", response)
    assert [s["reportScheduleId"] for s in response.json()["reportSchedules"]] == [
        listings
    ]
    both = api.get(SCHEDULES, {"reportTypes": [LISTINGS, ORDERS]}).json()
    assert {s["reportScheduleId"] for s in both["reportSchedules"]} == {
        listings,
        orders,
    }
    assert response["x-amzn-RateLimit-Limit"] == "0.0222"


def test_list_with_no_match_is_an_empty_list(api, seller):
    create(api)
    response = api.get(SCHEDULES, {"reportTypes": ORDERS})
    assert response.status_code == 200
    assert response.json() == {"reportSchedules": []}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"reportTypes": ""},
        {"marketplaceIds": US},
        {"reportTypes": ",".join(f"T{i}" for i in range(11))},
    ],
    ids=["none", "empty", "only-marketplaces", "eleven-types"],
)
def test_list_requires_one_to_ten_report_types(api, seller, params):
    assert_envelope(api.get(SCHEDULES, params), 400, "InvalidInput")


def test_list_tolerates_python_client_marketplace_keys(api, seller):
    schedule_id = create(api)
    params = {
        "reportTypes": LISTINGS,
        "MarketplaceId": US,
        "MarketplaceIds": US,
        "marketplace_ids": US,
        "marketplaceIds": US,
    }
    body = api.get(SCHEDULES, params).json()
    assert [s["reportScheduleId"] for s in body["reportSchedules"]] == [schedule_id]


# --- getReportSchedule / cancelReportSchedule ----------------------------------------------


def test_cancel_then_the_schedule_is_gone(api, seller):
    schedule_id = create(api)
    response = api.delete(f"{SCHEDULES}/{schedule_id}")
    assert response.status_code == 200
    assert response.content == b""
    assert response["x-amzn-RateLimit-Limit"] == "0.0222"
    assert_envelope(api.get(f"{SCHEDULES}/{schedule_id}"), 404, "NotFound")
    assert api.get(SCHEDULES, {"reportTypes": LISTINGS}).json() == {
        "reportSchedules": []
    }
    assert_envelope(api.delete(f"{SCHEDULES}/{schedule_id}"), 404, "NotFound")


def test_create_after_cancel_starts_a_new_schedule(api, seller):
    first = create(api)
    api.delete(f"{SCHEDULES}/{first}")
    second = create(api)
    assert second != first
    assert api.get(f"{SCHEDULES}/{second}").status_code == 200


def test_unknown_schedule_is_404(api, seller):
    for method in (api.get, api.delete):
        response = method(f"{SCHEDULES}/12345678901")
        body = assert_envelope(response, 404, "NotFound")
        assert "12345678901" in body["errors"][0]["details"]
        assert response["x-amzn-RateLimit-Limit"] == "0.0222"


def test_another_sellers_schedule_is_invisible_and_untouchable(api, other_api, seller):
    schedule_id = create(api)
    assert_envelope(other_api.get(f"{SCHEDULES}/{schedule_id}"), 404, "NotFound")
    assert_envelope(other_api.delete(f"{SCHEDULES}/{schedule_id}"), 404, "NotFound")
    listed = other_api.get(SCHEDULES, {"reportTypes": LISTINGS}).json()
    assert listed == {"reportSchedules": []}
    assert api.get(f"{SCHEDULES}/{schedule_id}").status_code == 200


# --- auth and usage plans ---------------------------------------------------------------


def test_missing_token_is_403_and_creates_nothing(anonymous_api):
    response = anonymous_api.post(SCHEDULES, spec())
    assert_envelope(response, 403, "Unauthorized")
    assert not response.has_header("x-amzn-RateLimit-Limit")
    assert not ReportSchedule.all_objects.exists()


def test_expired_token_is_refused(api, seller):
    schedule_id = create(api)
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    body = assert_envelope(api.get(f"{SCHEDULES}/{schedule_id}"), 403, "Unauthorized")
    assert "expired" in body["errors"][0]["details"]
    assert_envelope(api.post(SCHEDULES, spec(period="PT1H")), 403, "Unauthorized")
    assert_envelope(api.delete(f"{SCHEDULES}/{schedule_id}"), 403, "Unauthorized")
    assert ReportSchedule.objects.get().period == "P1D"


def test_token_this_mock_never_issued_is_refused(seller):
    foreign = SpApiClient("Atza|IQEBLjAsAhRmHjNgHpi0U-Dme37rR6CuUpSR-not-ours")
    assert_envelope(foreign.post(SCHEDULES, spec()), 403, "Unauthorized")
    assert_envelope(
        foreign.get(SCHEDULES, {"reportTypes": LISTINGS}), 403, "Unauthorized"
    )
    assert not ReportSchedule.all_objects.exists()


def test_grantless_token_is_refused(lwa_app, seller):
    token = token_exchange(
        grant_type="client_credentials",
        scope="sellingpartnerapi::notifications",
        client_id=lwa_app.client_id,
        client_secret=lwa_app.client_secret,
    ).access_token
    response = SpApiClient(token).post(SCHEDULES, spec())
    assert_envelope(response, 403, "Unauthorized")
    assert not ReportSchedule.all_objects.exists()


@pytest.mark.parametrize(
    ("method", "operation"),
    [
        ("list", "getReportSchedules"),
        ("create", "createReportSchedule"),
        ("get", "getReportSchedule"),
        ("cancel", "cancelReportSchedule"),
    ],
)
def test_each_operation_has_burst_10_then_429(api, seller, settings, method, operation):
    settings.AMAZON_RATE_LIMITS_ENABLED = True
    settings.AMAZON_RATE_LIMIT_SCALE = 1.0
    calls = {
        "list": lambda: api.get(SCHEDULES, {"reportTypes": LISTINGS}),
        "create": lambda: api.post(SCHEDULES, spec()),
        "get": lambda: api.get(f"{SCHEDULES}/12345678901"),
        "cancel": lambda: api.delete(f"{SCHEDULES}/12345678901"),
    }
    statuses = [calls[method]().status_code for _ in range(11)]
    assert 429 not in statuses[:10]
    assert statuses[10] == 429
    # The buckets are per operation: another schedule operation still answers.
    other = "get" if method != "get" else "list"
    assert calls[other]().status_code != 429


# --- the beat task -----------------------------------------------------------------------


def test_beat_task_creates_a_report_for_a_due_schedule_and_advances_it(api, seller):
    first = timezone.now().replace(microsecond=0) - timedelta(minutes=90)
    schedule = factories.ReportScheduleFactory(
        seller=seller,
        report_type=ORDERS,
        marketplace_ids=[US, CA],
        report_options={"custom": "true"},
        period="PT1H",
        next_report_creation_time=first,
    )
    assert run_report_schedules() == 1
    report = Report.objects.get()
    assert report.report_schedule_id == schedule.report_schedule_id
    assert report.report_type == ORDERS
    assert report.marketplace_ids == [US, CA]
    assert report.report_options == {"custom": "true"}
    # One report for the latest slot (first + 1h); its data is the hour before.
    assert report.data_end_time == first + timedelta(hours=1)
    assert report.data_start_time == first
    schedule.refresh_from_db()
    assert schedule.next_report_creation_time == first + timedelta(hours=2)


def test_scheduled_report_shows_its_schedule_id_and_validates(api, seller):
    schedule = due_schedule(seller, ago=timedelta(minutes=1))
    unscheduled = factories.ReportFactory(seller=seller)
    run_report_schedules()
    report = Report.objects.exclude(pk=unscheduled.pk).get()
    response = api.get(f"{BASE}/reports/{report.report_id}")
    assert_response_valid(
        REPORTS, "/reports/2021-06-30/reports/{reportId}", "get", response
    )
    assert response.json()["reportScheduleId"] == schedule.report_schedule_id
    listed = api.get(f"{BASE}/reports", {"reportTypes": LISTINGS})
    assert_response_valid(REPORTS, "/reports/2021-06-30/reports", "get", listed)
    by_id = {r["reportId"]: r for r in listed.json()["reports"]}
    assert by_id[report.report_id]["reportScheduleId"] == schedule.report_schedule_id
    assert "reportScheduleId" not in by_id[unscheduled.report_id]


def test_report_survives_its_schedule_being_cancelled(api, seller):
    schedule = due_schedule(seller, ago=timedelta(minutes=1))
    run_report_schedules()
    api.delete(f"{SCHEDULES}/{schedule.report_schedule_id}")
    report_id = Report.objects.get().report_id
    body = api.get(f"{BASE}/reports/{report_id}").json()
    assert body["reportScheduleId"] == schedule.report_schedule_id


def test_beat_task_ignores_a_schedule_not_yet_due(seller):
    later = timezone.now() + timedelta(minutes=5)
    schedule = factories.ReportScheduleFactory(
        seller=seller, next_report_creation_time=later
    )
    assert run_report_schedules() == 0
    assert not Report.objects.exists()
    schedule.refresh_from_db()
    assert schedule.next_report_creation_time == later


def test_beat_task_ignores_a_cancelled_schedule(api, seller):
    schedule = due_schedule(seller, ago=timedelta(hours=3))
    api.delete(f"{SCHEDULES}/{schedule.report_schedule_id}")
    assert run_report_schedules() == 0
    assert not Report.objects.exists()


def test_beat_task_ignores_a_deleted_sellers_schedule(seller):
    due_schedule(seller, ago=timedelta(minutes=1))
    seller.delete()
    assert run_report_schedules() == 0
    assert not Report.objects.exists()


def test_beat_task_runs_once_per_slot(seller):
    due_schedule(seller, ago=timedelta(minutes=1))
    run_report_schedules()
    run_report_schedules()
    assert Report.objects.count() == 1


def test_beat_task_runs_every_due_schedule(seller, other_seller):
    due_schedule(seller, ago=timedelta(minutes=1))
    due_schedule(other_seller, ago=timedelta(days=2), period="P1D")
    factories.ReportScheduleFactory(
        seller=seller,
        report_type=ORDERS,
        next_report_creation_time=timezone.now() + timedelta(hours=1),
    )
    assert run_report_schedules.delay().get() == 2
    assert sorted(Report.objects.values_list("seller_id", flat=True)) == sorted(
        [seller.pk, other_seller.pk]
    )


def test_scheduled_report_is_processed_like_create_report(
    seller, django_capture_on_commit_callbacks
):
    factories.ListingFactory(seller=seller, sku="GM-1")
    due_schedule(seller, ago=timedelta(minutes=1))
    due_schedule(
        seller,
        ago=timedelta(minutes=1),
        report_type="GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE",
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_report_schedules()
    statuses = dict(Report.objects.values_list("report_type", "processing_status"))
    assert statuses == {
        LISTINGS: "DONE",
        "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE": "FATAL",
    }


def test_schedule_created_over_the_api_is_run_by_the_beat_task(api, seller):
    past = (timezone.now() - timedelta(minutes=1)).isoformat()
    schedule_id = create(api, period="PT5M", nextReportCreationTime=past)
    run_report_schedules()
    assert Report.objects.get().report_schedule_id == schedule_id
    body = api.get(f"{SCHEDULES}/{schedule_id}").json()
    assert when(body["nextReportCreationTime"]) > timezone.now()


def test_beat_schedule_registers_the_task(settings):
    entries = settings.CELERY_BEAT_SCHEDULE.values()
    assert {"task": "amazon.run_report_schedules", "schedule": 60.0} in entries


# --- period arithmetic ---------------------------------------------------------------------


def test_month_period_is_a_calendar_month_clamped_to_the_month_end():
    start = datetime(2028, 1, 31, 12, tzinfo=UTC)
    assert period_shift(start, "P1M") == datetime(2028, 2, 29, 12, tzinfo=UTC)
    assert period_shift(start, "P1M", -1) == datetime(2027, 12, 31, 12, tzinfo=UTC)
    assert period_shift(datetime(2027, 12, 15, tzinfo=UTC), "P1M") == datetime(
        2028, 1, 15, tzinfo=UTC
    )


def test_latest_slot_skips_missed_runs():
    first = datetime(2028, 1, 1, tzinfo=UTC)
    now = first + timedelta(hours=84 * 3 + 1)
    assert latest_slot(first, "PT84H", now) == first + timedelta(hours=84 * 3)
    assert latest_slot(first, "P1M", datetime(2028, 4, 2, tzinfo=UTC)) == datetime(
        2028, 4, 1, tzinfo=UTC
    )
    assert latest_slot(first, "P1D", first) == first


# --- reset, admin, schema -----------------------------------------------------------------


def test_reset_amazon_removes_schedules(seller, other_seller):
    factories.ReportScheduleFactory(seller=seller)
    cancelled = factories.ReportScheduleFactory(seller=other_seller)
    cancelled.delete()
    reset_amazon(sellers=1, orders=0, seed=1, anchor=datetime(2026, 1, 1, tzinfo=UTC))
    assert not ReportSchedule.all_objects.exists()


def test_model_refuses_a_second_live_schedule_for_the_same_key(seller):
    existing = factories.ReportScheduleFactory(seller=seller, marketplace_ids=[US, CA])
    twin = ReportSchedule(
        seller=seller,
        report_schedule_id="10000000001",
        report_type=existing.report_type,
        marketplace_ids=[CA, US],
        period="P1D",
    )
    with pytest.raises(ValidationError):
        twin.full_clean()
    existing.delete()
    twin.full_clean()
    twin.save()
    # Restoring the cancelled one would give the key two live schedules.
    with pytest.raises(ValidationError):
        existing.restore()


def test_admin_pages_render(client, staff_user, seller):
    schedule = factories.ReportScheduleFactory(seller=seller)
    client.force_login(staff_user)
    changelist = client.get(reverse("admin:amazon_reportschedule_changelist"))
    assert changelist.status_code == 200
    assert schedule.report_schedule_id in changelist.content.decode()
    change = client.get(
        reverse("admin:amazon_reportschedule_change", args=[schedule.pk])
    )
    assert change.status_code == 200


def test_schema_documents_the_schedule_operations(client, db):
    schema = json.loads(client.get("/amazon/_mock/schema", {"format": "json"}).content)
    validate_schema(schema)
    paths = schema["paths"]
    assert paths[LIST_PATH]["get"]["operationId"] == "getReportSchedules"
    assert paths[LIST_PATH]["post"]["operationId"] == "createReportSchedule"
    assert paths[ITEM_PATH]["get"]["operationId"] == "getReportSchedule"
    assert paths[ITEM_PATH]["delete"]["operationId"] == "cancelReportSchedule"
    created = paths[LIST_PATH]["post"]["responses"]["201"]["content"]
    assert created["application/json"]["schema"]["$ref"] == (
        "#/components/schemas/ReportsCreateReportScheduleResponse"
    )


def test_payload_of_a_factory_schedule_validates(api, seller):
    schedule = factories.ReportScheduleFactory(seller=seller)
    body = api.get(f"{SCHEDULES}/{schedule.report_schedule_id}").json()
    assert_valid(definition(REPORTS, "ReportSchedule"), body)
