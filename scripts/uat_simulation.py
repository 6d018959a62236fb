#!/usr/bin/env python3
"""UAT simulation of the shop over HTTP only: shoppers browse, fill carts,
check out and read their orders back; the stock arithmetic is then checked.

    scripts/uat_simulation.py [--base-url http://127.0.0.1:8000/shop]
        [--shoppers 3] [--iterations 1] [--purchase-mode one|all]
        [--quantity SKU=3 ...] [--concurrency 1]
        [--reset --admin-email E --admin-password P]

Products are named by their SKU (``sku`` in every product and order line).
Stock is read from the public catalogue before and after (the API exposes
``stock``); per product, ``before - bought == after`` must hold, so run it
against a server nobody else is buying from. Each order's total must equal
the sum of quantity x unit price, its lines what the cart held, and every
order must read back (``GET /orders/{id}`` and the shopper's list). A
refusal for stock (409 naming the product and a smaller ``available``) is
expected when shoppers race for the last units: it is counted, not failed.

Shoppers are ``uat-shopper-{n}@example.com`` (``--email-template``),
registered on first use and logged in afterwards. ``--after-shopping CMD``
runs a shell command between the shopping and the second stock reading
(to pause, or to change stock behind the script's back and watch it fail).

Exit status: 0 consistent, 1 an inconsistency or an unexpected answer,
2 bad arguments or the server could not be reached."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal

import httpx

API = "/api/v1"
DEFAULT_PASSWORD = "uat-Simulation-pass-2024"
PAGE = 100  # the API's default SHOP_PAGE_SIZE_MAX


class Unexpected(Exception):
    """The API answered something the contract does not allow here."""


@dataclass
class Tally:
    """What every shopper did, shared between threads (one lock)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0
    orders: list[dict] = field(default_factory=list)
    bought: Counter = field(default_factory=Counter)
    refusals: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def count(self) -> None:
        with self.lock:
            self.requests += 1

    def add(self, name: str, item) -> None:
        with self.lock:
            getattr(self, name).append(item)


class Api:
    """One client (one shopper's connection); every call is counted."""

    def __init__(self, base_url: str, tally: Tally, timeout: float) -> None:
        self.http = httpx.Client(base_url=base_url.rstrip("/") + API, timeout=timeout)
        self.tally = tally

    def call(self, method: str, path: str, expect=(200,), **kwargs) -> httpx.Response:
        self.tally.count()
        response = self.http.request(method, path, **kwargs)
        if response.status_code not in expect:
            raise Unexpected(
                f"{method} {path} -> {response.status_code}: {response.text[:300]}"
            )
        return response

    def authorize(self, token: str) -> None:
        self.http.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.http.close()


def body(response: httpx.Response):
    # Money arrives as JSON numbers: Decimal keeps 0.1 + 0.2 exact.
    return response.json(parse_float=Decimal)


def catalogue(api: Api) -> dict[str, dict]:
    """Every active product, by SKU (all pages)."""
    products, page = {}, 1
    while True:
        data = body(api.call("GET", "/products", params={"size": PAGE, "page": page}))
        products.update({p["sku"]: p for p in data["items"]})
        if page >= data["pages"]:
            return products
        page += 1


def sign_in(api: Api, email: str, password: str, name: str) -> None:
    """Register (409: already there, fine), then log in."""
    api.call(
        "POST", "/auth/register", expect=(201, 409),
        json={"email": email, "password": password, "name": name},
    )  # fmt: skip
    tokens = body(
        api.call("POST", "/auth/login", json={"email": email, "password": password})
    )
    api.authorize(tokens["access_token"])
    me = body(api.call("GET", "/auth/me"))
    if me["email"] != email:
        raise Unexpected(f"/auth/me names {me['email']}, not {email}")


def refusal(response: httpx.Response) -> list[dict]:
    """The products a 409 names as short, each with requested > available."""
    detail = body(response)["detail"]
    items = detail.get("items", [detail]) if isinstance(detail, dict) else []
    if not items or any(i["available"] >= i["requested"] for i in items):
        raise Unexpected(f"a stock refusal that names no shortage: {detail}")
    return items


