from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmazonConfig(AppConfig):
    name = "apps.amazon"
    label = "amazon"
    verbose_name = _("Amazon SP-API mock")
