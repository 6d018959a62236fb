from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    """The shop API family (JWT auth, catalogue, cart, orders, admin tools):
    apps/shop/family.py."""

    name = "apps.shop"
    label = "shop"
    verbose_name = _("Shop")
