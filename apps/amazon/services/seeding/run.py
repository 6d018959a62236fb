"""``seed_amazon`` and ``reset_amazon``: the phases in their order."""

from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.amazon.models import AccessToken, Order, OrderItem
from apps.core.seeding import seeded

from .accounts import seed_application, seed_sellers
from .listings import seed_listings
from .orders import seed_orders
from .state import SeedRun, SeedSummary
from .wipe import wipe_domain_data


def anchor_default() -> datetime:
    raw = getattr(settings, "AMAZON_SEED_ANCHOR", "")
    if raw:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    now = timezone.now().astimezone(UTC)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def orders_per_seller(*, orders: int, sellers: int) -> list[int]:
    """``orders`` shared out, the first sellers taking the remainder."""
    return [
        orders // sellers + (1 if i < orders % sellers else 0) for i in range(sellers)
    ]


@transaction.atomic
def seed_amazon(
    *,
    sellers: int = 2,
    orders: int = 200,
    seed: int = 1,
    anchor: datetime | None = None,
) -> SeedSummary:
    """Create (or refresh) the seeded sellers and their data; idempotent per seed."""
    with seeded(seed) as rng:
        run = SeedRun(seed=seed, anchor=anchor or anchor_default(), rng=rng)
        app, summary = seed_application(run)
        accounts = seed_sellers(run, app=app, summary=summary, count=sellers)
        # Ids other sellers (of other seeds) hold are not drawn again.
        run.used_order_ids.update(
            Order.all_objects.values_list("amazon_order_id", flat=True)
        )
        run.used_item_ids.update(
            OrderItem.all_objects.values_list("order_item_id", flat=True)
        )
        shares = orders_per_seller(orders=orders, sellers=sellers)
        for index, seller in enumerate(accounts):
            catalog = seed_listings(run, seller=seller, orders=shares[index])
            seed_orders(
                run, seller=seller, index=index, catalog=catalog, count=shares[index]
            )
    summary.counts = run.counts
    return summary


@transaction.atomic
def reset_amazon(
    *,
    sellers: int = 2,
    orders: int = 200,
    seed: int = 1,
    anchor: datetime | None = None,
) -> SeedSummary:
    """Back to the seeded state: domain data rebuilt; credentials and issued
    access tokens of the seeded sellers stay valid."""
    wipe_domain_data()
    AccessToken.all_objects.filter(expires_at__lt=timezone.now()).hard_delete()
    return seed_amazon(sellers=sellers, orders=orders, seed=seed, anchor=anchor)
