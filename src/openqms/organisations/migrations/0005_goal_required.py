import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every priority is under a goal now (0004 put the existing ones under one)."""

    dependencies = [("organisations", "0004_priorities_under_a_goal")]

    operations = [
        migrations.AlterField(
            model_name="strategicpriority",
            name="goal",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="priorities",
                to="organisations.strategicgoal",
            ),
        ),
    ]
