"""Realistic values, Faker-backed, chosen by format, ``x-faker`` hint or
property name.

Calling Faker per value costs tens of microseconds (it re-parses its format
strings every call), which would dominate a generated response. So the common
kinds are drawn once per process from Faker with a fixed seed into pools, and
each request picks from them with its own seeded ``random.Random``: realistic,
byte-for-byte reproducible, and about fifty times cheaper. ``x-faker`` hints
call Faker itself (seeded per body).
"""

from __future__ import annotations

import base64
import datetime as dt
import random
import re
import uuid
from collections.abc import Callable
from functools import cache
from typing import Any

POOL_SIZE = 256
POOL_SEED = 20240601
# Fixed window so that dates never depend on "now" (reproducibility).
EPOCH_START = int(dt.datetime(2018, 1, 1, tzinfo=dt.UTC).timestamp())
EPOCH_END = int(dt.datetime(2025, 12, 31, tzinfo=dt.UTC).timestamp())
FAKER_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# Faker methods that change state, read files, or return non-JSON blobs.
FAKER_BLOCKLIST = frozenset(
    {
        "seed", "seed_instance", "seed_locale", "add_provider", "set_formatter",
        "set_arguments", "get_arguments", "del_arguments", "format", "parse",
        "get_formatter", "get_providers", "provider", "random", "binary", "image",
        "zip", "tar", "json", "json_bytes", "csv", "tsv", "psv", "dsv", "xml",
        "fixed_width", "pystruct", "pyobject", "pyiterable", "pylist", "pyset",
        "pytuple", "pydict", "enum", "unique", "optional", "items", "locales",
        "weights", "factories",
    }
)  # fmt: skip


def _new_faker() -> Any:
    # Imported on first use: Faker costs a quarter of a second to import, and
    # every process that loads the mock models imports this module.
    from faker import Faker

    return Faker("en_US").factories[0]  # single locale: no proxy overhead


@cache
def faker() -> Any:
    """The per-process Faker generator, for ``x-faker`` hints."""
    return _new_faker()


@cache
def pools() -> dict[str, list[str]]:
    """The common kinds, drawn once per process from a fixed-seed Faker."""
    fake = _new_faker()
    fake.seed_instance(POOL_SEED)

    def draw(fn: Callable[[], Any]) -> list[str]:
        return [str(fn()) for _ in range(POOL_SIZE)]

    return {
        "first_name": draw(fake.first_name),
        "last_name": draw(fake.last_name),
        "city": draw(fake.city),
        "street": draw(fake.street_address),
        "state": draw(fake.state),
        "country": draw(fake.country),
        "country_code": draw(fake.country_code),
        "company": draw(fake.company),
        "job": draw(fake.job),
        "word": draw(fake.word),
        "sentence": draw(fake.sentence),
        "domain": draw(fake.domain_name),
        "free_domain": draw(fake.free_email_domain),
        "currency": draw(fake.currency_code),
        "color": draw(fake.color_name),
        "user_agent": draw(fake.user_agent),
        "language": draw(fake.language_code),
        "phone": draw(lambda: fake.numerify("+1-###-###-####")),
    }


def _pick(rng: random.Random, kind: str) -> str:
    pool = pools()[kind]
    return pool[rng.randrange(len(pool))]


def full_name(rng: random.Random) -> str:
    return f"{_pick(rng, 'first_name')} {_pick(rng, 'last_name')}"


def email(rng: random.Random) -> str:
    first = _pick(rng, "first_name").lower()
    last = _pick(rng, "last_name").lower()
    return f"{first}.{last}{rng.randrange(1, 100)}@{_pick(rng, 'free_domain')}"


def timestamp(rng: random.Random) -> dt.datetime:
    return dt.datetime.fromtimestamp(rng.randrange(EPOCH_START, EPOCH_END), tz=dt.UTC)


def date_time(rng: random.Random) -> str:
    return timestamp(rng).strftime("%Y-%m-%dT%H:%M:%SZ")


def date(rng: random.Random) -> str:
    return timestamp(rng).strftime("%Y-%m-%d")


def time_(rng: random.Random) -> str:
    return timestamp(rng).strftime("%H:%M:%SZ")


