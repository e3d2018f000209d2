"""Every organisation gets the STEEEP domains (what control and improvement named until now), and
the priorities it has go under one goal made for them, which its leaders can rename or split.

The domain list is written out here rather than read from organisations.presets, so that this
migration does the same thing whatever the presets become."""

from django.db import migrations
from django.db.models import Max

STEEEP = [
    ("safe", "Safe", "Avoiding harm to patients from the care that is meant to help them."),
    ("timely", "Timely", "Reducing waits and harmful delays for those who receive and give care."),
    ("effective", "Effective", "Care based on evidence, for those who will benefit."),
    ("efficient", "Efficient", "Avoiding waste of equipment, supplies, ideas and energy."),
    ("equitable", "Equitable", "Care that does not vary in quality because of who someone is."),
    (
        "person_centred",
        "Person-centred",
        "Care that respects and responds to each person's needs and values.",
    ),
]
GOAL = "Our strategic priorities"


def forwards(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    QualityDomain = apps.get_model("organisations", "QualityDomain")
    StrategicGoal = apps.get_model("organisations", "StrategicGoal")
    StrategicPriority = apps.get_model("organisations", "StrategicPriority")
    for organisation in Organisation.objects.all():
        have = set(QualityDomain.objects.filter(organisation=organisation).values_list("key", flat=True))
        start = QualityDomain.objects.filter(organisation=organisation).aggregate(m=Max("position"))["m"] or 0
        for offset, (key, label, description) in enumerate(STEEEP, start=1):
            if key not in have:
                QualityDomain.objects.create(
                    organisation=organisation, key=key, label=label, description=description,
                    kind="domain", position=start + offset,
                )  # fmt: skip
        orphans = StrategicPriority.objects.filter(organisation=organisation, goal__isnull=True)
        if orphans.exists():
            goal, _ = StrategicGoal.objects.get_or_create(
                organisation=organisation, title=GOAL, defaults={"position": 1}
            )
            orphans.update(goal=goal)


def backwards(apps, schema_editor):
    # The goal column goes with 0003; the goals and domains made here go with their tables.
    pass


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_strategy_goals_and_quality_domains")]

    operations = [migrations.RunPython(forwards, backwards)]
