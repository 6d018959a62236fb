"""ISO 8601 instants as SP-API clients send them."""

from datetime import UTC, date, datetime, time


def parse_iso_instant(text: str) -> datetime:
    """``Z``, offsets, fractions or a bare date, as an aware UTC datetime;
    naive values are taken as UTC. Raises ValueError when it is not ISO 8601."""
    text = text.strip()
    if len(text) == 10:
        parsed = datetime.combine(date.fromisoformat(text), time.min)
    else:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
