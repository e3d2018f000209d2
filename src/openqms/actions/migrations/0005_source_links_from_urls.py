"""Turn each action's stored link, a path such as /control/huddles/12/, into a kind and an id.

The paths are the ones OpenQMS wrote until now: control's huddles and escalations (services, and
control 0004), improvement's tasks and flagged change ideas, the demo, and the tracker's "Raise an
action" links on an audit, a unit's gaps and an accreditation's findings. They are written out here
rather than taken from today's URLconf, so that this migration keeps doing what it did when pages
move. A path that is none of them is kept whole in `source_note`, with its label, and gets no link:
the row loses nothing, and its page says where it used to point. No audit entries: no one's data
changes, only how the same link is kept (as for control 0004).
"""

import re

from django.db import migrations

# The page an action was raised from, as its path was written, and the kind it becomes. The id is
# the number in brackets; a finding's page was its accreditation's, with the finding as the anchor.
PATHS = [
    (re.compile(r"/control/huddles/(\d+)/"), "control.huddle"),
    (re.compile(r"/control/escalations/(\d+)/"), "control.escalation"),
    (re.compile(r"/assurance/audits/(\d+)/"), "assurance.audit"),
    (re.compile(r"/assurance/units/(\d+)/#gaps"), "assurance.gaps"),
    (re.compile(r"/assurance/accreditations/\d+/#finding-(\d+)"), "assurance.finding"),
    (re.compile(r"/improvement/projects/(\d+)/"), "improvement.project"),
    (re.compile(r"/improvement/projects/\d+/ideas/(\d+)/"), "improvement.idea"),
]

# Back again, for reversing: every kind's path from its id (a finding's needs its accreditation).
BACK = {
    "control.huddle": "/control/huddles/{}/",
    "control.escalation": "/control/escalations/{}/",
    "assurance.audit": "/assurance/audits/{}/",
    "assurance.gaps": "/assurance/units/{}/#gaps",
    "improvement.project": "/improvement/projects/{}/",
}


def source_of(url):
    """(kind, id) for a path OpenQMS wrote, or None."""
    for pattern, kind in PATHS:
        found = pattern.fullmatch(url.strip())
        if found:
            return kind, int(found.group(1))
    return None


def forwards(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    for action in Action.objects.exclude(source_url="").only("pk", "source_url").iterator():
        found = source_of(action.source_url)
        if found:
            kind, pk = found
            Action.objects.filter(pk=action.pk).update(source_kind=kind, source_id=pk)
        else:
            Action.objects.filter(pk=action.pk).update(source_note=action.source_url)


def backwards(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    Finding = apps.get_model("assurance", "Finding")
    DriverNode = apps.get_model("improvement", "DriverNode")
    for action in Action.objects.exclude(source_kind="", source_note="").iterator():
        kind, pk = action.source_kind, action.source_id
        if kind in BACK:
            url = BACK[kind].format(pk)
        elif kind == "assurance.finding":
            accreditation = Finding.objects.filter(pk=pk).values_list("accreditation_id", flat=True).first()
            url = f"/assurance/accreditations/{accreditation}/#finding-{pk}" if accreditation else ""
        elif kind == "improvement.idea":
            project = DriverNode.objects.filter(pk=pk).values_list("project_id", flat=True).first()
            url = f"/improvement/projects/{project}/ideas/{pk}/" if project else ""
        else:
            url = action.source_note
        Action.objects.filter(pk=action.pk).update(
            source_url=url, source_kind="", source_id=None, source_note=""
        )


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_source_kind_and_id"),
        # For reversing only: a finding's and a change idea's paths name their accreditation and
        # project, which the kinds do not keep.
        ("assurance", "0003_accreditation"),
        ("improvement", "0006_project_tasks"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
