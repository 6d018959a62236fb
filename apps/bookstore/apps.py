from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookstoreConfig(AppConfig):
    """The bookstore API family (inventory, sales, delivery): apps/bookstore/family.py."""

    name = "apps.bookstore"
    label = "bookstore"
    verbose_name = _("Bookstore")