class Shopper:
    def __init__(self, n: int, args, tally: Tally, products: dict[str, dict]):
        self.n, self.args, self.tally = n, args, tally
        self.skus = sorted(products)
        self.api = Api(args.base_url, tally, args.timeout)
        self.email = args.email_template.format(n=n)
        self.placed: list[dict] = []

    def run(self) -> None:
        try:
            sign_in(self.api, self.email, self.args.password, f"UAT Shopper {self.n}")
            self.api.call("DELETE", "/cart")  # a previous run's leftovers
            self.api.call("GET", "/categories")
            for iteration in range(self.args.iterations):
                self.shop(iteration)
            self.read_back()
        except (Unexpected, httpx.HTTPError) as exc:
            self.tally.add("errors", f"shopper {self.n}: {exc}")
        finally:
            self.api.close()

    def wanted(self, iteration: int, products: dict[str, dict]) -> list[str]:
        """In stock now, in SKU order: all of them, or one per round (shoppers
        and rounds spread over the catalogue)."""
        in_stock = [sku for sku in self.skus
                    if sku in products and products[sku]["stock"] > 0]  # fmt: skip
        if self.args.purchase_mode == "all" or not in_stock:
            return in_stock
        return [in_stock[(self.n + iteration * self.args.shoppers) % len(in_stock)]]

    def shop(self, iteration: int) -> None:
        products = catalogue(self.api)  # browse: today's stock and prices
        cart: dict[str, int] = {}
        for sku in self.wanted(iteration, products):
            product = products[sku]
            self.api.call("GET", f"/products/{product['id']}")
            quantity = self.args.quantity.get(sku, 1)
            response = self.api.call(
                "POST", "/cart/items", expect=(200, 409),
                json={"product_id": product["id"], "quantity": quantity},
            )  # fmt: skip
            if response.status_code == 409 and isinstance(
                body(response)["detail"], str
            ):
                # The cart is full (SHOP_MAX_CART_LINES): buy what it holds.
                self.checkout(cart, products)
                cart = {}
                response = self.api.call(
                    "POST", "/cart/items", expect=(200, 409),
                    json={"product_id": product["id"], "quantity": quantity},
                )  # fmt: skip
            if response.status_code == 409:
                refusal(response)  # names the shortage, or raises
                with self.tally.lock:
                    self.tally.refusals[sku] += 1
                continue
            cart[sku] = quantity
        self.checkout(cart, products)

    def check_cart(self, cart: dict[str, int]) -> None:
        data = body(self.api.call("GET", "/cart"))
        held = {line["product"]["sku"]: line["quantity"] for line in data["lines"]}
        if held != cart:
            self.problem(f"cart holds {held}, expected {cart}")
        for line in data["lines"]:
            if line["subtotal"] != line["unit_price"] * line["quantity"]:
                self.problem(f"cart line {line['product']['sku']}: subtotal "
                             f"{line['subtotal']} != {line['quantity']} x "
                             f"{line['unit_price']}")  # fmt: skip
        if data["items"] != sum(cart.values()):
            self.problem(f"cart items {data['items']} != {sum(cart.values())}")

    def checkout(self, cart: dict[str, int], products: dict[str, dict]) -> None:
        while cart:
            self.check_cart(cart)
            response = self.api.call(
                "POST", "/orders", expect=(201, 409),
                headers={"Idempotency-Key": f"uat-{uuid.uuid4()}"},
            )  # fmt: skip
            if response.status_code == 201:
                self.placed_order(body(response), cart, products)
                return
            # Another shopper took the last units since they were added:
            # drop the short lines and try again with the rest.
            for item in refusal(response):
                sku = next(s for s in cart if products[s]["id"] == item["product_id"])
                with self.tally.lock:
                    self.tally.refusals[sku] += 1
                self.api.call("DELETE", f"/cart/items/{item['product_id']}")
                del cart[sku]

    def placed_order(self, order: dict, cart: dict, products: dict) -> None:
        lines = {line["sku"]: line for line in order["lines"]}
        if {sku: line["quantity"] for sku, line in lines.items()} != cart:
            self.problem(f"order {order['id']} lines {lines} differ from cart {cart}")
        total = sum((x["unit_price"] * x["quantity"] for x in lines.values()),
                    Decimal("0"))  # fmt: skip
        if order["total"] != total:
            self.problem(f"order {order['id']}: total {order['total']} != "
                         f"sum of quantity x unit price {total}")  # fmt: skip
        for sku, line in lines.items():
            if sku in products and line["unit_price"] != products[sku]["price"]:
                self.problem(f"order {order['id']} {sku}: unit price "
                             f"{line['unit_price']} != catalogue "
                             f"{products[sku]['price']}")  # fmt: skip
            if line["line_total"] != line["unit_price"] * line["quantity"]:
                self.problem(f"order {order['id']} {sku}: line total wrong")
        if self.api.call("GET", "/cart").json()["lines"]:
            self.problem(f"the cart is not empty after order {order['id']}")
        with self.tally.lock:
            self.tally.bought.update(cart)
            self.tally.orders.append(order)
        self.placed.append(order)

    def read_back(self) -> None:
        listed, page = {}, 1
        while True:
            data = body(self.api.call("GET", "/orders",
                                      params={"size": PAGE, "page": page}))  # fmt: skip
            listed.update({o["id"]: o for o in data["items"]})
            if page >= data["pages"]:
                break
            page += 1
        for order in self.placed:
            again = body(self.api.call("GET", f"/orders/{order['id']}"))
            if again != order:
                self.problem(f"order {order['id']} reads back changed: {again}")
            if order["id"] not in listed:
                self.problem(f"order {order['id']} missing from GET /orders")

    def problem(self, text: str) -> None:
        self.tally.add("problems", f"shopper {self.n}: {text}")


