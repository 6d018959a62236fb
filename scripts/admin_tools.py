#!/usr/bin/env python3
"""The shop's admin tools, over its HTTP API with an admin's credentials.

    scripts/admin_tools.py [--base-url URL] [--email E --password P] COMMAND
      reset [--seed N]          restore the seeded catalogue, stock, demo accounts
      promote EMAIL             give a user the admin role
      demote EMAIL              back to shopper
      set-stock PRODUCT QTY     set a product's stock (PRODUCT: its SKU or id)
      low-stock [--below N]     active products with fewer than N in stock (5)
      list-users                every user and their role

``--base-url`` (``SHOP_BASE_URL``, default http://127.0.0.1:8000/shop),
``--email`` (``SHOP_ADMIN_EMAIL``) and ``--password`` (``SHOP_ADMIN_PASSWORD``);
low-stock reads the public catalogue and needs no credentials. An API error
is printed with the API's own detail and exits 1; bad arguments or an
unreachable server exit 2."""

from __future__ import annotations

import argparse
import os
import re
import sys

import httpx

API = "/api/v1"
PAGE = 100
UUID = re.compile(r"^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$", re.I)


class ApiFailed(Exception):
    def __init__(self, response: httpx.Response) -> None:
        request = response.request
        super().__init__(
            f"{request.method} {request.url.path} -> {response.status_code}: "
            f"{describe(response)}"
        )


def describe(response: httpx.Response) -> str:
    """The API's detail: a string, a structured detail's msg, or each 422 item."""
    try:
        detail = response.json()["detail"]
    except (ValueError, KeyError, TypeError):
        return response.text[:300] or response.reason_phrase
    if isinstance(detail, list):
        return "; ".join(
            f"{'.'.join(str(p) for p in item.get('loc', []))}: {item.get('msg')}"
            for item in detail
        )
    if isinstance(detail, dict):
        return str(detail.get("msg", detail))
    return str(detail)


class Shop:
    def __init__(self, base_url: str, timeout: float = 30) -> None:
        self.http = httpx.Client(base_url=base_url.rstrip("/") + API, timeout=timeout)

    def call(self, method: str, path: str, **kwargs):
        response = self.http.request(method, path, **kwargs)
        if response.is_error:
            raise ApiFailed(response)
        return response.json()

    def login(self, email: str | None, password: str | None) -> None:
        if not (email and password):
            raise SystemExit(
                "error: admin credentials needed: --email and --password "
                "(or SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD)"
            )
        tokens = self.call(
            "POST", "/auth/login", json={"email": email, "password": password}
        )
        self.http.headers["Authorization"] = f"Bearer {tokens['access_token']}"

    def pages(self, path: str, **params):
        page = 1
        while True:
            data = self.call("GET", path, params={**params, "size": PAGE, "page": page})
            yield from data["items"]
            if page >= data["pages"]:
                return
            page += 1

    def user(self, email: str) -> dict:
        wanted = email.strip().lower()
        for user in self.pages("/admin/users"):
            if user["email"] == wanted:
                return user
        raise SystemExit(f"error: no shop user with email {email}")

    def product_id(self, product: str) -> str:
        if UUID.match(product):
            return product
        for item in self.pages("/products"):
            if item["sku"] == product:
                return item["id"]
        # Withdrawn products are not in the public catalogue: use their id.
        raise SystemExit(f"error: no active product with SKU {product}")


def cmd_reset(shop: Shop, args) -> None:
    outcome = shop.call("POST", "/admin/reset", json={"seed": args.seed})
    counts = outcome.get("summary", {}).get("counts", {})
    shown = ", ".join(f"{v} {k}" for k, v in counts.items())
    print(f"reset with seed {args.seed}" + (f": {shown}" if shown else ""))


def set_role(role: str):
    def run(shop: Shop, args) -> None:
        user = shop.user(args.email_arg)
        done = shop.call("PUT", f"/admin/users/{user['id']}/role", json={"role": role})
        print(f"{done['email']} is now {done['role']}")

    return run


def cmd_set_stock(shop: Shop, args) -> None:
    product_id = shop.product_id(args.product)
    change = shop.call(
        "PUT", f"/admin/products/{product_id}/inventory",
        json={"stock": args.quantity, "note": args.note},
    )  # fmt: skip
    print(f"{args.product}: stock {change['stock_after']} "
          f"(change {change['delta']:+d})")  # fmt: skip


def cmd_low_stock(shop: Shop, args) -> None:
    low = [p for p in shop.pages("/products", sort="stock") if p["stock"] < args.below]
    print(f"{len(low)} product(s) with fewer than {args.below} in stock")
    for product in low:
        print(f"  {product['sku']:<14} {product['stock']:>5}  {product['name']}")


def cmd_list_users(shop: Shop, args) -> None:
    users = list(shop.pages("/admin/users"))
    print(f"{len(users)} user(s)")
    for user in users:
        print(f"  {user['email']:<40} {user['role']:<8} {user['name']}")


def options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[2],
    )
    parser.add_argument(
        "--base-url",
        default=os.environ.get("SHOP_BASE_URL", "http://127.0.0.1:8000/shop"),
    )
    parser.add_argument("--email", default=os.environ.get("SHOP_ADMIN_EMAIL"))
    parser.add_argument("--password", default=os.environ.get("SHOP_ADMIN_PASSWORD"))
    commands = parser.add_subparsers(dest="command", required=True)
    reset = commands.add_parser("reset", help="restore the seeded shop")
    reset.add_argument("--seed", type=int, default=1)
    reset.set_defaults(run=cmd_reset, admin=True)
    for name, role in (("promote", "admin"), ("demote", "shopper")):
        sub = commands.add_parser(name, help=f"make a user {role}")
        sub.add_argument("email_arg", metavar="EMAIL")
        sub.set_defaults(run=set_role(role), admin=True)
    stock = commands.add_parser("set-stock", help="set a product's stock")
    stock.add_argument("product", metavar="PRODUCT", help="SKU or product id")
    stock.add_argument("quantity", metavar="QTY", type=int)
    stock.add_argument("--note", default="admin_tools set-stock")
    stock.set_defaults(run=cmd_set_stock, admin=True)
    low = commands.add_parser("low-stock", help="products running out")
    low.add_argument("--below", type=int, default=5)
    low.set_defaults(run=cmd_low_stock, admin=False)
    users = commands.add_parser("list-users", help="every user and role")
    users.set_defaults(run=cmd_list_users, admin=True)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = options(argv)
    shop = Shop(args.base_url)
    try:
        if args.admin:
            shop.login(args.email, args.password)
        args.run(shop, args)
    except ApiFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except httpx.HTTPError as exc:
        print(f"error: {args.base_url}: {exc}", file=sys.stderr)
        return 2
    finally:
        shop.http.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
