import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The fixed list's column goes; the organisation's domain takes its name and is required."""

    dependencies = [("control", "0007_domain_values_to_the_organisations_list")]

    operations = [
        # A default first, so that reversing can add the column back to rows that have one.
        migrations.AlterField(
            model_name="measuredefinition",
            name="quality_domain",
            field=models.CharField(default="", max_length=20),
        ),
        migrations.RemoveField(model_name="measuredefinition", name="quality_domain"),
        migrations.RenameField(model_name="measuredefinition", old_name="domain", new_name="quality_domain"),
        migrations.AlterField(
            model_name="measuredefinition",
            name="quality_domain",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="measure_definitions",
                to="organisations.qualitydomain",
            ),
        ),
    ]
