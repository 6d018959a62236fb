"""Form widgets shared by the admin and the portal."""

import json
from typing import Any

from django import forms


class PrettyJSONWidget(forms.Textarea):
    """A textarea that shows JSON indented, one key per line.

    Text that does not parse (a user's invalid input sent back with its field
    error) is shown exactly as typed, so nothing they wrote is lost.
    """

    def __init__(self, attrs: dict[str, Any] | None = None, *, indent: int = 2):
        self.indent = indent
        base = {"class": "vLargeTextField pretty-json", "spellcheck": "false"}
        super().__init__(attrs={**base, **(attrs or {})})
        # Without an explicit height the textarea grows with its content.
        self.auto_rows = "rows" not in (attrs or {})
        if self.auto_rows:
            self.attrs.pop("rows", None)

    def format_value(self, value: Any) -> str | None:
        # An unset nullable field arrives as "null" (forms.JSONField dumps
        # None): show it empty, which also saves back as None.
        if value is None or value == "" or value == "null":
            return ""
        if not isinstance(value, str):
            # A value that did not pass through forms.JSONField.prepare_value.
            return json.dumps(value, indent=self.indent, ensure_ascii=False)
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return json.dumps(parsed, indent=self.indent, ensure_ascii=False)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None):
        context = super().get_context(name, value, attrs)
        if self.auto_rows:
            text = context["widget"]["value"] or ""
            rows = min(max(text.count("\n") + 2, 3), 30)
            context["widget"]["attrs"].setdefault("rows", str(rows))
        return context
