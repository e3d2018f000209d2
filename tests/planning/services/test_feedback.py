"""Giving feedback, answering it, and turning it into a need, an action or a project: each audited,
each refusing what does not fit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from openqms.actions.models import Action
from openqms.audit.models import AuditEntry
from openqms.links import registry
from openqms.planning import links
from openqms.planning.models import FeedbackPoint
from openqms.planning.services import feedback as services
from tests.improvement import helpers as improvement
from tests.planning import needs_helpers as h

pytestmark = pytest.mark.django_db


def _entries(obj):
    label = obj._meta.label_lower
    return list(AuditEntry.objects.filter(object_type=label, object_id=str(obj.pk)).order_by("sequence"))


def test_the_public_link_gives_feedback_with_nobody_signed_in_and_it_is_audited(trust):
    f = services.give_feedback(
        actor=None, unit=trust.ward_a, kind="compliment", text=" Kind nurses ", given_by="carer", channel="qr"
    )
    assert (f.text, f.submitted_by, f.received_on) == ("Kind nurses", None, timezone.localdate())
    [entry] = _entries(f)
    assert entry.actor_name == "system"
    assert entry.unit_id == trust.ward_a.pk
    assert entry.changes["channel"] == [None, "qr"]


def test_what_does_not_fit_is_refused_with_the_field_named(trust):
    sue = trust.people["sue_service_user"]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    cases = [
        ({"actor": trust.people["mo_member"], "channel": "card", "received_on": tomorrow}, "received_on"),
        ({"actor": sue, "channel": "card"}, "channel"),
        ({"actor": sue, "channel": "form", "given_by": "staff"}, "given_by"),
    ]
    for fields, name in cases:
        values = {"unit": trust.ward_a, "kind": "idea", "text": "x", "given_by": "service_user"} | fields
        with pytest.raises(ValidationError) as caught:
            services.give_feedback(**values)
        assert name in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.give_feedback(
            actor=sue, unit=trust.ward_a, kind="idea", text="x", given_by="service_user", channel="qr"
        )
    with pytest.raises(ValidationError) as caught:
        services.give_feedback(
            actor=sue, unit=trust.ward_a, kind="nonsense", text="x", given_by="service_user", channel="form"
        )
    assert "kind" in caught.value.message_dict


def test_answering_is_audited_once_and_the_same_answer_again_changes_nothing(trust):
    f = h.feedback(trust)
    tess = trust.people["tess_team_leader"]
    services.answer_feedback(actor=tess, feedback=f, response="We now put visiting times on the door")
    services.answer_feedback(actor=tess, feedback=f, response="We now put visiting times on the door")
    assert f.responded_by == tess
    assert [e.action for e in _entries(f)] == ["create", "update"]
    with pytest.raises(ValidationError):
        services.answer_feedback(actor=tess, feedback=f, response="  ")


def test_feedback_becomes_one_need_even_when_asked_twice(trust):
    f = h.feedback(trust)
    mo = trust.people["mo_member"]
    need = services.feedback_to_need(
        actor=mo, feedback=f, title="Visiting times shown", who_affected="Visitors"
    )
    again = services.feedback_to_need(actor=mo, feedback=f, title="Other", who_affected="Others")
    assert need == again
    assert list(need.feedback.all()) == [f]
    assert "From a concern of" in need.description


def test_an_action_raised_from_feedback_links_back_to_it_for_staff_only(trust):
    f = h.feedback(trust)
    action = services.feedback_to_action(
        actor=trust.people["mo_member"], feedback=f, title="Put up a sign", due_on=dt.date(2030, 1, 1)
    )
    assert (action.source_kind, action.source_id) == (links.FEEDBACK, f.pk)
    assert action.source_label.startswith("A concern from")
    source = registry.Source(action.source_kind, action.source_id)
    assert registry.resolve(trust.people["tess_team_leader"], source).url == f"/planning/feedback/{f.pk}/"
    assert registry.resolve(trust.people["sue_service_user"], source) is None
    with pytest.raises(ValidationError) as caught:
        services.feedback_to_action(
            actor=trust.people["mo_member"], feedback=f, title="x", due_on=dt.date(2030, 1, 1),
            owner=trust.people["sue_service_user"],
        )  # fmt: skip
    assert "owner" in caught.value.message_dict
    assert Action.objects.count() == 1


def test_a_project_of_the_unit_or_above_may_answer_feedback_not_a_neighbours(trust):
    f = h.feedback(trust)
    mine = improvement.project(trust, "ward_a", title="Visiting")
    theirs = improvement.project(trust, "ward_b", title="Ward B's")
    services.link_project(actor=trust.people["mo_member"], feedback=f, project=mine)
    services.link_project(actor=trust.people["mo_member"], feedback=f, project=mine)
    with pytest.raises(ValidationError):
        services.link_project(actor=trust.people["mo_member"], feedback=f, project=theirs)
    assert list(f.projects.all()) == [mine]
    assert len(_entries(f)) == 2


def test_a_new_feedback_link_withdraws_the_old_one(trust):
    tess = trust.people["tess_team_leader"]
    first = services.open_feedback_point(actor=tess, unit=trust.ward_a)
    second = services.open_feedback_point(actor=tess, unit=trust.ward_a)
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert second.withdrawn_at is None
    assert FeedbackPoint.objects.filter(withdrawn_at__isnull=True).count() == 1
    assert first.token != second.token
    assert len(second.token) >= 32
    # The audit keeps that a link was made, never the token.
    assert all(second.token not in str(e.changes) for e in _entries(second))


def test_feedback_joins_a_need_already_on_the_register_of_its_organisation(trust):
    f = h.feedback(trust)
    need = h.need(trust)
    services.attach_to_need(actor=None, feedback=f, need=need)
    services.attach_to_need(actor=None, feedback=f, need=need)
    assert list(need.feedback.all()) == [f]
    assert len(_entries(f)) == 2
    theirs = h.need(trust, "other_team", by="otto_other_admin")
    with pytest.raises(ValidationError) as caught:
        services.attach_to_need(actor=None, feedback=f, need=theirs)
    assert "need" in caught.value.message_dict


def test_a_needs_source_resolves_for_staff_and_for_whoever_raised_it(trust):
    need = h.need(trust, by="sue_service_user")
    source = links.need_source(need)
    for who in ("tess_team_leader", "sue_service_user"):
        assert registry.resolve(trust.people[who], source).url == f"/planning/needs/{need.pk}/"
    assert registry.resolve(trust.people["otto_other_admin"], source) is None
    assert (
        registry.resolve(
            trust.people["mo_member"], links.need_source(h.need(trust, "ward_b", by="colin_clinician"))
        )
        is None
    )
