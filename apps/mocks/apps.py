from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MocksConfig(AppConfig):
    name = "apps.mocks"
    label = "mocks"
    verbose_name = _("Mocks")

    def ready(self) -> None:
        from . import signals  # noqa: F401
