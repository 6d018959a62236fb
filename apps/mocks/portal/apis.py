"""The portal's APIs section: every registered API family (Amazon, the
bookstore…) with its base URL, docs, usage plans, seeded credentials, recent
calls and, for staff, a reset. Everything comes from the kit's registry
(``apps.core.catalog``), so a new family shows up here by itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated

from apps.core import catalog
from apps.core.api_docs import SwaggerView
from apps.core.families import ApiFamily

RECENT_CALLS = 10


def reset_warning() -> str:
    from apps.core.seeding.protocol import DEFAULT_SEED

    return _(
        "Every record of this API goes back to its seeded state (seed %(seed)s). "
        "Changes made by clients are lost."
    ) % {"seed": DEFAULT_SEED}


def _family(label: str) -> ApiFamily:
    try:
        return catalog.get(label)
    except LookupError as exc:
        raise Http404 from exc


def _recent_calls(family: ApiFamily):
    from apps.core import journal

    return journal.journal_filter({"family": family.label})[:RECENT_CALLS]


def _links(request: HttpRequest, family: ApiFamily) -> dict[str, str | None]:
    swagger = family.swagger_url
    if not swagger and family.schema_url:
        swagger = reverse("portal:api_swagger", args=[family.label])
    has_docs = catalog.docs_path(family) is not None
    return {
        "base_url": request.build_absolute_uri(family.url_prefix),
        "schema": family.schema_url,
        "swagger": swagger,
        "docs": reverse("portal:api_docs", args=[family.label]) if has_docs else None,
    }


@login_required
def api_list(request: HttpRequest) -> HttpResponse:
    cards = [
        {
            "family": family,
            "links": _links(request, family),
            "plan_count": len(catalog.plans(family)),
            "resettable": bool(family.resetter),
        }
        for family in catalog.listed()
    ]
    return render(
        request, "mocks/api_list.html", {"nav_section": "apis", "cards": cards}
    )


@login_required
def api_detail(request: HttpRequest, label: str) -> HttpResponse:
    family = _family(label)
    context = {
        "nav_section": "apis",
        "family": family,
        "links": _links(request, family),
        "plans": catalog.plans(family),
        "credentials": catalog.credentials(family),
        "credentials_hidden": not catalog.credentials_shown(),
        "calls": _recent_calls(family),
        "can_reset": bool(family.resetter) and request.user.is_staff,
        "reset_warning": reset_warning(),
    }
    return render(request, "mocks/api_detail.html", context)


@login_required
def api_docs(request: HttpRequest, label: str) -> HttpResponse:
    family = _family(label)
    html = catalog.render_docs(family)
    if html is None:
        raise Http404
    return render(
        request,
        "mocks/api_docs.html",
        {"nav_section": "apis", "family": family, "docs_html": html},
    )


@login_required
def api_swagger(request: HttpRequest, label: str) -> HttpResponse:
    """Swagger UI (offline assets) for a family that serves no UI of its own."""
    family = _family(label)
    if not family.schema_url:
        raise Http404
    view = SwaggerView.as_view(
        url=family.schema_url,
        title=family.title,
        authentication_classes=[SessionAuthentication],
        permission_classes=[IsAuthenticated],
    )
    return view(request)


@require_http_methods(["GET", "POST"])
@login_required
def api_reset(request: HttpRequest, label: str) -> HttpResponse:
    """Staff only: the family back to its seeded state (default seed). GET is
    the confirmation page (the modal's fallback without JavaScript)."""
    from apps.core.seeding import runner

    family = _family(label)
    if not request.user.is_staff:
        raise PermissionDenied
    if not family.resetter:
        raise Http404
    if request.method == "GET":
        return render(
            request,
            "mocks/confirm_delete.html",
            {
                "title": _("Reset %(name)s?") % {"name": family.title},
                "text": reset_warning(),
                "action": request.path,
                "cancel": reverse("portal:api_detail", args=[family.label]),
                "button": _("Reset"),
            },
        )
    outcome = runner.run(family, "reset")
    messages.success(
        request,
        _("%(title)s was reset to seed %(seed)s in %(seconds).1f s.")
        % {"title": family.title, "seed": outcome.seed, "seconds": outcome.seconds},
    )
    return redirect("portal:api_detail", label=family.label)
