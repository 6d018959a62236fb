"""Portal pages. Thin: forms check shape, services write, selectors read.

Every page needs a signed-in user. Anyone signed in reads every group; only the
creator (or the group's creator, for an endpoint) and staff change things, as in
the management API. The mock engine and the journal are imported lazily so the
portal keeps working, with a clear notice, where they are not installed.
"""

from __future__ import annotations

import inspect
import json
import re
import shlex
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.mocks import models as m
from apps.mocks import selectors, services
from apps.mocks import validators as v
from apps.mocks.api.journal_views import readable_entries
from apps.mocks.api.permissions import can_edit

from . import forms as f

ROW_PREFIXES = ("rheaders", "headers", "params")
NESTED_KEYS = {"headers": "headers", "url_parameters": "params"}
NESTED_ERROR_RE = re.compile(r"^(headers|url_parameters)\[(\d+)\](?:\.(\w+))?$")


# --- lazy integrations ---------------------------------------------------------


def load_test_runner():
    """The engine's ``run_test_request``, or None when the engine is missing."""
    try:
        from apps.mocks.edge.testing import run_test_request
    except ImportError as exc:
        if exc.name in ("apps.mocks.edge.testing", "apps.mocks.edge"):
            return None
        raise
    return run_test_request


def load_journal():
    """The journal module (``JournalEntry``, ``journal_filter``…)."""
    from apps.core import journal

    return journal


def requests_today(journal, **filters: Any) -> int | None:
    if journal is None:
        return None
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return journal.JournalEntry.objects.filter(created_at__gte=start, **filters).count()


# --- helpers -------------------------------------------------------------------


def _require_edit(user, obj) -> None:
    if not can_edit(user, obj):
        raise PermissionDenied(
            _("Only the creator of this item or a staff member may change it.")
        )


def _group(group_id: Any) -> m.Group:
    return selectors.group_get(group_id=group_id)


def _endpoint(group: m.Group, endpoint_id: Any) -> m.Endpoint:
    return selectors.endpoint_get(group=group, endpoint_id=endpoint_id)


def _messages_of(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {key: [str(x) for x in msgs] for key, msgs in exc.message_dict.items()}
    return {"__all__": [str(x) for x in exc.messages]}


def _apply_errors(form, exc: ValidationError) -> None:
    for key, msgs in _messages_of(exc).items():
        target = key if key in form.fields else None
        for msg in msgs:
            form.add_error(target, msg)


# --- home ------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    groups = selectors.group_list()
    endpoints = m.Endpoint.objects.filter(group__deleted_at=None)
    journal = load_journal()
    activity: list[dict[str, Any]] = []
    for endpoint in endpoints.select_related("group", "created_by").order_by(
        "-updated_at"
    )[:6]:
        activity.append(
            {
                "when": endpoint.updated_at,
                "verb": _("created")
                if endpoint.updated_at - endpoint.created_at < timedelta(seconds=2)
                else _("updated"),
                "kind": _("Endpoint"),
                # The method has its own badge beside the path.
                "label": f"/{endpoint.group.slug}{endpoint.path}",
                "url": reverse(
                    "portal:endpoint_edit", args=[endpoint.group_id, endpoint.pk]
                ),
                "method": endpoint.method,
            }
        )
    for group in groups.order_by("-updated_at")[:4]:
        activity.append(
            {
                "when": group.updated_at,
                "verb": _("created")
                if group.updated_at - group.created_at < timedelta(seconds=2)
                else _("updated"),
                "kind": _("Group"),
                "label": group.name,
                "url": reverse("portal:group_detail", args=[group.pk]),
            }
        )
    activity.sort(key=lambda item: item["when"], reverse=True)
    recent_requests = (
        list(journal.JournalEntry.objects.all()[:8]) if journal is not None else None
    )
    return render(
        request,
        "mocks/home.html",
        {
            "nav_section": "home",
            "group_count": groups.count(),
            "endpoint_count": endpoints.count(),
            "requests_today": requests_today(journal),
            "journal_available": journal is not None,
            "activity": activity[:8],
            "recent_requests": recent_requests,
            "my_groups": groups.filter(created_by=request.user).order_by("name")[:6],
        },
    )


# --- groups ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    form = f.GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(data=form.to_data(), user=request.user)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request, _("Group “%(name)s” created.") % {"name": group.name}
            )
            return redirect("portal:group_detail", group.pk)
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "mocks/group_form.html",
        {"form": form, "nav_section": "groups", "is_new": True},
    )


