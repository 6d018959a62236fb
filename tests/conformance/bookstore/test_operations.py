"""Health, metrics, OpenAPI and the error shapes of unknown paths and methods."""


def test_health_reports_subsystems_and_dependencies(anon):
    body = anon.get("/health").json()

    assert body["status"] in {"ok", "degraded"}
    assert set(body["subsystems"]) == {"inventory", "sales", "delivery"}
    assert set(body["dependencies"]) == {"database", "cache", "broker"}


def test_metrics_are_prometheus_text(http, paid_order):
    response = http.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    for name in ("bookstore_orders_total", "bookstore_payments_total",
                 "bookstore_stock_conflicts_total", "bookstore_deliveries",
                 "bookstore_request_duration_seconds_bucket"):  # fmt: skip
        assert f"\n{name}" in text or text.startswith(name), name


def test_the_openapi_document_lists_the_operations(anon):
    schema = anon.get("/openapi.json").json()

    operations = {op["operationId"] for path in schema["paths"].values()
                  for op in path.values()}  # fmt: skip
    assert {"listBooks", "getBook", "createOrder", "getOrder", "scheduleDelivery",
            "getDelivery"} <= operations  # fmt: skip


def test_an_unknown_path_is_a_fastapi_404(http):
    response = http.get("/api/nothing-here")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_a_wrong_method_is_a_fastapi_405(http):
    response = http.delete("/api/books")

    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"}
