"""Journal routes (apps/core/journal), included by apps/mocks/api/urls.py
before its catch-all:

path("", include("apps.mocks.api.journal_urls")),
"""

from django.urls import re_path

from . import journal_views

OPTIONAL_SLASH = "(?:/)?"

urlpatterns = [
    re_path(
        rf"^journal{OPTIONAL_SLASH}$",
        journal_views.JournalListView.as_view(),
        name="journal-list",
    ),
    re_path(
        rf"^journal/export{OPTIONAL_SLASH}$",
        journal_views.JournalExportView.as_view(),
        name="journal-export",
    ),
]
