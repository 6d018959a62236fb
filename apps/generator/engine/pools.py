"""Seeded value pools per locale, built once per process from Faker.

Faker spends tens of microseconds per call; a 10,000-row response with a
dozen text fields would spend seconds in it. So each locale's words are drawn
from Faker once, with fixed seeds (not the request's), into tuples, and
records index into them with their own draws. The pools depend on Faker's
version, which requirements/base.txt pins exactly for that reason.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

POOL_SIZE = 1000
POOL_SEED = 20260101


@dataclass(frozen=True)
class Locale:
    code: str
    country: str
    country_code: str
    currency: str
    exponent: int  # digits after the decimal point (yen: none)
    rate: float  # price units per US cent (prices are drawn in US cents)
    tax_percent: int
    phone: str  # "#" is a digit
    carriers: tuple[str, ...]


LOCALES: dict[str, Locale] = {
    loc.code: loc
    for loc in (
        Locale("en_US", "United States", "US", "USD", 2, 1.0, 8,
               "+1 (###) ###-####", ("UPS", "FedEx", "USPS", "DHL Express")),
        Locale("pt_BR", "Brasil", "BR", "BRL", 2, 5.0, 17,
               "+55 (##) 9####-####", ("Correios", "Jadlog", "Loggi", "Total Express")),
        Locale("de_DE", "Deutschland", "DE", "EUR", 2, 0.92, 19,
               "+49 ### ########", ("DHL", "DPD", "Hermes", "GLS")),
        Locale("fr_FR", "France", "FR", "EUR", 2, 0.92, 20,
               "+33 # ## ## ## ##", ("La Poste", "Colissimo", "Chronopost", "DPD")),
        Locale("ja_JP", "日本", "JP", "JPY", 0, 1.5, 10,
               "+81 ##-####-####", ("Yamato Transport", "Sagawa Express", "Japan Post")),
    )
}  # fmt: skip
DEFAULT_LOCALE = "en_US"


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only (for usernames and emails)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


@dataclass(frozen=True)
class Pools:
    # (display first name, display last name, ASCII first, ASCII last)
    names: tuple[tuple[str, str, str, str], ...]
    streets: tuple[str, ...]
    places: tuple[tuple[str, str, str], ...]  # (city, state, postal code)
    companies: tuple[str, ...]
    sentences: tuple[str, ...]
    email_domains: tuple[str, ...]


@cache
def pools(code: str) -> Pools:
    from faker import Faker  # only here: the rest of the generator never calls it

    fake = Faker(code)
    fake.seed_instance(POOL_SEED)
    names = []
    for _ in range(POOL_SIZE):
        if code == "ja_JP":
            # Kanji for display, the romanized reading for usernames.
            first, _kana, first_ascii = fake.first_name_pair()
            last, _kana, last_ascii = fake.last_name_pair()
        else:
            first, last = fake.first_name(), fake.last_name()
            first_ascii, last_ascii = first, last
        names.append((first, last, ascii_slug(first_ascii), ascii_slug(last_ascii)))
    streets = tuple(fake.street_address() for _ in range(POOL_SIZE))
    places = tuple(
        (fake.city(), fake.administrative_unit(), fake.postcode())
        for _ in range(POOL_SIZE)
    )
    companies = tuple(fake.company() for _ in range(POOL_SIZE // 2))
    sentences = tuple(fake.sentence(nb_words=10) for _ in range(POOL_SIZE))
    domains = tuple(sorted({fake.free_email_domain() for _ in range(200)}))
    return Pools(tuple(names), streets, places, companies, sentences, domains)
