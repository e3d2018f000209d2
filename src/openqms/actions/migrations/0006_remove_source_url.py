from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0005_source_links_from_urls"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="action",
            name="source_url",
        ),
    ]
