"""An action's source as a kind and an id (ADR 0023), beside the old `source_url` until 0005 has
converted it and 0006 drops it. Three migrations, as for control's move onto actions (ADR 0017):
PostgreSQL must not be asked to alter the table in the transaction that rewrote its rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_kept_at_source"),
        # Control's own move onto actions writes `source_url` with the model as it was before this
        # migration, so it runs first (control 0004), and its rows are converted with everyone's.
        ("control", "0005_drop_fields_now_on_actions"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="source_kind",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="action",
            name="source_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="action",
            name="source_note",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(fields=["source_kind", "source_id"], name="action_source"),
        ),
        migrations.AddConstraint(
            model_name="action",
            constraint=models.CheckConstraint(
                condition=models.Q(("source_id__isnull", True), ("source_kind", ""))
                | models.Q(models.Q(("source_kind", ""), _negated=True), ("source_id__isnull", False)),
                name="action_source_kind_with_id",
            ),
        ),
    ]
