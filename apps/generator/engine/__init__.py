"""The e-commerce data generator's core, Django-free (importable alone, as
apps/core/datagen is).

Every record is a pure function of (seed, locale, entity, index): ``rows()``
computes a window of one entity without generating any other record first,
and references between entities are index arithmetic (``universe``), so
``/orders`` and ``/users`` with one seed join whatever was asked before.
"""

from .entities import ENTITIES, Entity, rows
from .keys import VERSION
from .pools import LOCALES

__all__ = ["ENTITIES", "LOCALES", "VERSION", "Entity", "rows"]
