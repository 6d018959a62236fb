"""Dates in Brazilian Portuguese, in the same unambiguous shape as English
("2 dez 2026, 19:12"; Django translates the month); see
config/formats/en/formats.py."""

from config.formats.en.formats import (  # noqa: F401
    DATE_FORMAT,
    DATETIME_FORMAT,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
)
