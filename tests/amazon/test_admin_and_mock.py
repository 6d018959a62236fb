"""Admin pages, the staff-only reset endpoint and the app's OpenAPI schema."""

import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from apps.amazon import factories, models
from apps.amazon.services.seeding import seed_amazon
from tests.amazon.conftest import assert_envelope

ADMIN_MODELS = [
    models.LwaApplication,
    models.Seller,
    models.RefreshToken,
    models.AccessToken,
    models.Listing,
    models.InventoryItem,
    models.Order,
    models.OrderItem,
    models.Report,
    models.ReportDocument,
]


@pytest.fixture
def seeded(db, access_token):
    seed_amazon(sellers=1, orders=5, seed=1, anchor=datetime(2026, 1, 1, tzinfo=UTC))
    factories.ReportFactory(document=factories.ReportDocumentFactory())


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
def test_admin_changelist_and_change_page_render(client, staff_user, seeded, model):
    client.force_login(staff_user)
    meta = model._meta
    changelist = client.get(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    )
    assert changelist.status_code == 200
    obj = model.objects.first()
    change = client.get(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    )
    assert change.status_code == 200


def test_reset_requires_staff(client, user):
    client.force_login(user)
    assert_envelope(
        client.post("/amazon/_mock/reset", "{}", content_type="application/json"), 403
    )


def test_reset_without_login_is_403_envelope(client, db):
    assert_envelope(
        client.post("/amazon/_mock/reset", "{}", content_type="application/json"), 403
    )


def test_reset_restores_seeded_counts(client, staff_user):
    factories.OrderFactory()  # stray data the reset must remove
    client.force_login(staff_user)
    response = client.post(
        "/amazon/_mock/reset",
        json.dumps({"seed": 3, "sellers": 1, "orders": 12}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["counts"]["orders"] == 12
    assert models.Order.objects.count() == 12


def test_reset_answers_seed_counts_client_id_and_seller_ids(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/amazon/_mock/reset",
        json.dumps({"seed": 3, "sellers": 2, "orders": 4}),
        content_type="application/json",
    )
    body = response.json()
    assert set(body) == {"seed", "counts", "clientId", "sellers"}
    assert body["seed"] == 3
    assert body["clientId"] == models.LwaApplication.objects.get().client_id
    assert sorted(body["sellers"]) == sorted(
        models.Seller.objects.values_list("selling_partner_id", flat=True)
    )
    assert response.has_header("x-amzn-RequestId")


def test_reset_refuses_non_integers_in_the_envelope(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/amazon/_mock/reset",
        json.dumps({"orders": "many"}),
        content_type="application/json",
    )
    body = assert_envelope(response, 400, "InvalidInput")
    assert body["errors"][0]["details"] == "seed, sellers and orders must be integers."


def test_reset_validates_its_body(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/amazon/_mock/reset",
        json.dumps({"sellers": 0}),
        content_type="application/json",
    )
    assert_envelope(response, 400, "InvalidInput")


def test_schema_lists_amazon_paths_with_official_components(client, db):
    response = client.get("/amazon/_mock/schema", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["servers"] == [{"url": "/amazon", "description": "this mock"}]
    assert "/orders/v0/orders/{orderId}" in schema["paths"]
    assert "/listings/2021-08-01/items/{sellerId}/{sku}" in schema["paths"]
    operation = schema["paths"]["/orders/v0/orders"]["get"]
    assert operation["operationId"] == "getOrders"
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/OrdersV0GetOrdersResponse"
    assert "OrdersV0Order" in schema["components"]["schemas"]
    assert (
        schema["components"]["securitySchemes"]["lwaAccessToken"]["name"]
        == "x-amz-access-token"
    )


def test_project_management_schema_does_not_list_amazon(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert not any(
        p.startswith("/amazon") for p in json.loads(response.content)["paths"]
    )


def test_spec_copies_match_the_shared_reference():
    from tests.amazon.schemas import SHARED_DIR, SPEC_DIR

    if not SHARED_DIR.exists():
        pytest.skip("shared reference folder not present")
    for path in SPEC_DIR.glob("*.json"):
        assert path.read_bytes() == (SHARED_DIR / path.name).read_bytes(), path.name
