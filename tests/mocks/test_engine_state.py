"""The per-process endpoint table: single-flight rebuilds, a re-check before a
404, and serving the last table when the shared config version is unreadable.

The database and the cache are the real ones of the test run; only the two
failure cases replace the version read (a cache that raises)."""

import asyncio

import pytest
from asgiref.sync import async_to_sync

from apps.mocks import services
from apps.mocks.edge import state
from apps.mocks.edge.state import STALE_HEADER, holder, plan_for
from apps.mocks.engine.config import EngineConfig
from apps.mocks.engine.plan import MockRequest

pytestmark = pytest.mark.django_db

# A long interval: only what these rules add can make a table fresh.
CONFIG = EngineConfig(version_check_interval=60)


@pytest.fixture(autouse=True)
def empty_holder():
    holder.reset()
    yield
    holder.reset()


@pytest.fixture
def group(db):
    return services.group_create(data={"name": "State", "slug": "state-mock"})


def get(path: str) -> MockRequest:
    return MockRequest(method="GET", slug="state-mock", path=path, query={}, headers={})


def answer(path: str):
    return async_to_sync(plan_for)(get(path), CONFIG)


@pytest.fixture
def make(group, django_capture_on_commit_callbacks):
    """Create an endpoint and bump the version, as its commit would."""

    def create(path: str):
        with django_capture_on_commit_callbacks(execute=True):
            return services.endpoint_create(
                group=group,
                data={"name": path, "path": path, "response_body": {"p": path}},
            )

    return create


def test_an_endpoint_created_inside_the_interval_is_found(make):
    make("/a")
    assert answer("/a").status == 200
    make("/b")  # the version moves; the next scheduled check is 60 s away
    assert answer("/b").status == 200


def test_a_real_miss_is_still_a_404(make):
    make("/a")
    answer("/a")
    assert answer("/nope").status == 404


def test_inside_the_interval_a_hit_costs_no_version_read(make, monkeypatch):
    make("/a")
    answer("/a")
    reads = []
    real = state._read_version
    monkeypatch.setattr(state, "_read_version", lambda: reads.append(1) or real())
    answer("/a")
    assert reads == []


def test_concurrent_requests_share_one_check_and_one_rebuild(make, monkeypatch):
    make("/a")
    answer("/a")
    make("/b")
    holder.checked_at = float("-inf")  # the interval has run out
    reads, real_read = [], state._read_version

    async def slow_read():
        reads.append(1)
        await asyncio.sleep(0.05)  # the others arrive while it runs
        return await real_read()

    monkeypatch.setattr(state, "_read_version", slow_read)
    rebuilds = holder.rebuilds

    async def burst():
        return await asyncio.gather(*(plan_for(get("/b"), CONFIG) for _ in range(20)))

    plans = async_to_sync(burst)()
    assert [p.status for p in plans] == [200] * 20
    assert (len(reads), holder.rebuilds - rebuilds) == (1, 1)


def broken_cache(monkeypatch):
    async def fail():
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(state, "_read_version", fail)


def test_cache_down_serves_the_last_table_and_says_so(make, monkeypatch):
    make("/a")
    answer("/a")
    broken_cache(monkeypatch)
    holder.checked_at = float("-inf")
    plan = answer("/a")
    assert (plan.status, dict(plan.headers).get(STALE_HEADER)) == (
        200,
        "config version unavailable",
    )


def test_cache_down_before_any_table_builds_one_from_the_database(make, monkeypatch):
    make("/a")
    broken_cache(monkeypatch)
    assert [answer("/a").status, answer("/missing").status] == [200, 404]


def test_the_stale_mark_goes_once_the_version_is_readable_again(make, monkeypatch):
    make("/a")
    with monkeypatch.context() as patch:
        broken_cache(patch)
        answer("/a")
    holder.checked_at = float("-inf")
    assert STALE_HEADER not in dict(answer("/a").headers)
