import gzip
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.amazon import factories
from apps.amazon.documents import LISTINGS_ALL_HEADER, MYI_HEADER, ORDERS_HEADER
from apps.amazon.models import Report
from tests.amazon.conftest import assert_envelope
from tests.amazon.schemas import REPORTS, assert_response_valid

BASE = "/amazon/reports/2021-06-30"
US = "ATVPDKIKX0DER"


@pytest.fixture
def catalog(seller):
    seller.marketplace_ids = [US]
    seller.save()
    listing = factories.ListingFactory(
        seller=seller, sku="GM-1/A", item_name="Blue Mug"
    )
    inventory = factories.InventoryItemFactory(seller=seller, seller_sku="GM-1/A")
    order = factories.OrderFactory(
        seller=seller, purchase_date=timezone.now() - timedelta(days=2)
    )
    factories.OrderItemFactory(order=order, seller_sku="GM-1/A", asin=listing.asin)
    return listing, inventory, order


def create(api, report_type, capture, **extra):
    with capture(execute=True):
        response = api.post(
            f"{BASE}/reports",
            {"reportType": report_type, "marketplaceIds": [US], **extra},
        )
    return response


def download(api, client, report_id, **params):
    report = api.get(f"{BASE}/reports/{report_id}").json()
    document = api.get(f"{BASE}/documents/{report['reportDocumentId']}", params)
    return report, document, client.get(document.json()["url"])


def test_create_report_is_202_with_report_id_and_validates(
    api, catalog, django_capture_on_commit_callbacks
):
    response = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    )
    assert response.status_code == 202
    assert_response_valid(REPORTS, "/reports/2021-06-30/reports", "post", response)
    assert (
        response.json()["reportId"].isdigit() and len(response.json()["reportId"]) == 11
    )
    assert response["x-amzn-RateLimit-Limit"] == "0.0167"


def test_listings_report_goes_to_done_with_real_tsv(
    api, client, catalog, django_capture_on_commit_callbacks
):
    report_id = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    ).json()["reportId"]
    report, document, file = download(api, client, report_id)
    assert report["processingStatus"] == "DONE"
    assert_response_valid(
        REPORTS, "/reports/2021-06-30/documents/{reportDocumentId}", "get", document
    )
    assert document.json()["reportDocumentId"].startswith("amzn1.spdoc.1.4.na.")
    assert "compressionAlgorithm" not in document.json()
    assert file.status_code == 200
    assert file["Content-Type"] == "text/plain; charset=UTF-8"
    lines = file.content.decode().splitlines()
    assert lines[0].split("\t") == LISTINGS_ALL_HEADER
    row = dict(zip(LISTINGS_ALL_HEADER, lines[1].split("\t"), strict=True))
    assert row["seller-sku"] == "GM-1/A" and row["item-name"] == "Blue Mug"
    assert row["price"] == "19.99" and row["status"] == "Active"


def test_get_report_validates_against_model(
    api, catalog, django_capture_on_commit_callbacks
):
    report_id = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    ).json()["reportId"]
    response = api.get(f"{BASE}/reports/{report_id}")
    assert_response_valid(
        REPORTS, "/reports/2021-06-30/reports/{reportId}", "get", response
    )
    body = response.json()
    assert body["processingStartTime"] <= body["processingEndTime"]


def test_orders_report_has_one_row_per_item_with_order_header(
    api, client, catalog, django_capture_on_commit_callbacks
):
    _, _, order = catalog
    report_id = create(
        api,
        "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL",
        django_capture_on_commit_callbacks,
    ).json()["reportId"]
    _, _, file = download(api, client, report_id)
    lines = file.content.decode().splitlines()
    assert lines[0].split("\t") == ORDERS_HEADER
    assert len(lines) == 2
    row = dict(zip(ORDERS_HEADER, lines[1].split("\t"), strict=True))
    assert row["amazon-order-id"] == order.amazon_order_id
    assert row["item-price"] == "19.99" and row["sales-channel"] == "Amazon.com"


