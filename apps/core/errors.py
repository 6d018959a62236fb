"""Project-wide handler for 400s raised before any view runs.

A Host header outside ALLOWED_HOSTS, or any other SuspiciousOperation, is
answered by Django's ``handler400`` — by default an HTML page. API clients get
their API's own error shape instead: each imitated API registers a responder
for its URL prefix in ``settings.ERROR_RESPONDERS`` (core imports no domain
app), and everything else gets RFC 9457 problem+json.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string

from .problems import problem_response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    message = "The request was refused: " + (
        str(exception) or "malformed or suspicious request."
    )
    responders = getattr(settings, "ERROR_RESPONDERS", {})
    # The longest matching prefix wins: /amazon/auth/ (LWA) inside /amazon/.
    matching = [p for p in responders if request.path.startswith(p)]
    if matching:
        responder = import_string(responders[max(matching, key=len)])
        return responder(400, "InvalidInput", message)
    return problem_response(400, type_="bad-request", detail=message)
