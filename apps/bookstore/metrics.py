"""Prometheus metrics of the bookstore (prometheus-client).

Under gunicorn each worker is a process; with ``PROMETHEUS_MULTIPROC_DIR`` set
in the environment before the server starts, prometheus-client writes every
counter and histogram to files in that directory and ``render()`` sums every
process's files, so any worker answering ``/bookstore/metrics`` reports the
whole server. Without it (runserver, tests) the process's own registry is used.
Deliveries by status are read from the database at scrape time: they are
state, not events, and the database is the one place every process shares.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

# The *_created series double every counter's output for nothing a dashboard uses.
disable_created_metrics()

ORDERS = Counter("bookstore_orders", "Order attempts by outcome", ["outcome"])
PAYMENTS = Counter("bookstore_payments", "Payment attempts by result", ["result"])
STOCK_CONFLICTS = Counter(
    "bookstore_stock_conflicts", "Orders refused because stock was short"
)
DELIVERY_TRANSITIONS = Counter(
    "bookstore_delivery_transitions", "Delivery status changes", ["status"]
)
LATENCY = Histogram(
    "bookstore_request_duration_seconds",
    "Request latency per operation",
    ["operation", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class DeliveriesByStatus:
    """bookstore_deliveries{status}: counted in the database at scrape time."""

    def collect(self):
        from .selectors import delivery_counts

        family = GaugeMetricFamily(
            "bookstore_deliveries", "Deliveries by status", labels=["status"]
        )
        for status, count in sorted(delivery_counts().items()):
            family.add_metric([status], count)
        yield family

    def describe(self):
        return []


def render() -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Default())
    registry.register(DeliveriesByStatus())
    return generate_latest(registry), CONTENT_TYPE_LATEST


class _Default:
    """The process registry's bookstore metrics, without Python/process ones."""

    def collect(self):
        for metric in REGISTRY.collect():
            if metric.name.startswith("bookstore_"):
                yield metric

    def describe(self):
        return []
