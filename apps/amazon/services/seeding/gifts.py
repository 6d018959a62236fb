"""Gift wrap, gift messages and Amazon Custom data of seeded order items."""

import random
import string
from decimal import Decimal

from apps.amazon.models import OrderItem

from .catalog import money

GIFT_MESSAGES = (
    "Happy birthday! Love, {name}",
    "Congratulations on the new job!",
    "Merry Christmas from all of us",
    "Thinking of you. {name}",
    "Enjoy, and thank you for everything!",
)


def gift_details(item: OrderItem, *, mfn: bool, tax_rate: Decimal, fx: Decimal) -> None:
    """Gift wrap, message and Amazon Custom data for getOrderItemsBuyerInfo.

    Drawn from a generator seeded by the item id, not the shared one, so adding
    these fields left every other seeded value as it was. Gift messages and
    Custom data exist for MFN items only, as the model notes."""
    item_rng = random.Random(item.order_item_id)
    if item.is_gift:
        item.gift_wrap_level = item_rng.choice(("Classic", "Premium"))
        item.gift_wrap_price = money(Decimal("3.99") * fx)
        item.gift_wrap_tax = money(item.gift_wrap_price * tax_rate)
        if mfn:
            name = item_rng.choice(("Ana", "Sam", "Kenji", "Priya", "Lukas"))
            item.gift_message_text = item_rng.choice(GIFT_MESSAGES).format(name=name)
    if mfn and item_rng.random() < 0.02:
        token = "".join(item_rng.choices(string.ascii_letters + string.digits, k=22))
        item.customized_url = (
            f"https://zme-caps.amazon.com/t/{token}/{item.order_item_id}.zip"
        )
