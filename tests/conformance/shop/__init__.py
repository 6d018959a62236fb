"""The shop's black-box conformance suite: HTTP only, against a base URL
(``SHOP_BASE_URL``), assuming nothing but docs/shop.md and a seeded shop with
an admin account. Another implementation of the API must pass it unchanged."""
