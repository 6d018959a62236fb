"""Every configuration write bumps the shared config version.

The engine keeps a compiled endpoint table per process and rebuilds it when
this counter moves, so a change made in admin is live on every worker at once.
Soft delete and restore are saves, so they bump it too.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import models
from .config_version import bump_config_version

CONFIG_MODELS = (models.Group, models.Endpoint, models.Header, models.UrlParameter)


def _on_change(sender, **kwargs) -> None:
    transaction.on_commit(bump_config_version)


for _model in CONFIG_MODELS:
    receiver(post_save, sender=_model, dispatch_uid=f"bump-{_model.__name__}-save")(
        _on_change
    )
    receiver(post_delete, sender=_model, dispatch_uid=f"bump-{_model.__name__}-del")(
        _on_change
    )
