"""Account views: allauth's login behind a per-IP rate limit and the shared
login limit (failed attempts per IP and per username, apps.core.limits.login)."""

from allauth.account.views import login as allauth_login
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from apps.core.limits.fixed_window import retry_after
from apps.core.limits.login import login_wait


def login(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """allauth's login page; sign-in attempts (POSTs) over LOGIN_RATELIMIT get 429."""
    wait = retry_after(
        request,
        group="accounts.login",
        rate=settings.LOGIN_RATELIMIT,
        key="ip",
        method="POST",
    )
    if wait is None and request.method == "POST":
        wait = login_wait(request, request.POST.get("login"))
    if wait is not None:
        response = HttpResponse(
            _("Too many sign-in attempts. Try again in %(seconds)d seconds.")
            % {"seconds": wait},
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(wait)
        return response
    return allauth_login(request, *args, **kwargs)