@login_required
def group_detail(request: HttpRequest, group_id) -> HttpResponse:
    group = _group(group_id)
    endpoints = list(selectors.endpoint_list(group=group).order_by("path", "method"))
    journal = load_journal()
    editable = can_edit(request.user, group)
    cards = []
    for endpoint in endpoints:
        cards.append(
            {
                "endpoint": endpoint,
                "mock_path": selectors.endpoint_mock_path(endpoint=endpoint),
                "can_edit": editable or can_edit(request.user, endpoint),
                "test_defaults": json.dumps(test_defaults(endpoint)),
                "preview": _preview(endpoint),
            }
        )
    return render(
        request,
        "mocks/group_detail.html",
        {
            "group": group,
            "current_group": group,
            "cards": cards,
            "can_edit": editable,
            "endpoint_count": len(endpoints),
            "chaos_count": sum(1 for e in endpoints if e.chaos_mode),
            "requests_today": requests_today(journal, group_slug=group.slug),
            "journal_available": journal is not None,
            "engine_available": load_test_runner() is not None,
            "import_report": request.session.pop("portal_import_report", None)
            if request.GET.get("imported")
            else None,
        },
    )


def _preview(endpoint: m.Endpoint) -> str:
    if endpoint.response_body is not None:
        text = json.dumps(endpoint.response_body, indent=2, ensure_ascii=False)
    elif endpoint.response_schema is not None:
        return _("Generated from a JSON Schema")
    else:
        return _("Empty body")
    return _whole_lines(text)


PREVIEW_LINES = 6
PREVIEW_LINE_CHARS = 60


def _whole_lines(text: str) -> str:
    """The first lines of a body, each whole or visibly shortened, and an
    ellipsis line when more follow (never a line cut off by the card)."""
    lines = text.splitlines()
    shown = [
        line
        if len(line) <= PREVIEW_LINE_CHARS
        else line[: PREVIEW_LINE_CHARS - 1] + "…"
        for line in lines[:PREVIEW_LINES]
    ]
    if len(lines) > PREVIEW_LINES:
        shown.append("…")
    return "\n".join(shown)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, group_id) -> HttpResponse:
    group = _group(group_id)
    _require_edit(request.user, group)
    initial = {"name": group.name, "slug": group.slug, "description": group.description}
    form = f.GroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(group=group, data=form.to_data())
        except ValidationError as exc:
            _apply_errors(form, exc)
            group.refresh_from_db()
        else:
            messages.success(request, _("Group saved."))
            return redirect("portal:group_detail", group.pk)
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "mocks/group_form.html",
        {"form": form, "group": group, "current_group": group, "is_new": False},
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_delete(request: HttpRequest, group_id) -> HttpResponse:
    group = _group(group_id)
    _require_edit(request.user, group)
    if request.method == "POST":
        services.group_delete(group=group)
        messages.success(request, _("Group “%(name)s” deleted.") % {"name": group.name})
        return redirect("portal:home")
    return render(
        request,
        "mocks/confirm_delete.html",
        {
            "current_group": group,
            "title": _("Delete group “%(name)s”?") % {"name": group.name},
            "text": _(
                "The group and its %(count)d endpoints stop answering at once. "
                "Staff can restore them from the admin."
            )
            % {"count": group.endpoints.count()},
            "action": reverse("portal:group_delete", args=[group.pk]),
            "cancel": reverse("portal:group_detail", args=[group.pk]),
        },
    )


# --- endpoints -------------------------------------------------------------------


