"""factory-boy factories for the mock configuration.

Every object is run through ``full_clean()`` before it is saved, so a factory
that drifts from the model's rules fails loudly instead of planting rows the
admin or the engine would refuse. Slugs carry a sequence suffix (never a
reserved word, never a clash) and so do paths.
"""

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from apps.accounts.factories import UserFactory

from . import models as m

CUSTOMER_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Customer",
    "type": "object",
    "required": ["id", "name", "email"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string"},
        "email": {"type": "string", "format": "email"},
        "age": {"type": "integer", "minimum": 18, "maximum": 90},
    },
}


class ValidatedFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.full_clean()
        obj.save()
        return obj


def _slug(name: str, n: int) -> str:
    base = slugify(name).replace("_", "-").strip("-")[:40].strip("-")
    return f"{base or 'group'}-{n}"


class GroupFactory(ValidatedFactory):
    class Meta:
        model = m.Group

    class Params:
        deleted = factory.Trait(deleted_at=factory.LazyFunction(timezone.now))

    name = factory.Faker("company")
    slug = factory.LazyAttributeSequence(lambda o, n: _slug(o.name, n))
    description = factory.Faker("sentence")
    created_by = factory.SubFactory(UserFactory)


class EndpointFactory(ValidatedFactory):
    """A GET endpoint with a static JSON body.

    Traits: ``with_schema`` (body generated from a JSON Schema), ``with_body``
    (POST with a required request body), ``deleted``.
    """

    class Meta:
        model = m.Endpoint

    class Params:
        resource = factory.Faker("word")
        deleted = factory.Trait(deleted_at=factory.LazyFunction(timezone.now))
        with_schema = factory.Trait(response_body=None, response_schema=CUSTOMER_SCHEMA)
        with_body = factory.Trait(
            method=m.HttpMethod.POST,
            response_status_code=201,
            request_body_schema={
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string", "minLength": 1}},
            },
            request_body_required=True,
            request_error_status_code=422,
            request_error_body={"error": "invalid_body"},
        )

    group = factory.SubFactory(GroupFactory)
    name = factory.LazyAttribute(lambda o: f"{o.method} {o.resource}")
    path = factory.LazyAttributeSequence(lambda o, n: f"/{slugify(o.resource)}-{n}")
    method = m.HttpMethod.GET
    description = factory.Faker("sentence")
    response_status_code = 200
    response_headers = factory.Dict({"Cache-Control": "no-store"})
    response_body = factory.Dict(
        {"id": factory.Faker("uuid4"), "name": factory.Faker("name")}
    )
    chaos_mode = True
    max_wait_time = 0
    created_by = factory.SelfAttribute("group.created_by")


class HeaderFactory(ValidatedFactory):
    """A required string header. Traits: ``api_key`` (exact value), ``deleted``."""

    class Meta:
        model = m.Header

    class Params:
        deleted = factory.Trait(deleted_at=factory.LazyFunction(timezone.now))
        api_key = factory.Trait(
            exact_value=factory.Faker("hexify", text="^^^^^^^^^^^^^^^^"),
            default_status_code=401,
            default_response_body={"error": "unauthorized"},
        )

    endpoint = factory.SubFactory(EndpointFactory)
    name = factory.Sequence(lambda n: f"X-Demo-{n}")
    value_type = m.ValueType.STRING
    required = True


class UrlParameterFactory(ValidatedFactory):
    """A required query-string parameter.

    Traits: ``integer`` (with a range), ``enum``, ``in_path`` (a typed {segment}
    of a fresh endpoint's path), ``deleted``.
    """

    class Meta:
        model = m.UrlParameter

    class Params:
        deleted = factory.Trait(deleted_at=factory.LazyFunction(timezone.now))
        integer = factory.Trait(value_type=m.ValueType.INTEGER, minimum=1, maximum=100)
        enum = factory.Trait(
            value_type=m.ValueType.ENUM, enum_values=["asc", "desc"], required=False
        )
        in_path = factory.Trait(
            location=m.ParameterLocation.PATH,
            value_type=m.ValueType.INTEGER,
            minimum=1,
            endpoint=factory.SubFactory(
                EndpointFactory,
                path=factory.LazyAttributeSequence(
                    lambda o, n: f"/items-{n}/{{{o.factory_parent.name}}}"
                ),
            ),
        )

    endpoint = factory.SubFactory(EndpointFactory)
    name = factory.Sequence(lambda n: f"param_{n}")
    location = m.ParameterLocation.QUERY
    value_type = m.ValueType.STRING
    required = True
