"""Offline API documentation pages for every family: drf-spectacular's
Swagger UI and ReDoc with their assets from the sidecar package, and nothing
fetched from another host.

ReDoc's bundle hard-codes a Redocly logo from cdn.redoc.ly in its menu; a
Content-Security-Policy keeps the browser from asking for it (the image hides
itself when it fails) or for any other outside image, font or connection.
"""

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

OFFLINE_POLICY = "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'"


class OfflineDocsMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.headers.setdefault("Content-Security-Policy", OFFLINE_POLICY)
        return response


class RedocView(OfflineDocsMixin, SpectacularRedocView):
    """ReDoc with no request leaving the server (templates/drf_spectacular/
    redoc.html also drops the Google Fonts link)."""


class SwaggerView(OfflineDocsMixin, SpectacularSwaggerView):
    """Swagger UI with no request leaving the server."""