def _row_formsets(data=None, endpoint: m.Endpoint | None = None):
    if data is not None:
        return (
            f.ResponseHeaderFormSet(data, prefix="rheaders"),
            f.HeaderFormSet(data, prefix="headers"),
            f.UrlParameterFormSet(data, prefix="params"),
        )
    rheaders, headers, params = [], [], []
    if endpoint is not None:
        rheaders = [
            {"name": k, "value": v}
            for k, v in (endpoint.response_headers or {}).items()
        ]
        headers = [
            f.ExpectedValueForm.initial_for(row)
            for row in selectors.endpoint_children(endpoint=endpoint, key="headers")
        ]
        params = [
            f.UrlParameterForm.initial_for(row)
            for row in selectors.endpoint_children(
                endpoint=endpoint, key="url_parameters"
            )
        ]
    return (
        f.ResponseHeaderFormSet(initial=rheaders, prefix="rheaders"),
        f.HeaderFormSet(initial=headers, prefix="headers"),
        f.UrlParameterFormSet(initial=params, prefix="params"),
    )


def _with_extra_row(post, prefix: str):
    """The no-JS "add another row": the same data with one more blank row."""
    data = post.copy()
    key = f"{prefix}-TOTAL_FORMS"
    index = int(data.get(key) or 0)
    data[key] = str(index + 1)
    if prefix != "rheaders":
        data[f"{prefix}-{index}-value_type"] = m.ValueType.STRING
        data[f"{prefix}-{index}-required"] = "on"
    if prefix == "params":
        data[f"{prefix}-{index}-location"] = m.ParameterLocation.QUERY
    return data


def _endpoint_initial(endpoint: m.Endpoint) -> dict[str, Any]:
    initial = {
        name: getattr(endpoint, name)
        for name in f.EndpointForm.base_fields
        if hasattr(endpoint, name)
    }
    if not initial.get("chaos_weights"):
        initial["chaos_weights"] = None  # an empty box, not "{}"
    return initial


