"""How big each entity's universe is, and how records point at each other.

References are index arithmetic on these sizes, never lookups: an order
draws its user's index below ``SIZES["users"]``, so every ``user_id`` in
``/orders?seed=S`` is one of the first 10,000 users of ``/users?seed=S``.
One-to-one entities share the index (payment i and shipment i belong to
order i), and returns take the one order per block of ``RETURN_BLOCK``
orders whose status the generator fixes to ``delivered``.
"""

from __future__ import annotations

from functools import lru_cache

from .keys import draws

SIZES: dict[str, int] = {
    "users": 10_000,
    "categories": 60,
    "vendors": 500,
    "products": 10_000,
    "warehouses": 24,
    "inventory": 30_000,  # three warehouses per product
    "orders": 1_000_000,
    "payments": 1_000_000,  # payment i pays order i
    "shipping": 1_000_000,  # shipment i ships order i
    "returns": 100_000,  # return i: the returnable order of block i
    "reviews": 1_000_000,
    "support-tickets": 1_000_000,
    "promotions": 500,
    "subscriptions": 10_000,  # at most one per user
    "wishlists": 10_000,  # wishlist i belongs to user i
    "carts": 100_000,
    "notifications": 1_000_000,
    "analytics/users": 10_000,  # row i describes user i
    "analytics/products": 10_000,  # row i describes product i
}
TOP_CATEGORIES = 12
WAREHOUSES_PER_PRODUCT = 3
RETURN_BLOCK = 10
# gcd(SUBSCRIPTION_STRIDE, users) == 1, so i -> i * stride mod users is a
# bijection: no user has two subscriptions.
SUBSCRIPTION_STRIDE = 7919


@lru_cache(maxsize=4096)  # ten consecutive orders ask for the same block
def returnable_order(seed: int, block: int) -> int:
    """The order of ``block`` that is delivered by construction."""
    return block * RETURN_BLOCK + draws(seed, "orders/slot", block).below(RETURN_BLOCK)


def inventory_pair(seed: int, index: int) -> tuple[int, int]:
    """(product, warehouse) of inventory row ``index``; distinct per product
    because the three warehouses are a third of the ring apart."""
    product, k = divmod(index, WAREHOUSES_PER_PRODUCT)
    first = draws(seed, "inventory/ring", product).below(SIZES["warehouses"])
    step = SIZES["warehouses"] // WAREHOUSES_PER_PRODUCT
    return product, (first + k * step) % SIZES["warehouses"]


def subscription_user(index: int) -> int:
    return index * SUBSCRIPTION_STRIDE % SIZES["users"]
