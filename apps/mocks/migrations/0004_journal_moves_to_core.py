"""The journal's model now lives in apps/core (core 0001 took over its table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mocks", "0003_journalentry"),
        ("core", "0001_journal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="JournalEntry")],
            database_operations=[],
        ),
    ]
