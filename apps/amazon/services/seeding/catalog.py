"""The products a seeded seller sells: SKUs, ASINs, titles, US prices."""

import random
import string
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from apps.amazon import factories

CENT = Decimal("0.01")
FX = {"USD": Decimal("1"), "CAD": Decimal("1.36"), "MXN": Decimal("17.2")}
PRODUCT_LINES = [
    ("HOME", ["Bamboo Cutting Board", "Cotton Bath Towel Set", "Ceramic Planter"]),
    (
        "KITCHEN",
        ["Stainless Steel Water Bottle", "Silicone Spatula Set", "French Press"],
    ),
    ("LUGGAGE", ["Hardside Carry-On Spinner", "Packing Cubes 6-Pack", "Travel Duffel"]),
    ("TOYS_AND_GAMES", ["Wooden Puzzle Set", "Magnetic Building Tiles", "Card Game"]),
    ("SPORTING_GOODS", ["Yoga Mat 6mm", "Resistance Bands Set", "Jump Rope"]),
    (
        "OFFICE_PRODUCTS",
        ["Gel Pens 24-Pack", "Desk Organizer", "Spiral Notebook 3-Pack"],
    ),
    ("PET_SUPPLIES", ["Dog Chew Toy", "Cat Scratching Post", "Pet Grooming Brush"]),
]
ADJECTIVES = ["Premium", "Eco", "Classic", "Compact", "Deluxe", "Everyday", "Pro"]


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Product:
    sku: str
    asin: str
    fnsku: str
    title: str
    product_type: str
    price_usd: Decimal
    fba: bool


def _sku(rng: random.Random, index: int) -> str:
    chars = string.ascii_uppercase + string.digits
    head = "".join(rng.choices(string.ascii_uppercase, k=2))
    body = "".join(rng.choices(chars, k=4)) + "-" + "".join(rng.choices(chars, k=4))
    # Some sellers use slashes in SKUs (bundles); clients send them as %2F.
    return f"{head}/{body}" if index % 9 == 4 else f"{head}-{body}"


def products(rng: random.Random, count: int) -> list[Product]:
    """``count`` products, ASINs unique, about 55 % fulfilled by Amazon."""
    made = []
    asins: set[str] = set()
    for index in range(count):
        product_type, names = PRODUCT_LINES[index % len(PRODUCT_LINES)]
        asin = factories.make_asin(rng)
        while asin in asins:
            asin = factories.make_asin(rng)
        asins.add(asin)
        fba = rng.random() < 0.55
        made.append(
            Product(
                sku=_sku(rng, index),
                asin=asin,
                fnsku=factories.make_fnsku(rng) if fba else "",
                title=f"{rng.choice(ADJECTIVES)} {rng.choice(names)}",
                product_type=product_type,
                price_usd=Decimal(rng.randrange(699, 8999)) / 100,
                fba=fba,
            )
        )
    return made
