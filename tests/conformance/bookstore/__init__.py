"""The bookstore's black-box conformance suite: HTTP only, against a base URL
(``BOOKSTORE_BASE_URL``), assuming nothing but docs/bookstore.md and a fresh
seed. Another implementation of the API must pass it unchanged."""
