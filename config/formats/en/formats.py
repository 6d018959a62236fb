"""Dates in English: day, abbreviated month and year ("2 Dec 2026"), and a
24-hour clock, so that no date reads two ways (12/01 is not 1 December to
everyone) and the list and detail pages agree. Django's own English formats
fill in everything not set here (numbers, input formats)."""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
