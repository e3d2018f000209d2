"""Every huddle issue and escalation tier has its Action now (0004): the copies go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_kept_at_source"),
        ("control", "0004_move_to_actions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="huddleissue",
            name="action",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="huddle_issue",
                to="actions.action",
            ),
        ),
        migrations.AlterField(
            model_name="escalationtier",
            name="action",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="escalation_tier",
                to="actions.action",
            ),
        ),
        migrations.RemoveField(model_name="huddleissue", name="description"),
        migrations.RemoveField(model_name="huddleissue", name="owner"),
        migrations.RemoveField(model_name="huddleissue", name="due_on"),
        migrations.RemoveField(model_name="huddleissue", name="outcome"),
        migrations.RemoveField(model_name="huddleissue", name="closed_at"),
        migrations.RemoveField(model_name="escalationtier", name="owner"),
        migrations.RemoveField(model_name="escalationtier", name="due_on"),
        migrations.RemoveField(model_name="escalationtier", name="closed_at"),
    ]
