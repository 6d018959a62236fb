"""JSON Schema meta-schema failures in words: where, which keyword, what it
takes. Shared by the server's validation (apps/mocks/validators.py) and the
editor's live check (its strings come through portal_js_strings)."""

from __future__ import annotations

import json

import jsonschema
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SCHEMA_TYPES = "string, number, integer, boolean, object, array, null"
# What the meta-schema wants of a keyword's value, in words (the editor's
# live check in static/js/portal.js says the same).
EXPECTED_TYPES = {
    "array": gettext_lazy("a list"),
    "object": gettext_lazy("an object"),
    "number": gettext_lazy("a number"),
    "integer": gettext_lazy("a whole number"),
    "string": gettext_lazy("a string"),
    "boolean": gettext_lazy("true or false"),
}


def schema_error_text(exc: jsonschema.SchemaError) -> str:
    """A meta-schema failure as the user reads it: where, which keyword, and
    what it takes ("“type” must be one of string, number, … (got “strnig”)"),
    instead of jsonschema's "is not valid under any of the given schemas"."""
    path = [str(part) for part in exc.absolute_path]
    keyword = path[-1] if path else ""
    where = "#/" + "/".join(path[:-1]) if len(path) > 1 else "#"
    got = json.dumps(exc.instance, ensure_ascii=False)[:80]
    if keyword == "type":
        expected = _("one of %(types)s, or a list of them") % {"types": SCHEMA_TYPES}
    elif exc.validator == "type" and isinstance(exc.validator_value, str):
        expected = EXPECTED_TYPES.get(exc.validator_value, exc.validator_value)
    elif exc.validator == "minimum":
        expected = _("at least %(min)s") % {"min": exc.validator_value}
    elif exc.validator == "enum":
        expected = _("one of %(values)s") % {
            "values": ", ".join(json.dumps(v) for v in exc.validator_value)
        }
    else:
        return _("Not a valid JSON Schema at %(where)s: %(error)s") % {
            "where": "#/" + "/".join(path) if path else "#",
            "error": exc.message,
        }
    return _(
        "Not a valid JSON Schema at %(where)s: “%(keyword)s” must be "
        "%(expected)s (got %(got)s)."
    ) % {"where": where, "keyword": keyword, "expected": expected, "got": got}
