from django.apps import AppConfig


class TinyFamilyConfig(AppConfig):
    """A test-only API family: proof that one needs its folder and one line
    of INSTALLED_APPS (tests/core/test_tiny_family.py)."""

    name = "tests.tinyfamily"
    label = "tinyfamily"