def test_fba_inventory_report(api, client, catalog, django_capture_on_commit_callbacks):
    _, inventory, _ = catalog
    report_id = create(
        api,
        "GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA",
        django_capture_on_commit_callbacks,
    ).json()["reportId"]
    _, _, file = download(api, client, report_id)
    lines = file.content.decode().splitlines()
    assert lines[0].split("\t") == MYI_HEADER
    row = dict(zip(MYI_HEADER, lines[1].split("\t"), strict=True))
    assert row["afn-fulfillable-quantity"] == str(inventory.fulfillable_quantity)
    assert row["your-price"] == "19.99"


def test_gzip_documents_are_served_as_bytes_without_content_encoding(
    api, client, catalog, settings, django_capture_on_commit_callbacks
):
    settings.AMAZON_REPORT_GZIP = True
    report_id = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    ).json()["reportId"]
    _, document, file = download(api, client, report_id)
    assert document.json()["compressionAlgorithm"] == "GZIP"
    assert not file.has_header("Content-Encoding")
    assert gzip.decompress(file.content).decode().startswith("item-name\t")


def test_content_encoding_header_on_request(
    api, client, catalog, settings, django_capture_on_commit_callbacks
):
    settings.AMAZON_REPORT_GZIP = True
    report_id = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    ).json()["reportId"]
    _, _, file = download(api, client, report_id, enableContentEncodingUrlHeader="true")
    assert file["Content-Encoding"] == "gzip"


def test_document_url_expires(
    api, client, catalog, settings, django_capture_on_commit_callbacks
):
    report_id = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    ).json()["reportId"]
    settings.AMAZON_DOCUMENT_URL_TTL = -1
    _, _, file = download(api, client, report_id)
    assert_envelope(file, 403, "Unauthorized")


def test_tampered_document_url_is_refused(
    api, client, catalog, django_capture_on_commit_callbacks
):
    report_id = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    ).json()["reportId"]
    report = api.get(f"{BASE}/reports/{report_id}").json()
    url = api.get(f"{BASE}/documents/{report['reportDocumentId']}").json()["url"]
    assert_envelope(client.get(url[:-3] + "xyz"), 403, "Unauthorized")


def test_document_redirect_convenience(
    api, client, catalog, django_capture_on_commit_callbacks
):
    report_id = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    ).json()["reportId"]
    response = api.get(f"{BASE}/reports/{report_id}/document")
    assert response.status_code == 302
    assert client.get(response["Location"]).content.startswith(b"item-name\t")


def test_unsupported_report_type_ends_fatal_with_error_document(
    api, client, catalog, django_capture_on_commit_callbacks
):
    report_id = create(
        api,
        "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE",
        django_capture_on_commit_callbacks,
    ).json()["reportId"]
    report, _, file = download(api, client, report_id)
    assert report["processingStatus"] == "FATAL"
    assert b"not supported" in file.content


def test_report_without_data_is_cancelled(
    api, seller, django_capture_on_commit_callbacks
):
    report_id = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    ).json()["reportId"]
    report = api.get(f"{BASE}/reports/{report_id}").json()
    assert report["processingStatus"] == "CANCELLED"
    assert "reportDocumentId" not in report


def test_foreign_marketplace_report_is_fatal(
    api, catalog, django_capture_on_commit_callbacks
):
    response = create(
        api,
        "GET_MERCHANT_LISTINGS_ALL_DATA",
        django_capture_on_commit_callbacks,
        marketplaceIds=["A1PA6795UKMFR9"],
    )
    report = api.get(f"{BASE}/reports/{response.json()['reportId']}").json()
    assert report["processingStatus"] == "FATAL"


def test_queued_report_stays_in_queue_until_a_worker_runs(api, catalog):
    # No on_commit execution: nothing processed it yet.
    report_id = api.post(
        f"{BASE}/reports",
        {"reportType": "GET_MERCHANT_LISTINGS_ALL_DATA", "marketplaceIds": [US]},
    ).json()["reportId"]
    assert (
        api.get(f"{BASE}/reports/{report_id}").json()["processingStatus"] == "IN_QUEUE"
    )


def test_cancel_in_queue_report(api, catalog):
    report_id = api.post(
        f"{BASE}/reports",
        {"reportType": "GET_MERCHANT_LISTINGS_ALL_DATA", "marketplaceIds": [US]},
    ).json()["reportId"]
    response = api.delete(f"{BASE}/reports/{report_id}")
    assert response.status_code == 200
    assert (
        api.get(f"{BASE}/reports/{report_id}").json()["processingStatus"] == "CANCELLED"
    )
    # The worker then leaves it alone.
    from apps.amazon.services.reports import report_process

    report_process(report_pk=str(Report.objects.get(report_id=report_id).pk))
    assert Report.objects.get(report_id=report_id).processing_status == "CANCELLED"