def parse_quantities(pairs: list[str]) -> dict[str, int]:
    found = {}
    for pair in pairs:
        sku, sep, value = pair.partition("=")
        if not sep or not sku or not value.isdigit() or int(value) < 1:
            raise argparse.ArgumentTypeError(f"--quantity {pair!r}: use SKU=N, N >= 1")
        found[sku] = int(value)
    return found


def options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[2],
    )
    add = parser.add_argument
    add("--base-url", default=os.environ.get("SHOP_BASE_URL",
                                             "http://127.0.0.1:8000/shop"))  # fmt: skip
    add("--shoppers", type=int, default=3, help="how many shoppers (default 3)")
    add("--iterations", type=int, default=1, help="purchase rounds per shopper")
    add("--purchase-mode", choices=("one", "all"), default="one",
        help="one product per round, or every active in-stock product")  # fmt: skip
    add("--quantity", action="append", default=[], metavar="SKU=N",
        help="buy N of SKU whenever it is bought (repeatable; default 1)")  # fmt: skip
    add("--concurrency", type=int, default=1, help="shoppers at once (threads)")
    add("--email-template", default="uat-shopper-{n}@example.com")
    add("--password", default=os.environ.get("UAT_PASSWORD", DEFAULT_PASSWORD))
    add("--reset", action="store_true",
        help="POST /admin/reset first (needs the admin credentials)")  # fmt: skip
    add("--seed", type=int, default=1, help="the seed for --reset")
    add("--admin-email", default=os.environ.get("SHOP_ADMIN_EMAIL"))
    add("--admin-password", default=os.environ.get("SHOP_ADMIN_PASSWORD"))
    add("--after-shopping", metavar="CMD",
        help="shell command run before the second stock reading")  # fmt: skip
    add("--timeout", type=float, default=30, help="seconds per request")
    args = parser.parse_args(argv)
    try:
        args.quantity = parse_quantities(args.quantity)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    if min(args.shoppers, args.iterations, args.concurrency) < 1:
        parser.error("--shoppers, --iterations and --concurrency must be >= 1")
    if args.reset and not (args.admin_email and args.admin_password):
        parser.error("--reset needs --admin-email and --admin-password")
    return args


