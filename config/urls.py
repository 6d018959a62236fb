"""The URL map. The catch-all mock routes (engine issue) must stay last."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from apps.accounts import views as accounts_views
from apps.core import health

urlpatterns = [
    path("health/", health.health, name="health"),
    path("ready/", health.ready, name="ready"),
    path("admin/", admin.site.urls),
    # Rate-limited wrapper of allauth's login; must come before allauth's URLs.
    path("accounts/login/", accounts_views.login),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("apps.mocks.api.urls")),
    path("amazon/", include("apps.amazon.urls")),
    path("", include("apps.mocks.portal.urls")),
]

# Requests refused before any view (bad Host header…) in the API's own format.
handler400 = "apps.core.errors.bad_request"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The catch-all mock routes: /{group}/{path…} and their /chaos twins. Last, always.
from django.urls import re_path  # noqa: E402

from apps.mocks.mock_views import mock_view  # noqa: E402

urlpatterns += [re_path(r"^(?P<group>[^/]+)(?P<path>/.*)?$", mock_view, name="mock")]
