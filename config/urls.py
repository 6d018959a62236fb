"""The URL map: the platform's own pages, then every API family's routes from
the registry (apps/core/families.py), then the portal, then the catch-all mock
routes, always last."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from apps.accounts import views as accounts_views
from apps.core import families, health, pages

urlpatterns = [
    path("health/", health.health, name="health"),
    path("ready/", health.ready, name="ready"),
    path("favicon.ico", pages.favicon),
    path("admin/", admin.site.urls),
    # Rate-limited wrapper of allauth's login; must come before allauth's URLs.
    path("accounts/login/", accounts_views.login),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    *families.url_patterns(),
    path("", include("apps.mocks.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += families.catch_all_patterns()

# Requests refused before any view, unknown paths and crashes outside DRF, in
# the shape of the family that owns the path (HTML only for portal pages).
handler400 = "apps.core.errors.handlers.bad_request"
handler404 = "apps.core.errors.handlers.not_found"
handler500 = "apps.core.errors.handlers.server_error"