def reset(args, tally: Tally) -> None:
    admin = Api(args.base_url, tally, args.timeout)
    try:
        tokens = body(admin.call("POST", "/auth/login", json={
            "email": args.admin_email, "password": args.admin_password}))  # fmt: skip
        admin.authorize(tokens["access_token"])
        admin.call("POST", "/admin/reset", json={"seed": args.seed})
    finally:
        admin.close()


def compare(before: dict, after: dict, tally: Tally) -> list[tuple]:
    rows = []
    for sku in sorted(set(before) | set(after)):
        was = before.get(sku, {}).get("stock")
        now = after.get(sku, {}).get("stock")
        bought = tally.bought[sku]
        ok = was is not None and now is not None and was - bought == now
        if not ok:
            tally.problems.append(
                f"{sku}: stock before {was} - bought {bought} != after {now}"
            )
        if bought or tally.refusals[sku] or not ok:
            rows.append((sku, was, bought, now, tally.refusals[sku], ok))
    return rows


def report(args, tally: Tally, rows: list[tuple], listed: int, elapsed: float):
    units = sum(tally.bought.values())
    print(f"UAT simulation against {args.base_url}")
    print(f"  mode {args.purchase_mode}, {args.iterations} iteration(s), "
          f"concurrency {args.concurrency}")  # fmt: skip
    summary = [("shoppers", args.shoppers), ("orders", len(tally.orders)),
               ("units", units), ("refusals", sum(tally.refusals.values())),
               ("requests", tally.requests), ("errors", len(tally.errors)),
               ("elapsed", f"{elapsed:.2f} s"),
               ("req/s", f"{tally.requests / elapsed:.1f}" if elapsed else "-")]  # fmt: skip
    for name, value in summary:
        print(f"  {name:<10} {value}")
    print()
    print(f"  {'SKU':<14} {'before':>7} {'bought':>7} {'after':>7} "
          f"{'refused':>8}  check")  # fmt: skip
    for sku, was, bought, now, refused, ok in rows:
        print(f"  {sku:<14} {was if was is not None else '-':>7} {bought:>7} "
              f"{now if now is not None else '-':>7} {refused:>8}  "
              f"{'ok' if ok else 'MISMATCH'}")  # fmt: skip
    print(f"  ({len(rows)} of {listed} products shown: "
          "those bought, refused or mismatched)")  # fmt: skip
    print()
    for text in tally.errors:
        print(f"ERROR {text}")
    for text in tally.problems:
        print(f"INCONSISTENT {text}")
    failed = len(tally.errors) + len(tally.problems)
    print("RESULT: " + ("OK" if not failed else f"FAILED ({failed} problem(s))"))


def main(argv: list[str] | None = None) -> int:
    args = options(argv)
    tally = Tally()
    started = time.perf_counter()
    browser = Api(args.base_url, tally, args.timeout)
    try:
        if args.reset:
            reset(args, tally)
        before = catalogue(browser)
    except (Unexpected, httpx.HTTPError) as exc:
        print(f"error: {args.base_url}: {exc}", file=sys.stderr)
        return 2
    unknown = sorted(set(args.quantity) - set(before))
    if unknown:
        print(f"error: --quantity names unknown SKUs: {', '.join(unknown)}",
              file=sys.stderr)  # fmt: skip
        return 2
    shoppers = [Shopper(n, args, tally, before) for n in range(1, args.shoppers + 1)]
    with ThreadPoolExecutor(args.concurrency) as pool:
        list(pool.map(Shopper.run, shoppers))
    if args.after_shopping:
        subprocess.run(args.after_shopping, shell=True, check=False)
    try:
        after = catalogue(browser)
    except (Unexpected, httpx.HTTPError) as exc:
        tally.errors.append(f"reading stock after: {exc}")
        after = {}
    finally:
        browser.close()
    rows = compare(before, after, tally)
    report(args, tally, rows, len(before), time.perf_counter() - started)
    return 1 if tally.errors or tally.problems else 0


if __name__ == "__main__":
    sys.exit(main())
