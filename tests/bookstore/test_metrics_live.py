"""Metrics across two gunicorn workers (prometheus-client multiprocess mode)
and JSON request logs, seen by a real HTTP client."""

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from apps.bookstore.factories import BookFactory
from apps.bookstore.services import api_key_create

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

BATCH = 24
MAX_BATCHES = 10


def request_count(text: str) -> float:
    return sum(
        s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == "bookstore_request_duration_seconds_count"
        and s.labels["operation"] == "getBook"
    )


def test_every_worker_reports_the_whole_server(live_bookstore, tmp_path):
    book = BookFactory()
    _, key = api_key_create(name="scraper")
    metrics_dir = tmp_path / "prom"
    metrics_dir.mkdir()  # fresh for this server run, as the docs require
    server = live_bookstore(
        workers=2, PROMETHEUS_MULTIPROC_DIR=str(metrics_dir), LOG_FORMAT="json"
    )
    headers = {"X-API-Key": key}

    def get(_):
        # A new connection each time, so either worker may accept it.
        return httpx.get(f"{server.url}/bookstore/api/books/{book.isbn}",
                         headers=headers, timeout=10).status_code  # fmt: skip

    sent = 0
    with ThreadPoolExecutor(8) as pool:
        for _ in range(MAX_BATCHES):
            assert set(pool.map(get, range(BATCH))) == {200}
            sent += BATCH
            # One histogram file per process that observed a request.
            if len(list(metrics_dir.glob("histogram_*.db"))) >= 2:
                break
    assert len(list(metrics_dir.glob("histogram_*.db"))) >= 2, "one worker got all"

    for _ in range(6):  # each scrape lands on either worker
        text = httpx.get(f"{server.url}/bookstore/metrics", headers=headers).text
        assert request_count(text) == sent

    server.stop()
    log = Path(server.log.name).read_text().splitlines()
    lines = [json.loads(line) for line in log if line.startswith("{")]
    requests = [x for x in lines if x.get("event") == "request"]
    assert sum(1 for x in requests if x["operation"] == "getBook") == sent
    assert all({"request_id", "status", "latency_ms"} <= set(x) for x in requests)
