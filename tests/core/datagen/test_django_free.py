"""datagen imports nothing from django: any process may use it."""

from tests.django_free import django_modules_loaded_by


def test_datagen_loads_no_django_module():
    generate_one = (
        "from apps.core.datagen import generate\n"
        "generate({'type': 'object', 'properties': {'email': {}}}, 1)"
    )
    assert django_modules_loaded_by("apps.core.datagen", then=generate_one) == []
