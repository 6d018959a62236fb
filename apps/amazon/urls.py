"""SP-API paths exactly as Amazon's, below the project's ``/amazon/`` prefix
(mounted by the family registry, apps/amazon/family.py)."""

from django.urls import path

from apps.amazon.api.views import (
    inventory,
    listings,
    lwa,
    mock,
    orders,
    reports,
    tokens,
)

app_name = "amazon"

urlpatterns = [
    path("auth/o2/token", lwa.LwaTokenView.as_view(), name="lwa-token"),
    # Orders v0
    path("orders/v0/orders", orders.GetOrdersView.as_view(), name="orders"),
    path(
        "orders/v0/orders/<str:orderId>",
        orders.GetOrderView.as_view(),
        name="order",
    ),
    path(
        "orders/v0/orders/<str:orderId>/orderItems",
        orders.GetOrderItemsView.as_view(),
        name="order-items",
    ),
    path(
        "orders/v0/orders/<str:orderId>/orderItems/buyerInfo",
        orders.GetOrderItemsBuyerInfoView.as_view(),
        name="order-items-buyer-info",
    ),
    path(
        "orders/v0/orders/<str:orderId>/address",
        orders.GetOrderAddressView.as_view(),
        name="order-address",
    ),
    path(
        "orders/v0/orders/<str:orderId>/buyerInfo",
        orders.GetOrderBuyerInfoView.as_view(),
        name="order-buyer-info",
    ),
    path(
        "orders/v0/orders/<str:orderId>/shipment",
        orders.UpdateShipmentStatusView.as_view(),
        name="order-shipment",
    ),
    path(
        "orders/v0/orders/<str:orderId>/regulatedInfo",
        orders.OrderRegulatedInfoView.as_view(),
        name="order-regulated-info",
    ),
    path(
        "orders/v0/orders/<str:orderId>/shipmentConfirmation",
        orders.ConfirmShipmentView.as_view(),
        name="order-shipment-confirmation",
    ),
    # Listings Items 2021-08-01 (SKUs may contain "/", sent as %2F)
    path(
        "listings/2021-08-01/items/<str:sellerId>",
        listings.SearchListingsItemsView.as_view(),
        name="listings-search",
    ),
    path(
        "listings/2021-08-01/items/<str:sellerId>/<path:sku>",
        listings.ListingsItemView.as_view(),
        name="listings-item",
    ),
    # FBA Inventory v1 (+ the documented /details mock extension)
    path(
        "fba/inventory/v1/summaries",
        inventory.InventorySummariesView.as_view(),
        name="inventory-summaries",
    ),
    path(
        "fba/inventory/v1/details",
        inventory.InventoryDetailsView.as_view(),
        name="inventory-details",
    ),
    path(
        "fba/inventory/v1/items",
        inventory.CreateInventoryItemView.as_view(),
        name="inventory-items",
    ),
    path(
        "fba/inventory/v1/items/inventory",
        inventory.AddInventoryView.as_view(),
        name="inventory-items-add",
    ),
    path(
        "fba/inventory/v1/items/<path:sellerSku>",
        inventory.InventoryItemView.as_view(),
        name="inventory-item",
    ),
    # Reports 2021-06-30
    path("reports/2021-06-30/reports", reports.ReportsView.as_view(), name="reports"),
    path(
        "reports/2021-06-30/reports/<str:reportId>",
        reports.ReportView.as_view(),
        name="report",
    ),
    path(
        "reports/2021-06-30/reports/<str:reportId>/document",
        reports.ReportDocumentRedirectView.as_view(),
        name="report-document-redirect",
    ),
    path(
        "reports/2021-06-30/documents/<str:reportDocumentId>",
        reports.ReportDocumentView.as_view(),
        name="report-document",
    ),
    path(
        "reports/2021-06-30/schedules",
        reports.ReportSchedulesView.as_view(),
        name="report-schedules",
    ),
    path(
        "reports/2021-06-30/schedules/<str:reportScheduleId>",
        reports.ReportScheduleView.as_view(),
        name="report-schedule",
    ),
    # Tokens 2021-03-01
    path(
        "tokens/2021-03-01/restrictedDataToken",
        tokens.RestrictedDataTokenView.as_view(),
        name="restricted-data-token",
    ),
    # Mock-only
    path(
        "_mock/documents/<str:token>",
        reports.document_download,
        name="document-download",
    ),
    path("_mock/schema", mock.AmazonSchemaView.as_view(), name="schema"),
    path("_mock/reset", mock.ResetView.as_view(), name="reset"),
    # Anything else under /amazon/ is the family registry's SP-API 404.
]
