"""Build the POST data of the endpoint editor (its three formsets included)."""

from typing import Any

ROW_DEFAULTS = {"value_type": "string", "required": "on"}


def formset(prefix: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        base = {} if prefix == "rheaders" else dict(ROW_DEFAULTS)
        if prefix == "params":
            base["location"] = "query"
        base.update(row)
        for key, value in base.items():
            if value is False:
                continue
            data[f"{prefix}-{index}-{key}"] = "on" if value is True else str(value)
    return data


def endpoint_post(
    *,
    params: list[dict] = (),
    headers: list[dict] = (),
    rheaders: list[dict] = (),
    **fields: Any,
) -> dict[str, str]:
    data = {
        "name": "List orders",
        "method": "GET",
        "path": "/orders",
        "description": "",
        "response_status_code": "200",
        "response_body": '{"orders": []}',
        "response_schema": "",
        "max_wait_time": "0",
        "fixed_delay": "0",
        "chaos_mode": "on",
        "chaos_weights": "",
    }
    for key, value in fields.items():
        if value is None or value is False:
            data.pop(key, None)
        else:
            data[key] = "on" if value is True else str(value)
    data.update(formset("params", list(params)))
    data.update(formset("headers", list(headers)))
    data.update(formset("rheaders", list(rheaders)))
    return data
