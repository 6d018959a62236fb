"""scripts/uat_simulation.py and scripts/admin_tools.py as an operator runs
them: subprocesses speaking HTTP to a live, seeded server."""

import re
import subprocess
import sys

import httpx
import pytest

from tests.e2e.server import ROOT, manage, seeded_server

# The one live-server harness (gunicorn + uvicorn workers on the test database).
from ..bookstore.conftest import live_bookstore  # noqa: F401

CREDENTIALS = {"SHOP_ADMIN_EMAIL": "admin@shop.example",
               "SHOP_ADMIN_PASSWORD": "shop-demo-123"}  # fmt: skip


@pytest.fixture(scope="module")
def shop_url(tmp_path_factory):
    # A quarter of the catalogue (15 products) keeps "buy everything" short.
    server = seeded_server(
        tmp_path_factory.mktemp("scripts"), "shop", "--scale", "0.25",
        SHOP_SEED_DEMO_ACCOUNTS="1",
    )  # fmt: skip
    yield server.url + "/shop"
    server.stop()


def run(script, *args, timeout=120, **env):
    return subprocess.run(
        [sys.executable, f"scripts/{script}.py", *args], cwd=ROOT, timeout=timeout,
        capture_output=True, text=True, check=False,
        env={"PATH": "/usr/bin:/bin", **env},
    )  # fmt: skip


def uat(url, *args, **env):
    return run("uat_simulation", "--base-url", url, *args, **env)


def admin_tools(url, *args):
    return run("admin_tools", "--base-url", url, *args, **CREDENTIALS)


def products(url):
    response = httpx.get(f"{url}/api/v1/products", params={"size": 100}, timeout=15)
    return {p["sku"]: p for p in response.json()["items"]}


def row(output, sku):
    """(before, bought, after, refused, check) of ``sku`` in the summary table."""
    found = re.search(rf"^\s+{sku}\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(\S+)$", output,
                      re.M)  # fmt: skip
    assert found, output
    return found.groups()


def summary(output, name):
    found = re.search(rf"^\s+{name}\s+(\S+)", output, re.M)
    assert found, output
    return found[1]


@pytest.fixture
def fresh(shop_url):
    """The seeded shop, reset through the admin tool before the test."""
    done = admin_tools(shop_url, "reset", "--seed", "1")
    assert done.returncode == 0, done.stderr
    return shop_url


def test_uat_one_product_each_is_consistent(fresh):
    result = uat(fresh, "--shoppers", "2", "--iterations", "2")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "RESULT: OK" in result.stdout
    assert summary(result.stdout, "shoppers") == "2"
    assert summary(result.stdout, "orders") == "4"
    assert summary(result.stdout, "units") == "4"
    assert summary(result.stdout, "errors") == "0"


def test_uat_buys_the_whole_catalogue_with_overrides(fresh):
    catalogue = products(fresh)
    in_stock = sorted(sku for sku, p in catalogue.items() if p["stock"] >= 2)
    sku = in_stock[0]

    result = uat(fresh, "--shoppers", "1", "--purchase-mode", "all",
                 "--quantity", f"{sku}=2")  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    before = catalogue[sku]["stock"]
    assert row(result.stdout, sku) == (str(before), "2", str(before - 2), "0", "ok")
    bought = sum(1 for p in catalogue.values() if p["stock"] > 0)
    assert summary(result.stdout, "units") == str(bought + 1)
    assert {s: p["stock"] for s, p in products(fresh).items()} == {
        s: max(p["stock"] - (2 if s == sku else 1), 0) for s, p in catalogue.items()
    }


def test_uat_counts_a_stock_refusal_as_expected(fresh):
    sku = sorted(products(fresh))[0]
    assert admin_tools(fresh, "set-stock", sku, "1").returncode == 0

    result = uat(fresh, "--shoppers", "1", "--purchase-mode", "all",
                 "--quantity", f"{sku}=2")  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert row(result.stdout, sku) == ("1", "0", "1", "1", "ok")
    assert summary(result.stdout, "refusals") == "1"


def test_uat_fails_when_stock_changes_behind_its_back(fresh):
    sku = sorted(products(fresh))[0]
    behind = (f"{sys.executable} scripts/admin_tools.py --base-url {fresh} "
              f"set-stock {sku} 999")  # fmt: skip

    result = uat(fresh, "--shoppers", "1", "--after-shopping", behind, **CREDENTIALS)

    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(rf"^\s+{sku}\s.*MISMATCH$", result.stdout, re.M)
    assert f"INCONSISTENT {sku}: stock before" in result.stdout
    assert "RESULT: FAILED" in result.stdout


def test_uat_refuses_an_unknown_sku(fresh):
    result = uat(fresh, "--quantity", "NO-SUCH-SKU=2")

    assert result.returncode == 2
    assert "unknown SKUs: NO-SUCH-SKU" in result.stderr


def test_uat_reset_needs_admin_credentials(fresh):
    result = uat(fresh, "--reset")

    assert result.returncode == 2
    assert "--reset needs --admin-email" in result.stderr


def test_admin_tools_promote_demote_and_list(fresh):
    promoted = admin_tools(fresh, "promote", "alice@shop.example")
    listed = admin_tools(fresh, "list-users")
    demoted = admin_tools(fresh, "demote", "alice@shop.example")

    assert promoted.stdout.strip() == "alice@shop.example is now admin"
    assert re.search(r"alice@shop\.example\s+admin", listed.stdout)
    assert demoted.stdout.strip() == "alice@shop.example is now shopper"


def test_admin_tools_set_stock_and_low_stock(fresh):
    sku = sorted(products(fresh))[-1]

    done = admin_tools(fresh, "set-stock", sku, "0")
    low = admin_tools(fresh, "low-stock", "--below", "1")

    assert done.returncode == 0 and done.stdout.startswith(f"{sku}: stock 0")
    assert re.search(rf"^\s+{sku}\s+0\s", low.stdout, re.M)
    assert products(fresh)[sku]["stock"] == 0


def test_admin_tools_print_the_api_detail_and_fail(fresh):
    last_admin = admin_tools(fresh, "demote", "admin@shop.example")
    negative = admin_tools(fresh, "set-stock", sorted(products(fresh))[0], "-1")

    assert last_admin.returncode == 1
    assert "409: The last admin cannot be demoted" in last_admin.stderr
    assert negative.returncode == 1 and "422: body.stock:" in negative.stderr


def test_admin_tools_wrong_password_is_a_clear_error(fresh):
    result = run("admin_tools", "--base-url", fresh, "--email", "admin@shop.example",
                 "--password", "wrong", "list-users")  # fmt: skip

    assert result.returncode == 1
    assert "401: Incorrect email or password" in result.stderr


@pytest.mark.postgres
@pytest.mark.slow
def test_uat_concurrent_shoppers_on_postgresql(live_bookstore):  # noqa: F811
    server = live_bookstore(workers=2, SHOP_SEED_DEMO_ACCOUNTS="1")
    manage(server.env, "seed", "shop", "--scale", "0.25")
    url = server.url + "/shop"
    scarce = sorted(products(url))[0]
    # Eight shoppers want one each of three units: five must be refused.
    assert admin_tools(url, "set-stock", scarce, "3").returncode == 0

    result = uat(url, "--shoppers", "8", "--concurrency", "8",
                 "--purchase-mode", "all")  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert row(result.stdout, scarce) == ("3", "3", "0", "5", "ok")
    assert summary(result.stdout, "orders") == "8"