def uuid4(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def url(rng: random.Random) -> str:
    return f"https://www.{_pick(rng, 'domain')}/{_pick(rng, 'word')}"


def ipv4(rng: random.Random) -> str:
    return ".".join(str(rng.randrange(1, 255)) for _ in range(4))


def ipv6(rng: random.Random) -> str:
    return ":".join(f"{rng.getrandbits(16):x}" for _ in range(8))


def words(rng: random.Random, n: int) -> str:
    return " ".join(_pick(rng, "word") for _ in range(n))


FORMATS: dict[str, Callable[[random.Random], str]] = {
    "uuid": uuid4,
    "email": email,
    "idn-email": email,
    "date": date,
    "date-time": date_time,
    "time": time_,
    "uri": url,
    "url": url,
    "iri": url,
    "uri-reference": lambda r: f"/{_pick(r, 'word')}/{r.randrange(1, 1000)}",
    "iri-reference": lambda r: f"/{_pick(r, 'word')}/{r.randrange(1, 1000)}",
    "uri-template": lambda r: f"https://{_pick(r, 'domain')}/{{id}}",
    "hostname": lambda r: _pick(r, "domain"),
    "idn-hostname": lambda r: _pick(r, "domain"),
    "ipv4": ipv4,
    "ipv6": ipv6,
    "duration": lambda r: f"P{r.randrange(1, 30)}DT{r.randrange(0, 24)}H",
    "regex": lambda r: "^[a-z]+$",
    "json-pointer": lambda r: f"/{_pick(r, 'word')}/{r.randrange(0, 10)}",
    "relative-json-pointer": lambda r: f"{r.randrange(0, 3)}/{_pick(r, 'word')}",
    "byte": lambda r: base64.b64encode(r.randbytes(12)).decode(),
    "binary": lambda r: r.randbytes(8).hex(),
    "password": lambda r: "".join(
        r.choice("abcdefghjkmnpqrstuvwxyzACDEFGH23456789") for _ in range(14)
    ),
    "phone": lambda r: _pick(r, "phone"),
}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


# Property-name hints for strings (normalized: lower case, no separators).
STRING_HINTS: dict[str, Callable[[random.Random], str]] = {}


def _hint(names: str, fn: Callable[[random.Random], str]) -> None:
    for name in names.split():
        STRING_HINTS[name] = fn


_hint("email mail emailaddress", email)
_hint("name fullname displayname customername contactname", full_name)
_hint("firstname givenname forename", lambda r: _pick(r, "first_name"))
_hint("lastname surname familyname", lambda r: _pick(r, "last_name"))
_hint(
    "username login handle nickname",
    lambda r: f"{_pick(r, 'first_name').lower()}{r.randrange(1, 1000)}",
)
_hint("city town locality", lambda r: _pick(r, "city"))
_hint("country countryname", lambda r: _pick(r, "country"))
_hint("countrycode", lambda r: _pick(r, "country_code"))
_hint("state province region", lambda r: _pick(r, "state"))
_hint(
    "street streetaddress address address1 addressline1 line1",
    lambda r: _pick(r, "street"),
)
_hint("postalcode zip zipcode postcode", lambda r: f"{r.randrange(0, 100000):05d}")
_hint("phone phonenumber mobile telephone tel cellphone", lambda r: _pick(r, "phone"))
_hint(
    "company companyname organization organisation employer",
    lambda r: _pick(r, "company"),
)
_hint("job jobtitle occupation", lambda r: _pick(r, "job"))
_hint("title subject headline", lambda r: words(r, 3).capitalize())
_hint(
    "description summary bio comment notes note message text body",
    lambda r: _pick(r, "sentence"),
)
_hint("url website homepage link href", url)
_hint(
    "avatar image imageurl photo picture thumbnail",
    lambda r: f"https://picsum.photos/seed/{r.randrange(1, 10**6)}/200",
)
_hint("currency currencycode", lambda r: _pick(r, "currency"))
_hint(
    "createdat updatedat deletedat modifiedat timestamp datetime lastlogin lastseen",
    date_time,
)
_hint("date birthdate dateofbirth dob birthday", date)
_hint("id uuid guid", uuid4)
_hint(
    "sku",
    lambda r: (
        f"{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(3))}-{r.randrange(10000, 100000)}"
    ),
)
_hint("color colour", lambda r: _pick(r, "color"))
_hint("language locale lang", lambda r: _pick(r, "language"))
_hint("ip ipaddress ipv4", ipv4)
_hint("useragent", lambda r: _pick(r, "user_agent"))
_hint("token accesstoken apikey secret", lambda r: r.randbytes(16).hex())
_hint("slug", lambda r: f"{_pick(r, 'word')}-{_pick(r, 'word')}")
_hint(
    "tag tags word keyword keywords label labels category", lambda r: _pick(r, "word")
)
_hint("domain hostname host", lambda r: _pick(r, "domain"))


def string_by_name(name: str | None, rng: random.Random) -> str | None:
    if not name:
        return None
    key = _norm(name)
    fn = STRING_HINTS.get(key)
    if fn is None:
        if key.endswith("email"):
            fn = email
        elif key.endswith(("at", "time")) and key[:-2] in ("created", "updated"):
            fn = date_time
        elif key.endswith("id") and len(key) > 2:
            fn = uuid4
        elif key.endswith("url"):
            fn = url
        elif key.endswith("name"):
            fn = full_name
    return fn(rng) if fn else None


# (low, high, decimals) realistic ranges for numbers by property name.
NUMBER_HINTS: dict[str, tuple[float, float, int]] = {}
for _names, _range in (
    (
        "price amount total cost subtotal balance fee tax unitprice grandtotal",
        (1, 500, 2),
    ),
    ("age", (18, 90, 0)),
    ("quantity qty count items", (1, 20, 0)),
    ("latitude lat", (-90, 90, 6)),
    ("longitude lng lon long", (-180, 180, 6)),
    ("rating stars score", (1, 5, 1)),
    ("percent percentage discount", (0, 100, 1)),
    ("year", (1990, 2025, 0)),
    ("weight", (0.1, 50, 2)),
):
    for _n in _names.split():
        NUMBER_HINTS[_n] = _range


def number_range_by_name(name: str | None) -> tuple[float, float, int] | None:
    return NUMBER_HINTS.get(_norm(name)) if name else None


def call_faker(hint: Any, rng: random.Random) -> Any:
    """Value of an ``x-faker`` hint: "name", "address.city" or {"pyint": {...}}."""
    kwargs: dict[str, Any] = {}
    if isinstance(hint, dict) and len(hint) == 1:
        hint, kwargs = next(iter(hint.items()))
        if not isinstance(kwargs, dict):
            return None
    if not isinstance(hint, str):
        return None
    method = hint.rsplit(".", 1)[-1]
    if not FAKER_NAME_RE.match(method) or method in FAKER_BLOCKLIST:
        return None
    fake = faker()
    fn = getattr(fake, method, None)
    if not callable(fn):
        return None
    fake.seed_instance(rng.getrandbits(32))
    try:
        value = fn(**kwargs)
    except Exception:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    try:
        return float(value)  # Decimal
    except (TypeError, ValueError):
        return str(value)
