"""A priority's outcome measures become its organisation-wide rows of the measurement framework.

`PriorityMeasure` and `FrameworkMeasure` said the same thing ("this measure shows progress on this
priority"); every outcome measure is kept, as a framework row with no service, unless the framework
has that row already.
"""

from django.db import migrations


def outcome_measures_to_framework(apps, schema_editor):
    PriorityMeasure = apps.get_model("planning", "PriorityMeasure")
    FrameworkMeasure = apps.get_model("planning", "FrameworkMeasure")
    have = set(
        FrameworkMeasure.objects.filter(service__isnull=True).values_list("priority_id", "definition_id")
    )
    FrameworkMeasure.objects.bulk_create(
        [
            FrameworkMeasure(priority_id=link.priority_id, definition_id=link.definition_id)
            for link in PriorityMeasure.objects.all()
            if (link.priority_id, link.definition_id) not in have
        ]
    )


def framework_to_outcome_measures(apps, schema_editor):
    PriorityMeasure = apps.get_model("planning", "PriorityMeasure")
    FrameworkMeasure = apps.get_model("planning", "FrameworkMeasure")
    PriorityMeasure.objects.bulk_create(
        [
            PriorityMeasure(priority_id=row.priority_id, definition_id=row.definition_id)
            for row in FrameworkMeasure.objects.filter(service__isnull=True)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]

    operations = [
        migrations.RunPython(outcome_measures_to_framework, framework_to_outcome_measures),
        migrations.DeleteModel(name="PriorityMeasure"),
    ]
