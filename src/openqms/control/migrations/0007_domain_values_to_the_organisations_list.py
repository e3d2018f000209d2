"""Each stored key (safe, timely, …) becomes the organisation's domain with that key: organisations
0004 gave every organisation the STEEEP domains, which are the keys used until now. A key the
organisation lacks (none should) is added to its list rather than lost. Backwards writes the keys."""

from django.db import migrations

LABELS = {
    "safe": "Safe", "timely": "Timely", "effective": "Effective", "efficient": "Efficient",
    "equitable": "Equitable", "person_centred": "Person-centred",
}  # fmt: skip


def forwards(apps, schema_editor):
    Item = apps.get_model("control", "measuredefinition")
    QualityDomain = apps.get_model("organisations", "QualityDomain")
    found = {}
    for item in Item.objects.filter(domain__isnull=True).select_related("organisation"):
        organisation_id = item.organisation_id
        key = (organisation_id, item.quality_domain)
        if key not in found:
            found[key], _ = QualityDomain.objects.get_or_create(
                organisation_id=organisation_id,
                key=item.quality_domain,
                defaults={"label": LABELS.get(item.quality_domain, item.quality_domain), "position": 99},
            )
        Item.objects.filter(pk=item.pk).update(domain=found[key])


def backwards(apps, schema_editor):
    Item = apps.get_model("control", "measuredefinition")
    for item in Item.objects.select_related("domain"):
        Item.objects.filter(pk=item.pk).update(quality_domain=item.domain.key)


class Migration(migrations.Migration):
    dependencies = [("control", "0006_domain_of_the_organisation")]

    operations = [migrations.RunPython(forwards, backwards)]
