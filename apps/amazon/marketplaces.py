"""Amazon marketplaces: ids, countries, sales channels, currencies and regions."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Marketplace:
    id: str
    country: str
    name: str
    sales_channel: str
    currency: str
    region: str
    locale: str
    tax_rate: str  # a plausible average sales tax / VAT used when seeding


MARKETPLACES: dict[str, Marketplace] = {
    m.id: m
    for m in (
        Marketplace(
            "ATVPDKIKX0DER",
            "US",
            "United States",
            "Amazon.com",
            "USD",
            "na",
            "en_US",
            "0.0825",
        ),
        Marketplace(
            "A2EUQ1WTGCTBG2", "CA", "Canada", "Amazon.ca", "CAD", "na", "en_CA", "0.13"
        ),
        Marketplace(
            "A1AM78C64UM0Y8",
            "MX",
            "Mexico",
            "Amazon.com.mx",
            "MXN",
            "na",
            "es_MX",
            "0.16",
        ),
        Marketplace(
            "A2Q3Y263D00KWC",
            "BR",
            "Brazil",
            "Amazon.com.br",
            "BRL",
            "na",
            "pt_BR",
            "0.17",
        ),
        Marketplace(
            "A1F83G8C2ARO7P",
            "GB",
            "United Kingdom",
            "Amazon.co.uk",
            "GBP",
            "eu",
            "en_GB",
            "0.20",
        ),
        Marketplace(
            "A1PA6795UKMFR9", "DE", "Germany", "Amazon.de", "EUR", "eu", "de_DE", "0.19"
        ),
        Marketplace(
            "A13V1IB3VIYZZH", "FR", "France", "Amazon.fr", "EUR", "eu", "fr_FR", "0.20"
        ),
        Marketplace(
            "APJ6JRA9NG5V4", "IT", "Italy", "Amazon.it", "EUR", "eu", "it_IT", "0.22"
        ),
        Marketplace(
            "A1RKKUPIHCS9HS", "ES", "Spain", "Amazon.es", "EUR", "eu", "es_ES", "0.21"
        ),
        Marketplace(
            "A1805IZSGTT6HS",
            "NL",
            "Netherlands",
            "Amazon.nl",
            "EUR",
            "eu",
            "nl_NL",
            "0.21",
        ),
        Marketplace(
            "A1VC38T7YXB528",
            "JP",
            "Japan",
            "Amazon.co.jp",
            "JPY",
            "fe",
            "ja_JP",
            "0.10",
        ),
        Marketplace(
            "A39IBJ37TRP1C6",
            "AU",
            "Australia",
            "Amazon.com.au",
            "AUD",
            "fe",
            "en_AU",
            "0.10",
        ),
    )
}

US = "ATVPDKIKX0DER"
CA = "A2EUQ1WTGCTBG2"


def marketplace(marketplace_id: str) -> Marketplace | None:
    return MARKETPLACES.get(marketplace_id)
