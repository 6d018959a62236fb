"""Portal routes: the home page at / and every other page below /portal/."""

from django.urls import path

from . import apis, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("portal/groups/new/", views.group_create, name="group_create"),
    path("portal/groups/import/", views.group_import, name="group_import"),
    path("portal/groups/<uuid:group_id>/", views.group_detail, name="group_detail"),
    path("portal/groups/<uuid:group_id>/edit/", views.group_edit, name="group_edit"),
    path(
        "portal/groups/<uuid:group_id>/delete/",
        views.group_delete,
        name="group_delete",
    ),
    path(
        "portal/groups/<uuid:group_id>/openapi/",
        views.group_export,
        name="group_export",
    ),
    path(
        "portal/groups/<uuid:group_id>/endpoints/new/",
        views.endpoint_create,
        name="endpoint_create",
    ),
    path(
        "portal/groups/<uuid:group_id>/endpoints/<uuid:endpoint_id>/",
        views.endpoint_edit,
        name="endpoint_edit",
    ),
    path(
        "portal/groups/<uuid:group_id>/endpoints/<uuid:endpoint_id>/delete/",
        views.endpoint_delete,
        name="endpoint_delete",
    ),
    path(
        "portal/groups/<uuid:group_id>/endpoints/<uuid:endpoint_id>/test/",
        views.endpoint_test,
        name="endpoint_test",
    ),
    path("portal/apis/", apis.api_list, name="apis"),
    path("portal/apis/<slug:label>/", apis.api_detail, name="api_detail"),
    path("portal/apis/<slug:label>/docs/", apis.api_docs, name="api_docs"),
    path("portal/apis/<slug:label>/swagger/", apis.api_swagger, name="api_swagger"),
    path("portal/apis/<slug:label>/reset/", apis.api_reset, name="api_reset"),
    path("portal/journal/", views.journal_list, name="journal"),
    path("portal/journal/export/", views.journal_export, name="journal_export"),
    path("portal/journal/<int:entry_id>/", views.journal_detail, name="journal_detail"),
]