def _response_headers(formset, errors: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    seen: set[str] = set()
    for form in f.live_forms(formset):
        name = form.cleaned_data["name"].strip()
        if name.lower() in seen:
            form.add_error("name", _("This header is already set above."))
            errors.append(_("Response headers repeat a name."))
            continue
        seen.add(name.lower())
        out[name] = form.cleaned_data.get("value") or ""
    return out


def _endpoint_editor(
    request: HttpRequest, group: m.Group, endpoint: m.Endpoint | None
) -> HttpResponse:
    show_errors = True
    section_errors: dict[str, list[str]] = {}
    if request.method == "POST":
        add = request.POST.get("add_row")
        data = (
            _with_extra_row(request.POST, add) if add in ROW_PREFIXES else request.POST
        )
        form = f.EndpointForm(data)
        rheaders, headers, params = _row_formsets(data)
        if add in ROW_PREFIXES:
            show_errors = False
        elif all(x.is_valid() for x in (form, rheaders, headers, params)):
            payload = form.to_data()
            rh_errors: list[str] = []
            payload["response_headers"] = _response_headers(rheaders, rh_errors)
            header_forms = f.live_forms(headers)
            param_forms = f.live_forms(params)
            payload["headers"] = [x.to_item() for x in header_forms]
            payload["url_parameters"] = [x.to_item() for x in param_forms]
            if rh_errors:
                section_errors["response_headers"] = rh_errors
            else:
                try:
                    if endpoint is None:
                        endpoint = services.endpoint_create(
                            group=group, data=payload, user=request.user
                        )
                        note = _("Endpoint “%(name)s” created.")
                    else:
                        services.endpoint_update(endpoint=endpoint, data=payload)
                        note = _("Endpoint “%(name)s” saved.")
                except ValidationError as exc:
                    rows = {"headers": header_forms, "url_parameters": param_forms}
                    _apply_endpoint_errors(exc, form, rows, section_errors)
                else:
                    messages.success(request, note % {"name": endpoint.name})
                    if "save_continue" in request.POST:
                        return redirect("portal:endpoint_edit", group.pk, endpoint.pk)
                    return redirect("portal:group_detail", group.pk)
        if show_errors:
            messages.error(request, _("Please correct the errors below."))
    else:
        initial = _endpoint_initial(endpoint) if endpoint else None
        form = f.EndpointForm(initial=initial)
        rheaders, headers, params = _row_formsets(endpoint=endpoint)
    return render(
        request,
        "mocks/endpoint_form.html",
        {
            "group": group,
            "current_group": group,
            "endpoint": endpoint,
            "form": form,
            "rheaders": rheaders,
            "headers": headers,
            "params": params,
            "show_errors": show_errors,
            "section_errors": section_errors,
            "body_methods": sorted(m.BODY_METHODS),
            "engine_available": load_test_runner() is not None,
            "test_defaults": json.dumps(test_defaults(endpoint)) if endpoint else "{}",
        },
    )


def _apply_endpoint_errors(exc, form, rows, section_errors) -> None:
    for key, msgs in _messages_of(exc).items():
        match = NESTED_ERROR_RE.match(key)
        if match:
            kind, index, field = match.group(1), int(match.group(2)), match.group(3)
            forms_ = rows[kind]
            if index < len(forms_):
                row = forms_[index]
                target = field if field in row.fields else None
                for msg in msgs:
                    row.add_error(target, msg)
                continue
        if key in rows:
            section_errors.setdefault(NESTED_KEYS[key], []).extend(msgs)
        elif key == "response_headers":
            section_errors.setdefault("response_headers", []).extend(msgs)
        elif key in form.fields:
            for msg in msgs:
                form.add_error(key, msg)
        else:
            for msg in msgs:
                form.add_error(None, msg if key == "__all__" else f"{key}: {msg}")


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_create(request: HttpRequest, group_id) -> HttpResponse:
    group = _group(group_id)
    _require_edit(request.user, group)
    return _endpoint_editor(request, group, None)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_edit(request: HttpRequest, group_id, endpoint_id) -> HttpResponse:
    group = _group(group_id)
    endpoint = _endpoint(group, endpoint_id)
    _require_edit(request.user, endpoint)
    return _endpoint_editor(request, group, endpoint)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_delete(request: HttpRequest, group_id, endpoint_id) -> HttpResponse:
    group = _group(group_id)
    endpoint = _endpoint(group, endpoint_id)
    _require_edit(request.user, endpoint)
    if request.method == "POST":
        services.endpoint_delete(endpoint=endpoint)
        messages.success(
            request, _("Endpoint “%(name)s” deleted.") % {"name": endpoint.name}
        )
        return redirect("portal:group_detail", group.pk)
    return render(
        request,
        "mocks/confirm_delete.html",
        {
            "current_group": group,
            "title": _("Delete endpoint “%(name)s”?") % {"name": endpoint.name},
            "text": _("%(method)s %(path)s stops answering at once.")
            % {
                "method": endpoint.method,
                "path": selectors.endpoint_mock_path(endpoint=endpoint),
            },
            "action": reverse("portal:endpoint_delete", args=[group.pk, endpoint.pk]),
            "cancel": reverse("portal:group_detail", args=[group.pk]),
        },
    )


# --- test requests -----------------------------------------------------------------


def _sample(spec: Any) -> str:
    try:
        from apps.mocks.engine.samples import sample_value
    except ImportError:
        return spec.exact_value or (spec.enum_values or ["1"])[0]
    try:
        return sample_value(spec)
    except Exception:  # a sample is a convenience, never a failure
        return "1"


def test_defaults(endpoint: m.Endpoint | None) -> dict[str, Any]:
    """Query, headers and body that satisfy the endpoint's required inputs."""
    if endpoint is None:
        return {}
    rows = selectors.endpoint_children(endpoint=endpoint, key="url_parameters")
    query = {
        p.name: _sample(p)
        for p in rows
        if p.location == m.ParameterLocation.QUERY and p.required
    }
    typed = {p.name: p for p in rows if p.location == m.ParameterLocation.PATH}
    path = endpoint.path
    for name in endpoint.path_parameter_names:
        value = _sample(typed[name]) if name in typed else "1"
        path = path.replace("{" + name + "}", value)
    headers = [
        f"{h.name}: {_sample(h)}"
        for h in selectors.endpoint_children(endpoint=endpoint, key="headers")
        if h.required
    ]
    body = ""
    has_body = endpoint.method in m.BODY_METHODS
    if has_body and endpoint.request_body_schema is not None:
        try:
            from apps.core.datagen import generate

            body = json.dumps(generate(endpoint.request_body_schema, 1), indent=2)
        except Exception:
            body = ""
    return {
        "path": path,
        "query": urlencode(query),
        "headers": "\n".join(headers),
        "body": body,
        "has_body": has_body,
    }


def curl_command(
    request: HttpRequest,
    endpoint: m.Endpoint,
    *,
    chaos: bool,
    path: str,
    query: str,
    headers: dict[str, str],
    body: str,
) -> str:
    path = f"/{endpoint.group.slug}{'' if path == '/' else path}"
    if chaos:
        path = path.rstrip("/") + "/chaos"
    url = request.build_absolute_uri(path)
    if query:
        url += "?" + query.lstrip("?")
    parts = ["curl", "-i", "-X", endpoint.method, shlex.quote(url)]
    for name, value in headers.items():
        parts += ["-H", shlex.quote(f"{name}: {value}")]
    if body:
        parts += ["--data-raw", shlex.quote(body)]
    return " ".join(parts)


def _with_replay_headers(
    headers: dict[str, str], replay: dict[str, str]
) -> dict[str, str]:
    """The request's headers plus the replay ones it does not already name."""
    named = {name.lower() for name in headers}
    return {**headers, **{k: v for k, v in replay.items() if k.lower() not in named}}


def _call_runner(
    runner, endpoint, *, chaos, path, query, headers, body
) -> dict[str, Any]:
    params = inspect.signature(runner).parameters
    if "chaos" in params:
        return runner(
            endpoint, chaos=chaos, path=path, query=query, headers=headers, body=body
        )
    # The other shape the API once used: run_test_request(*, endpoint, data, user)
    data = {
        "chaos": chaos,
        "path": path,
        "query": query,
        "headers": headers,
        "body": body,
    }
    return runner(endpoint=endpoint, data=data, user=None)


def _display_body(body: Any) -> str:
    if body is None:
        return ""
    if isinstance(body, str):
        return body
    return json.dumps(body, indent=2, ensure_ascii=False)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_test(request: HttpRequest, group_id, endpoint_id) -> HttpResponseBase:
    group = _group(group_id)
    endpoint = _endpoint(group, endpoint_id)
    wants_json = "application/json" in request.headers.get("Accept", "")
    runner = load_test_runner()
    result = None
    error = None
    if request.method == "POST":
        form = f.TestRequestForm(request.POST)
        if runner is None:
            error = _("The mock engine is not available on this server.")
        elif not form.is_valid():
            error = "; ".join(str(msg) for errs in form.errors.values() for msg in errs)
        else:
            cd = form.cleaned_data
            chaos = cd.get("target") == "chaos"
            path = v.normalize_path(cd.get("path") or test_defaults(endpoint)["path"])
            headers = dict(cd["headers"])
            body = cd.get("body") or ""
            if body.strip() and not any(k.lower() == "content-type" for k in headers):
                try:
                    json.loads(body)
                except ValueError:
                    headers["Content-Type"] = "text/plain"
                else:
                    headers["Content-Type"] = "application/json"
            raw = runner_result = _call_runner(
                runner,
                endpoint,
                chaos=chaos,
                path=path,
                query=cd.get("query") or "",
                headers=headers,
                body=body or None,
            )
            if isinstance(raw, HttpResponseBase):  # pragma: no cover - old engines
                return raw
            latency = runner_result.get("latency_ms") or 0
            result = {
                **runner_result,
                "chaos": chaos,
                "body_display": _display_body(runner_result.get("body")),
                "latency_display": _("%(ms)s ms")
                % {"ms": formats.number_format(latency, 1, use_l10n=True)},
                "delay_display": _("%(ms)s ms")
                % {
                    "ms": formats.number_format(
                        runner_result.get("delay_ms") or 0, 0, use_l10n=True
                    )
                },
                # The seed(s) of the shown result, so the curl gives it again.
                "curl": curl_command(
                    request,
                    endpoint,
                    chaos=chaos,
                    path=path,
                    query=cd.get("query") or "",
                    headers=_with_replay_headers(
                        headers, runner_result.get("replay_headers") or {}
                    ),
                    body=body,
                ),
            }
        if wants_json:
            if error:
                return JsonResponse({"error": error}, status=400)
            return JsonResponse(result, json_dumps_params={"default": str})
    else:
        form = f.TestRequestForm(initial=test_defaults(endpoint))
    return render(
        request,
        "mocks/endpoint_test.html",
        {
            "group": group,
            "current_group": group,
            "endpoint": endpoint,
            "form": form,
            "result": result,
            "error": error,
            "engine_available": runner is not None,
            "mock_path": selectors.endpoint_mock_path(endpoint=endpoint),
        },
        status=400 if error else 200,
    )


# --- journal -----------------------------------------------------------------------


JOURNAL_PAGE_SIZE = 50


@login_required
def journal_list(request: HttpRequest) -> HttpResponse:
    journal = load_journal()
    form = f.JournalFilterForm(request.GET or None)
    context: dict[str, Any] = {
        "nav_section": "journal",
        "form": form,
        "journal_available": journal is not None,
    }
    if journal is not None:
        params = form.params() if request.GET else {}
        entries = readable_entries(request.user, params)
        page = Paginator(entries, JOURNAL_PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(
            page=page,
            export_query=urlencode(params),
            filtered=bool(params),
            groups=selectors.group_list().order_by("name"),
        )
        group_slug = params.get("group")
        if group_slug:
            context["current_group"] = (
                selectors.group_list().filter(slug=group_slug).first()
            )
        endpoint_id = params.get("endpoint")
        if endpoint_id:
            context["filter_endpoint"] = m.Endpoint.all_objects.filter(
                pk=endpoint_id
            ).first()
    return render(request, "mocks/journal_list.html", context)


@login_required
def journal_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    journal = load_journal()
    if journal is None:
        raise Http404
    try:
        # Someone else's entry is as missing as one that never was.
        entry = readable_entries(request.user, {}).get(pk=entry_id)
    except journal.JournalEntry.DoesNotExist as exc:
        raise Http404 from exc
    group = selectors.group_list().filter(slug=entry.group_slug).first()
    return render(
        request,
        "mocks/journal_detail.html",
        {
            "nav_section": "journal",
            "entry": entry,
            "current_group": group,
            "request_body": _pretty_text(entry.request_body),
            "response_body": _pretty_text(entry.response_body),
        },
    )


def _pretty_text(text: str) -> str:
    if not text:
        return ""
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text


@login_required
def journal_export(request: HttpRequest) -> HttpResponseBase:
    journal = load_journal()
    if journal is None:
        raise Http404
    form = f.JournalFilterForm(request.GET or None)
    params = form.params() if request.GET else {}
    entries = (
        readable_entries(request.user, params)
        .order_by("created_at", "id")
        .iterator(chunk_size=500)
    )
    response = StreamingHttpResponse(
        journal.iter_jsonl(entries), content_type="application/x-ndjson"
    )
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response["Content-Disposition"] = f'attachment; filename="journal-{stamp}.jsonl"'
    return response


# --- OpenAPI -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def group_import(request: HttpRequest) -> HttpResponse:
    from apps.mocks.openapi import importer

    form = f.OpenAPIImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            result = importer.import_document(
                form.cleaned_data["file"].read(),
                slug=form.cleaned_data.get("slug") or None,
                name=form.cleaned_data.get("name") or None,
                user=request.user,
            )
        except importer.ImportFailed as exc:
            form.add_error("file", exc.message)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            report = result.report
            messages.success(
                request,
                _("Imported %(count)d endpoints into “%(name)s”.")
                % {"count": len(report.imported), "name": result.group.name},
            )
            request.session["portal_import_report"] = report.as_dict()
            return redirect(
                reverse("portal:group_detail", args=[result.group.pk]) + "?imported=1"
            )
    if request.method == "POST":
        messages.error(request, _("Nothing was imported; see the errors below."))
    return render(
        request,
        "mocks/group_import.html",
        {"form": form, "nav_section": "import", "report": report},
    )


@login_required
def group_export(request: HttpRequest, group_id) -> HttpResponse:
    from apps.mocks.openapi import exporter

    group = _group(group_id)
    document = exporter.export_group(group=group)
    if request.GET.get("format") == "yaml":
        import yaml

        body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
        response = HttpResponse(body, content_type="application/yaml; charset=utf-8")
        ext = "yaml"
    else:
        response = HttpResponse(
            json.dumps(document, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        ext = "json"
    response["Content-Disposition"] = (
        f'attachment; filename="{group.slug}.openapi.{ext}"'
    )
    return response
