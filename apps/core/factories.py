"""factory-boy factories of the kit's own tables, shared by tests and seeds."""

import factory

from .journal import JournalEntry


class JournalEntryFactory(factory.django.DjangoModelFactory):
    """One recorded mock request (the journal is normally written by the
    engine and the journal middleware)."""

    class Meta:
        model = JournalEntry

    family = "mocks"
    group_slug = factory.Sequence(lambda n: f"group-{n}")
    endpoint_name = factory.Faker("word")
    method = "GET"
    path = factory.LazyAttribute(lambda o: f"/{o.group_slug}/orders/1")
    query = factory.LazyFunction(dict)
    request_headers = factory.LazyFunction(lambda: {"accept": "application/json"})
    status = 200
    response_headers = factory.LazyFunction(
        lambda: {"content-type": "application/json"}
    )
    response_body = '{"ok": true}'
    latency_ms = factory.Faker("pyfloat", min_value=0.1, max_value=50)
