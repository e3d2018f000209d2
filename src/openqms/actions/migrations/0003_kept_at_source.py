from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0002_effective_may_be_blank"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="kept_at_source",
            field=models.BooleanField(default=False),
        ),
    ]
