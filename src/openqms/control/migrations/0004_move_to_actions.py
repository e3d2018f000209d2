"""Move each huddle issue's and escalation tier's owner, due date, state and closing onto an Action.

The labels and links are written out here rather than imported, so that this migration keeps
doing what it did when the services change. The moved values were audited already as the issue's
and tier's fields; the move itself adds no audit entries (it changes no one's data, only where it
is kept).
"""

from django.db import migrations
from django.utils import timezone

TITLE_MAX = 200


def _title(text):
    """An action's title, and its description only when the text is longer than a title."""
    text = text.strip()
    if len(text) <= TITLE_MAX:
        return text, ""
    return text[: TITLE_MAX - 1] + "…", text


def _day(value):
    return f"{value.day} {value:%B %Y}"


def forwards(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    HuddleIssue = apps.get_model("control", "HuddleIssue")
    Escalation = apps.get_model("control", "Escalation")
    EscalationTier = apps.get_model("control", "EscalationTier")
    now = timezone.now()

    escalated_from = {e.source_issue_id: e for e in Escalation.objects.filter(source_issue__isnull=False)}
    issues = HuddleIssue.objects.filter(action__isnull=True).select_related("huddle__unit__parent")
    for issue in issues.order_by("pk").iterator():
        huddle = issue.huddle
        title, description = _title(issue.description)
        escalation = escalated_from.get(issue.pk)
        if issue.outcome == "open" and escalation is None:
            status, closed_at, closure = "open", None, ""
        elif issue.outcome == "escalated" or escalation is not None:
            above = huddle.unit.parent.name if huddle.unit.parent_id else "the tier above"
            status, closure = "closed", f"Escalated to {above}."
            closed_at = issue.closed_at or (escalation.raised_at if escalation else huddle.created_at)
        else:
            status, closure = "closed", "Marked solved at the huddle or on the board."
            closed_at = issue.closed_at or huddle.created_at
        action = Action.objects.create(
            unit_id=huddle.unit_id, title=title, description=description, owner_id=issue.owner_id,
            due_on=issue.due_on or huddle.held_on, status=status, closed_at=closed_at,
            closure_evidence=closure, source_label=f"The huddle of {_day(huddle.held_on)}",
            source_url=f"/control/huddles/{huddle.pk}/", created_by_id=huddle.recorded_by_id,
        )  # fmt: skip
        Action.objects.filter(pk=action.pk).update(created_at=huddle.created_at)
        HuddleIssue.objects.filter(pk=issue.pk).update(action=action)

    tiers = EscalationTier.objects.filter(action__isnull=True).select_related(
        "escalation__origin_unit", "unit"
    )
    next_unit = {
        (t.escalation_id, t.level): t.unit.name for t in EscalationTier.objects.select_related("unit")
    }
    for tier in tiers.order_by("pk").iterator():
        escalation = tier.escalation
        verb = "Escalate" if tier.level == 0 else "Answer the escalation"
        title, _ = _title(f"{verb}: {escalation.title}")
        closed_at = tier.closed_at
        if tier.status in ("awaiting", "in_progress") and escalation.status == "open":
            status, closure = ("open" if tier.status == "awaiting" else "in_progress"), ""
            closed_at = None
        elif tier.status == "resolved" or escalation.status == "resolved":
            status, closure = "closed", f"Resolved by {tier.unit.name}: {escalation.resolution}".strip()
            closed_at = closed_at or escalation.resolved_at or now
        else:
            above = next_unit.get((escalation.pk, tier.level + 1), "the tier above")
            status, closure = "closed", f"Passed up to {above}."
            closed_at = closed_at or now
        action = Action.objects.create(
            unit_id=tier.unit_id, title=title, owner_id=tier.owner_id, due_on=tier.due_on,
            status=status, closed_at=closed_at, closure_evidence=closure, kept_at_source=True,
            source_label=f"Escalation from {escalation.origin_unit.name}",
            source_url=f"/control/escalations/{escalation.pk}/",
            created_by_id=escalation.raised_by_id if tier.level <= 1 else None,
        )  # fmt: skip
        Action.objects.filter(pk=action.pk).update(created_at=tier.opened_at)
        EscalationTier.objects.filter(pk=tier.pk).update(action=action)


def backwards(apps, schema_editor):
    """Copy the actions' values back onto the issues and tiers, then delete the actions the move
    made. Reversing 0005 re-adds a tier's due date as a required column, which a database must
    have no tiers to accept; this is here so that an empty database migrates back and forth."""
    Action = apps.get_model("actions", "Action")
    HuddleIssue = apps.get_model("control", "HuddleIssue")
    EscalationTier = apps.get_model("control", "EscalationTier")
    moved = []
    for issue in HuddleIssue.objects.filter(action__isnull=False).select_related("action"):
        action = issue.action
        escalated = action.closure_evidence.startswith("Escalated to ")
        outcome = "open" if action.status in ("open", "in_progress") else "solved"
        HuddleIssue.objects.filter(pk=issue.pk).update(
            description=(action.description or action.title)[:500], owner_id=action.owner_id,
            due_on=action.due_on, outcome="escalated" if escalated else outcome,
            closed_at=action.closed_at, action=None,
        )  # fmt: skip
        moved.append(action.pk)
    for tier in EscalationTier.objects.filter(action__isnull=False).select_related("action"):
        action = tier.action
        EscalationTier.objects.filter(pk=tier.pk).update(
            owner_id=action.owner_id, due_on=action.due_on, closed_at=action.closed_at, action=None
        )
        moved.append(action.pk)
    Action.objects.filter(pk__in=moved).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_kept_at_source"),
        ("control", "0003_issue_and_tier_actions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
