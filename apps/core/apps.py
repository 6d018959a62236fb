from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from .journal import admin  # noqa: F401
        from .limits import login  # noqa: F401  (counts failed logins)
