"""The seeded catalogue: realistic categories, names, descriptions, prices and
stock levels (some low, some zero), drawn from one ``random.Random``."""

from __future__ import annotations

import random
import uuid
from decimal import Decimal

# slug: (name, price range in dollars, [(product noun, feature)...])
CATEGORIES: dict[str, tuple[str, tuple[int, int], list[tuple[str, str]]]] = {
    "electronics": (
        "Electronics",
        (15, 900),
        [
            ("Wireless Earbuds", "active noise cancelling and a 24-hour case"),
            ("Bluetooth Speaker", "waterproof housing and 12 hours of playback"),
            ("USB-C Charger", "65 W fast charging for laptops and phones"),
            ("Mechanical Keyboard", "hot-swappable switches and a PBT keycap set"),
            ("4K Monitor", "27-inch IPS panel with HDR10"),
            ("Smart Watch", "heart-rate, GPS and a week of battery"),
            ("Webcam", "1080p at 60 fps with dual microphones"),
        ],
    ),
    "home-kitchen": (
        "Home & Kitchen",
        (8, 350),
        [
            ("Chef's Knife", "German stainless steel, 8-inch blade"),
            ("French Press", "borosilicate glass, 1 litre"),
            ("Cast Iron Skillet", "pre-seasoned, 12-inch"),
            ("Stand Mixer", "5-quart bowl and ten speeds"),
            ("Bamboo Cutting Board", "with a juice groove"),
            ("Electric Kettle", "variable temperature, 1.7 litres"),
        ],
    ),
    "books": (
        "Books",
        (6, 60),
        [
            ("Field Guide to Birds", "over 800 species, illustrated"),
            ("Sourdough Handbook", "from starter to crumb, step by step"),
            ("History of the Atlantic", "five centuries of trade and empire"),
            ("Beginner's Python", "exercises and worked projects"),
            ("Mystery Anthology", "twelve classic detective stories"),
        ],
    ),
    "sports-outdoors": (
        "Sports & Outdoors",
        (10, 500),
        [
            ("Yoga Mat", "6 mm non-slip with a carry strap"),
            ("Trail Running Shoes", "grippy lugs and a rock plate"),
            ("Camping Tent", "two-person, 2.1 kg, three seasons"),
            ("Insulated Water Bottle", "keeps drinks cold for 24 hours"),
            ("Adjustable Dumbbells", "5 to 25 kg in one pair"),
            ("Headlamp", "400 lumens, rechargeable"),
        ],
    ),
    "toys-games": (
        "Toys & Games",
        (7, 120),
        [
            ("Building Blocks Set", "500 pieces in a storage tub"),
            ("Strategy Board Game", "two to five players, 60 minutes"),
            ("Jigsaw Puzzle", "1000 pieces, mountain lake"),
            ("Remote Control Car", "off-road, 30 km/h"),
            ("Plush Bear", "soft, machine washable"),
        ],
    ),
    "clothing": (
        "Clothing",
        (9, 220),
        [
            ("Merino T-Shirt", "odour resistant, 150 g/m²"),
            ("Rain Jacket", "waterproof and breathable, packable"),
            ("Wool Socks", "three pairs, cushioned sole"),
            ("Denim Jeans", "straight fit, organic cotton"),
            ("Fleece Hoodie", "recycled polyester, zip front"),
        ],
    ),
}
ADJECTIVES = ["Classic", "Pro", "Compact", "Deluxe", "Essential", "Eco", "Ultra",
              "Everyday", "Premium", "Lite"]  # fmt: skip
DEFAULT_PRODUCTS = 60


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    """A v4 UUID from the seeded generator: same seed, same ids."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def stock_level(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.1:
        return 0
    if roll < 0.25:
        return rng.randint(1, 5)  # low stock
    return rng.randint(10, 200)


def categories(rng: random.Random) -> list[dict]:
    return [
        {"id": seeded_uuid(rng), "slug": slug, "name": name}
        for slug, (name, _prices, _items) in CATEGORIES.items()
    ]


def products(rng: random.Random, count: int) -> list[dict]:
    """``count`` products spread over the categories, unique names and SKUs."""
    pool = [
        (slug, adjective, noun, feature)
        for slug, (_name, _prices, items) in CATEGORIES.items()
        for noun, feature in items
        for adjective in ADJECTIVES
    ]
    picked = rng.sample(pool, min(count, len(pool)))
    rows = []
    for number, (slug, adjective, noun, feature) in enumerate(picked, start=1):
        low, high = CATEGORIES[slug][1]
        cents = rng.randint(low * 100, high * 100)
        price = Decimal(cents - cents % 100 + 99) / 100  # $xx.99
        rows.append(
            {
                "id": seeded_uuid(rng),
                "sku": f"{slug[:3].upper()}-{number:04d}",
                "name": f"{adjective} {noun}",
                "description": f"{adjective} {noun.lower()}: {feature}.",
                "category_slug": slug,
                "price": price,
                "stock": stock_level(rng),
            }
        )
    return rows
