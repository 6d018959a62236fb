"""The journal moves from the mocks app to the kit (apps/core) and learns to
record every API family: family, operation, principal, tags, episode and
request id. The table is renamed, not copied; existing rows were all the mock
engine's."""

import django.utils.timezone
from django.db import migrations, models


def tag_existing_rows(apps, schema_editor):
    entry = apps.get_model("core", "JournalEntry")
    entry.objects.filter(family="").update(family="mocks")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("mocks", "0003_journalentry"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="JournalEntry",
                    fields=[
                        ('id', models.BigAutoField(primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='time')),
                        ('group_slug', models.CharField(db_index=True, max_length=50, verbose_name='group')),
                        ('group_id', models.UUIDField(blank=True, null=True, verbose_name='group id')),
                        ('endpoint_id', models.UUIDField(blank=True, db_index=True, null=True, verbose_name='endpoint id')),
                        ('endpoint_name', models.CharField(blank=True, max_length=120, verbose_name='endpoint')),
                        ('method', models.CharField(max_length=10, verbose_name='method')),
                        ('path', models.CharField(max_length=2000, verbose_name='path')),
                        ('query', models.JSONField(blank=True, default=dict, verbose_name='query')),
                        ('request_headers', models.JSONField(blank=True, default=dict, verbose_name='request headers')),
                        ('request_body', models.TextField(blank=True, verbose_name='request body')),
                        ('request_body_truncated', models.BooleanField(default=False, verbose_name='request body truncated')),
                        ('status', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='status')),
                        ('response_headers', models.JSONField(blank=True, default=dict, verbose_name='response headers')),
                        ('response_body', models.TextField(blank=True, verbose_name='response body')),
                        ('response_body_truncated', models.BooleanField(default=False, verbose_name='response body truncated')),
                        ('latency_ms', models.FloatField(default=0, verbose_name='latency (ms)')),
                        ('chaos', models.BooleanField(default=False, verbose_name='chaos twin')),
                        ('chaos_fault', models.CharField(blank=True, db_index=True, max_length=40, verbose_name='chaos fault')),
                        ('validation_errors', models.JSONField(blank=True, default=list, verbose_name='validation failures')),
                        ('seed', models.BigIntegerField(blank=True, null=True, verbose_name='seed')),
                    ],
                    options={
                        "verbose_name": "journal entry",
                        "verbose_name_plural": "journal entries",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "mocks_journalentry",
                        "indexes": [
                            models.Index(
                                fields=["group_slug", "created_at"],
                                name="mocks_journal_group_time",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="journalentry", table="core_journalentry"),
        migrations.AddField(
            model_name="journalentry",
            name="family",
            field=models.CharField(blank=True, db_index=True, max_length=40, verbose_name="API family"),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="operation",
            field=models.CharField(blank=True, db_index=True, max_length=120, verbose_name="operation"),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="principal",
            field=models.CharField(blank=True, max_length=200, verbose_name="principal"),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="tags",
            field=models.JSONField(blank=True, default=list, verbose_name="tags"),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="episode",
            field=models.CharField(blank=True, db_index=True, max_length=64, verbose_name="episode"),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="request_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="request id"),
        ),
        migrations.AlterField(
            model_name="journalentry",
            name="group_slug",
            field=models.CharField(blank=True, db_index=True, max_length=50, verbose_name="group"),
        ),
        migrations.AddIndex(
            model_name="journalentry",
            index=models.Index(
                fields=["family", "operation", "created_at"],
                name="journal_family_op_time",
            ),
        ),
        migrations.RunPython(tag_existing_rows, migrations.RunPython.noop),
    ]
