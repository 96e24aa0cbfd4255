from importlib import import_module

from django.db import migrations, models

# Adding a column with a constraint rebuilds catalog_service on SQLite, which drops the search index's triggers.
search_index = import_module("openkp.catalog.migrations.0004_search_token_index")


def restore_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        search_index.create_sqlite_index(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0006_catalogue_stamp'),
        ('core', '0004_outgoing_email_reference'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalservice',
            name='hsds_id',
            field=models.UUIDField(blank=True, editable=False, null=True, verbose_name='identifikátor HSDS'),
        ),
        migrations.AddField(
            model_name='service',
            name='hsds_id',
            field=models.UUIDField(blank=True, editable=False, null=True, verbose_name='identifikátor HSDS'),
        ),
        migrations.AddConstraint(
            model_name='service',
            constraint=models.UniqueConstraint(fields=('area', 'hsds_id'), name='unique_hsds_service_per_area'),
        ),
        migrations.RunPython(restore_search_index, migrations.RunPython.noop),
    ]
