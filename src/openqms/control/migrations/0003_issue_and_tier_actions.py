"""Huddle issues and escalation tiers gain an Action, first nullable so that 0004 can fill it in.

The three steps are separate migrations (add, fill, then drop the old columns) because PostgreSQL
refuses to alter a table in the transaction that has just written rows with deferred foreign keys
to it ("pending trigger events").
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_kept_at_source"),
        ("control", "0002_snapshot_sparkline"),
    ]

    operations = [
        migrations.AddField(
            model_name="huddleissue",
            name="action",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="huddle_issue",
                to="actions.action",
            ),
        ),
        migrations.AddField(
            model_name="escalationtier",
            name="action",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="escalation_tier",
                to="actions.action",
            ),
        ),
    ]