def test_cancel_done_report_is_400(api, catalog, django_capture_on_commit_callbacks):
    report_id = create(
        api, "GET_MERCHANT_LISTINGS_ALL_DATA", django_capture_on_commit_callbacks
    ).json()["reportId"]
    body = assert_envelope(
        api.delete(f"{BASE}/reports/{report_id}"), 400, "InvalidInput"
    )
    assert "IN_QUEUE" in body["errors"][0]["details"]


@pytest.mark.parametrize(
    "body",
    [
        {"marketplaceIds": [US]},
        {"reportType": "GET_MERCHANT_LISTINGS_ALL_DATA"},
        {"reportType": "GET_MERCHANT_LISTINGS_ALL_DATA", "marketplaceIds": []},
        {"reportType": "GET_MERCHANT_LISTINGS_ALL_DATA", "marketplaceIds": ["BOGUS"]},
        {"reportType": "bad type!", "marketplaceIds": [US]},
        {
            "reportType": "GET_MERCHANT_LISTINGS_ALL_DATA",
            "marketplaceIds": [US],
            "dataStartTime": "2030-01-01T00:00:00Z",
        },
        {
            "reportType": "GET_MERCHANT_LISTINGS_ALL_DATA",
            "marketplaceIds": [US],
            "dataStartTime": "2024-02-01T00:00:00Z",
            "dataEndTime": "2024-01-01T00:00:00Z",
        },
        {
            "reportType": "GET_MERCHANT_LISTINGS_ALL_DATA",
            "marketplaceIds": [US],
            "reportOptions": {"a": 1},
        },
    ],
)
def test_invalid_create_report_is_400(api, seller, body):
    assert_envelope(api.post(f"{BASE}/reports", body), 400, "InvalidInput")


def test_create_report_with_form_body_is_415(api, seller):
    response = api.post(
        f"{BASE}/reports",
        "reportType=X",
        content_type="application/x-www-form-urlencoded",
    )
    assert_envelope(response, 415)


def test_unknown_report_is_404(api, seller):
    assert_envelope(api.get(f"{BASE}/reports/12345678901"), 404, "NotFound")
    assert_envelope(api.get(f"{BASE}/documents/amzn1.spdoc.nope"), 404, "NotFound")


def test_other_sellers_reports_are_invisible(api, other_api, catalog):
    report_id = api.post(
        f"{BASE}/reports",
        {"reportType": "GET_MERCHANT_LISTINGS_ALL_DATA", "marketplaceIds": [US]},
    ).json()["reportId"]
    assert_envelope(other_api.get(f"{BASE}/reports/{report_id}"), 404, "NotFound")


# --- getReports -------------------------------------------------------------------------


@pytest.fixture
def many_reports(seller):
    now = timezone.now()
    rows = []
    for i in range(13):
        rows.append(
            factories.ReportFactory(
                seller=seller,
                report_type="GET_AFN_INVENTORY_DATA"
                if i % 3 == 0
                else "GET_MERCHANT_LISTINGS_ALL_DATA",
                processing_status="DONE" if i % 2 else "IN_QUEUE",
                created_time=now - timedelta(hours=i),
            )
        )
    factories.ReportFactory(seller=seller, created_time=now - timedelta(days=100))
    return rows


def test_get_reports_validates_and_is_newest_first(api, many_reports):
    response = api.get(
        f"{BASE}/reports", {"reportTypes": "GET_MERCHANT_LISTINGS_ALL_DATA"}
    )
    assert response.status_code == 200
    assert_response_valid(REPORTS, "/reports/2021-06-30/reports", "get", response)
    times = [r["createdTime"] for r in response.json()["reports"]]
    assert times == sorted(times, reverse=True)
    assert response["x-amzn-RateLimit-Limit"] == "0.0222"


