"""Each persona sees exactly the assurance data it should: frameworks, standards, templates, audits,
actions and accreditations, in the lists the pages draw from."""

from __future__ import annotations

import datetime as dt

from openqms.access import policy
from openqms.actions.selectors import tracker as action_selectors
from openqms.actions.services import tracker as actions
from openqms.assurance.models import Accreditation
from openqms.assurance.selectors.audits import run_for
from openqms.assurance.selectors.standards import frameworks_visible, standards_visible, templates_visible
from openqms.assurance.services import accreditation as accreditations
from openqms.assurance.services.standards import invite_to_comment
from tests.assurance import helpers as h
from tests.personas import PERSONAS

ALL = set(PERSONAS)


def test_each_persona_sees_exactly_what_it_should(trust):
    p = trust.people
    h.framework(trust)
    h.standard(trust, code="BOARD")
    h.standard(trust, code="WARD-B", unit="ward_b")
    h.standard(trust, code="SHARED", shared=True)
    draft = h.standard(trust, code="DRAFT", unit="ward_a", status="draft")
    invite_to_comment(actor=None, standard=draft, person=p["sue_service_user"])
    template = h.template(trust)
    h.template(trust, code="WB", unit="ward_b")
    runs = {
        "ward a": h.run(trust, template),
        "ward b": h.run(trust, template, "ward_b"),
        "shared": h.run(trust, template, shared=True),
        "assigned": h.run(trust, template, assignees=[p["sue_service_user"]]),
    }
    today = dt.date.today()
    actions.raise_action(actor=None, unit=trust.ward_a, title="ward a", due_on=today)
    actions.raise_action(actor=None, unit=trust.ward_b, title="ward b", due_on=today)
    accreditations.create_accreditation(
        actor=None, unit=trust.theatres, kind="inspection", scheme="theatres", status="planned"
    )

    ward_a_staff = {"sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"}
    ward_b_staff = {"sam_senior", "dana_division", "colin_clinician"}
    expected = {
        "frameworks": {name: {"SQS"} for name in (*ward_a_staff, "ada_admin")},
        "standards": {
            **{n: {"BOARD", "SHARED", "DRAFT"} for n in ward_a_staff - ward_b_staff},
            **{n: {"BOARD", "SHARED", "DRAFT", "WARD-B"} for n in ward_b_staff},
            "sue_service_user": {"SHARED", "DRAFT"},
        },
        "templates": {
            **{n: {"HH"} for n in ward_a_staff - ward_b_staff},
            **{n: {"HH", "WB"} for n in ward_b_staff},
        },
        "audits": {
            **{n: {"ward a", "shared", "assigned"} for n in ward_a_staff - ward_b_staff},
            **{n: {"ward a", "ward b", "shared", "assigned"} for n in ward_b_staff},
            "sue_service_user": {"shared", "assigned"},
        },
        "actions": {
            **{n: {"ward a"} for n in ward_a_staff - ward_b_staff},
            **{n: {"ward a", "ward b"} for n in ward_b_staff},
        },
        "accreditations": {"sam_senior": {"theatres"}},
    }
    names = {r.pk: name for name, r in runs.items()}
    for persona in ALL:
        user = p[persona]
        seen = {
            "frameworks": set(frameworks_visible(user).values_list("code", flat=True)),
            "standards": set(standards_visible(user).values_list("code", flat=True)),
            "templates": set(templates_visible(user).values_list("code", flat=True)),
            "audits": {names[r.pk] for r in runs.values() if _may_see_run(user, r.pk)},
            "actions": set(action_selectors.visible(user).values_list("title", flat=True)),
            "accreditations": set(
                policy.visible(user, policy.Permission.VIEW, Accreditation.objects.all()).values_list(
                    "scheme", flat=True
                )
            ),
        }
        for kind, sets in expected.items():
            assert seen[kind] == sets.get(persona, set()), (persona, kind)


def _may_see_run(user, pk):
    from django.http import Http404

    try:
        run_for(user, pk)
    except Http404:
        return False
    return True
