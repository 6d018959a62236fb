"""The journal: every call to every API family, recorded for inspection,
export (JSONL trajectories) and replay.

Recording is off the critical path: a call becomes a plain dict
(``build_entry``: redacted, capped, tagged) appended to a bounded in-process
buffer (``writer``), which a background thread writes in batches (COPY on
PostgreSQL). ``JournalMiddleware`` records the families Django serves; the
mock engine's edge records its own. Each record carries its family,
operation, principal (never a secret), tags (a chaos fault is ``chaos:<name>``)
and episode (``X-Episode-Id``), so calls can be filtered and exported per
family, operation or training episode. Retention: ``journal_prune``.
"""

from .models import JournalEntry
from .queries import (
    families_seen,
    iter_jsonl,
    journal_filter,
    journal_prune,
    journal_readable_by,
)
from .recording import (
    annotate,
    build_entry,
    chaos_tags,
    episode_of,
    now_ms,
    principal_of,
    record,
)
from .redaction import REDACTED, capped_text, redact_headers, redact_query
from .writer import writer

__all__ = [
    "REDACTED",
    "JournalEntry",
    "annotate",
    "build_entry",
    "capped_text",
    "chaos_tags",
    "episode_of",
    "families_seen",
    "iter_jsonl",
    "journal_filter",
    "journal_prune",
    "journal_readable_by",
    "now_ms",
    "principal_of",
    "record",
    "redact_headers",
    "redact_query",
    "writer",
]
