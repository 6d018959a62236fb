"""Idempotency keys, a piece of the kit any family's POST can use.

A client sends ``Idempotency-Key: <up to 255 characters>``. The first request
with a key claims it and runs; its answer (status and body) is stored in the
same database transaction as the work it did, so either both happen or
neither. A retry with the same key and the same request replays that answer
with ``Idempotent-Replayed: true``; the same key with another request body is
a 422; a retry while the first is still running is a 409. Keys are scoped by
operation and by caller (two callers may use the same key) and expire after
``IDEMPOTENCY_KEY_TTL_SECONDS`` (24 h); beat prunes them hourly.

In a view (``apps/bookstore/api/views.py``)::

    def post(self, request):
        return idempotency.respond(
            self, request, scope="bookstore.createOrder",
            principal=request.user.journal_principal,
            run=lambda: Response(..., status=201),
        )

Errors raised by ``run`` are rendered by the view's own exception handler
(the family's shape) and stored like any answer, except 5xx, which release
the key so that a retry runs again.
"""

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"


def respond(view, request, *, scope, principal, run):
    # Imported here: this package is also an installed app, and its models
    # must not load while the app registry is still being built.
    from .services import respond as _respond

    return _respond(view, request, scope=scope, principal=principal, run=run)


__all__ = ["HEADER", "REPLAYED_HEADER", "respond"]