def test_get_reports_pages_without_duplicates_or_gaps(api, many_reports):
    params = {
        "reportTypes": "GET_MERCHANT_LISTINGS_ALL_DATA,GET_AFN_INVENTORY_DATA",
        "pageSize": "4",
    }
    seen = []
    while True:
        body = api.get(f"{BASE}/reports", params).json()
        assert len(body["reports"]) <= 4
        seen.extend(r["reportId"] for r in body["reports"])
        if "nextToken" not in body:
            break
        params = {"nextToken": body["nextToken"]}
    # 13 within 90 days; the 100-day-old one is outside the default window.
    assert len(seen) == len(set(seen)) == 13
    assert set(seen) == {r.report_id for r in many_reports}


def test_get_reports_filters_combine(api, many_reports):
    body = api.get(
        f"{BASE}/reports",
        {
            "reportTypes": "GET_AFN_INVENTORY_DATA",
            "processingStatuses": "DONE",
            "marketplaceIds": US,
        },
    ).json()
    expected = {
        r.report_id
        for r in many_reports
        if r.report_type == "GET_AFN_INVENTORY_DATA" and r.processing_status == "DONE"
    }
    assert {r["reportId"] for r in body["reports"]} == expected and expected


def test_get_reports_created_window(api, many_reports):
    since = (timezone.now() - timedelta(hours=2, minutes=30)).isoformat()
    body = api.get(
        f"{BASE}/reports",
        {
            "reportTypes": "GET_MERCHANT_LISTINGS_ALL_DATA,GET_AFN_INVENTORY_DATA",
            "createdSince": since,
        },
    ).json()
    assert len(body["reports"]) == 3


def test_get_reports_next_token_must_be_alone(api, many_reports):
    token = api.get(
        f"{BASE}/reports",
        {"reportTypes": "GET_MERCHANT_LISTINGS_ALL_DATA", "pageSize": "1"},
    ).json()["nextToken"]
    response = api.get(f"{BASE}/reports", {"nextToken": token, "pageSize": "5"})
    assert_envelope(response, 400, "InvalidInput")


def test_get_reports_tolerates_python_client_marketplace_keys_with_token(
    api, many_reports
):
    token = api.get(
        f"{BASE}/reports",
        {"reportTypes": "GET_MERCHANT_LISTINGS_ALL_DATA", "pageSize": "1"},
    ).json()["nextToken"]
    params = {
        "nextToken": token,
        "MarketplaceId": US,
        "MarketplaceIds": US,
        "marketplace_ids": US,
        "marketplaceIds": US,
    }
    assert api.get(f"{BASE}/reports", params).status_code == 200


def test_get_reports_next_token_of_another_seller_is_refused(
    api, other_api, other_seller
):
    for hours in (1, 2):
        factories.ReportFactory(
            seller=other_seller,
            report_type="GET_AFN_INVENTORY_DATA",
            created_time=timezone.now() - timedelta(hours=hours),
        )
    token = other_api.get(
        f"{BASE}/reports", {"reportTypes": "GET_AFN_INVENTORY_DATA", "pageSize": "1"}
    ).json()["nextToken"]
    response = api.get(f"{BASE}/reports", {"nextToken": token})
    body = assert_envelope(response, 400, "InvalidInput")
    assert body["errors"][0]["message"] == "Invalid Input"
    assert body["errors"][0]["details"] == "Invalid nextToken."


def test_get_reports_tampered_next_token_is_refused(api, many_reports):
    token = api.get(
        f"{BASE}/reports",
        {"reportTypes": "GET_MERCHANT_LISTINGS_ALL_DATA", "pageSize": "1"},
    ).json()["nextToken"]
    response = api.get(f"{BASE}/reports", {"nextToken": token[:-3] + "abc"})
    body = assert_envelope(response, 400, "InvalidInput")
    assert body["errors"][0]["details"] == "Invalid nextToken."


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"processingStatuses": "DONE"},
        {"reportTypes": "A", "pageSize": "0"},
        {"reportTypes": "A", "pageSize": "101"},
        {"reportTypes": "A", "processingStatuses": "FINISHED"},
        {"reportTypes": ",".join(f"T{i}" for i in range(11))},
        {"reportTypes": "A", "createdSince": "nope"},
    ],
)
def test_invalid_get_reports_is_400(api, seller, params):
    assert_envelope(api.get(f"{BASE}/reports", params), 400, "InvalidInput")
