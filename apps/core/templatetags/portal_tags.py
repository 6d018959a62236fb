"""Small template helpers for the portal pages (generic: no domain imports)."""

import json
from typing import Any

from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def pretty_json(value: Any) -> str:
    """A JSON value indented for a <pre>; text that is not JSON is returned as is."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)


@register.filter
def truncate_chars(value: Any, limit: int = 160) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@register.filter
def method_class(method: str) -> str:
    return f"method method--{(method or '').lower()}"


@register.filter
def status_class(status: Any) -> str:
    try:
        code = int(status)
    except (TypeError, ValueError):
        return "status status--none"
    return f"status status--{code // 100}xx"


@register.simple_tag(takes_context=True)
def query_with(context, **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode() if params else ""
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def portal_js_strings() -> str:
    from apps.core.schema_errors import EXPECTED_TYPES, SCHEMA_TYPES

    """The few strings portal.js shows, translated, as a JSON script element."""
    strings = {
        "invalidJson": _("Invalid JSON"),
        "validJson": _("Valid JSON"),
        "validSchema": _("Valid JSON and JSON Schema"),
        "invalidSchema": _("Not a valid JSON Schema"),
        "empty": _("Empty"),
        "copied": _("Copied to the clipboard"),
        "copyFailed": _("Could not copy; select the text and copy it by hand."),
        "requestFailed": _("The request failed. Try again."),
        "noHeaders": _("No headers"),
        "noBody": _("Empty body"),
        "aborted": _("The connection was dropped (chaos fault)."),
        "line": _("line"),
        # The live JSON Schema check words its errors as the server does
        # (apps/mocks/validators.py schema_error_text).
        "schemaKeyword": _(
            "Not a valid JSON Schema at %(where)s: “%(keyword)s” must be "
            "%(expected)s (got %(got)s)."
        ),
        "schemaTypes": _("one of %(types)s, or a list of them")
        % {"types": SCHEMA_TYPES},
        **{f"schemaExpect_{name}": str(text) for name, text in EXPECTED_TYPES.items()},
    }
    return json_script(strings, "portal-i18n")
