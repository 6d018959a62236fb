from django.apps import AppConfig


class GeneratorConfig(AppConfig):
    """The e-commerce data generator (FastAPI original): seeded, joinable
    fake data for dashboards, ETL tests and database loads."""

    name = "apps.generator"
    label = "generator"
    verbose_name = "Data generator"
