"""factory-boy factories for accounts, shared by tests and seed commands."""

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from .models import User

DEFAULT_PASSWORD = "pw-Secret-123"


class UserFactory(DjangoModelFactory):
    """A valid, active user; ``staff=True`` / ``superuser=True`` for admins."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    name = factory.Faker("name")
    email = factory.LazyAttributeSequence(
        lambda o, n: f"{slugify(o.name).replace('-', '.') or 'user'}.{n}@example.com"
    )
    password = factory.django.Password(DEFAULT_PASSWORD)
    is_active = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = model_class(*args, **kwargs)
        user.full_clean()
        user.save()
        return user
