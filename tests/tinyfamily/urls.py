from django.urls import path

from . import views

urlpatterns = [
    path("items", views.ItemsView.as_view(), name="tiny-items"),
    path("items/<int:item_id>", views.ItemView.as_view(), name="tiny-item"),
    path("crash", views.crash, name="tiny-crash"),
]
