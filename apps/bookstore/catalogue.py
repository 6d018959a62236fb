"""A realistic, seeded catalogue: real-looking titles, authors, publishers and
years, ISBN-13s with valid check digits, prices and stock levels (some low,
some zero). The same ``random.Random`` gives the same books. Django-free."""

from __future__ import annotations

import random
from decimal import Decimal

from .isbn import isbn13_check_digit

FIRST = [
    "Margaret",
    "James",
    "Elena",
    "Tomasz",
    "Ada",
    "Hiroshi",
    "Chloe",
    "Rafael",
    "Ingrid",
    "Samuel",
    "Priya",
    "Walter",
    "Yuki",
    "Beatriz",
    "Owen",
    "Nadia",
    "Colm",
    "Lucia",
    "Henrik",
    "Amara",
    "Daniel",
    "Sofia",
    "Isaac",
    "Maeve",
]
LAST = [
    "Atwood",
    "Holloway",
    "Ferrante",
    "Nowak",
    "Lindqvist",
    "Okafor",
    "Murakami",
    "Delgado",
    "Whitfield",
    "Brennan",
    "Castellanos",
    "Marsh",
    "Kowalczyk",
    "Thornton",
    "Achebe",
    "Sato",
    "Moreau",
    "Albright",
    "Vance",
    "Quinlan",
    "Hargreaves",
    "Rahman",
    "Osei",
    "Lund",
]
ADJECTIVES = [
    "Silent",
    "Last",
    "Hidden",
    "Broken",
    "Golden",
    "Distant",
    "Winter",
    "Forgotten",
    "Burning",
    "Quiet",
    "Northern",
    "Invisible",
    "Salt",
    "Glass",
    "Midnight",
    "Wild",
]
NOUNS = [
    "River",
    "Garden",
    "Cartographer",
    "Lighthouse",
    "Orchard",
    "Archive",
    "Harbor",
    "Kingdom",
    "Library",
    "Compass",
    "Meridian",
    "Tide",
    "Ember",
    "Atlas",
    "Bridge",
    "Winter",
    "Machine",
    "Orchestra",
]
PLACES = [
    "Lisbon",
    "the North Sea",
    "Kyoto",
    "the Steppe",
    "Avalon",
    "Prague",
    "the Delta",
    "Patagonia",
    "Marrakesh",
    "the Fens",
]
SUBJECTS = [
    "Distributed Systems",
    "Typography",
    "Bread",
    "Stoic Philosophy",
    "Tidal Physics",
    "Urban Gardening",
    "Medieval Maps",
    "Jazz Harmony",
    "Database Internals",
    "Birdsong",
    "Ceramics",
    "Deep Time",
]
PUBLISHERS = [("Penguin Random House", "0"), ("HarperCollins", "0"),
              ("Faber & Faber", "0"), ("Vintage Books", "1"), ("O'Reilly Media", "1"),
              ("Bloomsbury", "1"), ("Harbor Lane Press", "0"), ("Granta Books", "1"),
              ("No Starch Press", "1"), ("Picador", "0")]  # fmt: skip
PRICE_ENDINGS = (Decimal("0.99"), Decimal("0.95"), Decimal("0.50"), Decimal("0.00"))


def title(rng: random.Random) -> str:
    pattern = rng.randrange(6)
    adj, noun = rng.choice(ADJECTIVES), rng.choice(NOUNS)
    if pattern == 0:
        return f"The {adj} {noun}"
    if pattern == 1:
        return f"The {noun} of {rng.choice(PLACES)}"
    if pattern == 2:
        return f"A {adj} {noun}: A Novel"
    if pattern == 3:
        return f"{adj} {noun}s"
    if pattern == 4:
        return f"An Introduction to {rng.choice(SUBJECTS)}"
    return f"{rng.choice(SUBJECTS)}: A Field Guide"


def isbn13(rng: random.Random, group: str = "0") -> str:
    first12 = "978" + group + "".join(str(rng.randrange(10)) for _ in range(8))
    return first12 + isbn13_check_digit(first12)


def stock_level(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.10:
        return 0  # sold out
    if roll < 0.25:
        return rng.randint(1, 3)  # low
    return rng.randint(5, 60)


def price(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(7, 59)) + rng.choice(PRICE_ENDINGS)


def books(rng: random.Random, count: int) -> list[dict]:
    out: list[dict] = []
    seen: set[str] = set()
    while len(out) < count:
        publisher, group = rng.choice(PUBLISHERS)
        number = isbn13(rng, group)
        if number in seen:
            continue
        seen.add(number)
        out.append(
            {
                "isbn": number,
                "title": title(rng),
                "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "publisher": publisher,
                "year": rng.randint(1952, 2025),
                "price": price(rng),
                "stock": stock_level(rng),
            }
        )
    return out
