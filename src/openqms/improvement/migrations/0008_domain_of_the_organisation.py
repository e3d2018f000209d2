import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The first of three steps from a fixed list of domains to the organisation's own (ADR 24): a new
    column beside the old one. 0008 fills it and 0009 drops the old one; each runs in its own
    transaction, as PostgreSQL will not alter a table with row updates still pending."""

    dependencies = [("organisations", "0005_goal_required"), ("improvement", "0007_improvement_methods")]

    operations = [
        migrations.AddField(
            model_name="project",
            name="domain",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisations.qualitydomain",
            ),
        ),
    ]
