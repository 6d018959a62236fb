"""Small platform answers that are not an API: the favicon."""

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon (admin, API
    docs): the logo, instead of a logged 404. Resolved per request, so the
    hashed name of production's manifest storage is used."""
    return HttpResponsePermanentRedirect(static("img/logo.svg"))
