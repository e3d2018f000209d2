"""Service models: a proposal with its pathway, team and specification; the planning decision that
puts it in use, changes or stops the service; versions kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.models import AuditEntry
from openqms.planning.models import ServiceModel
from openqms.planning.services import service_models as services
from tests.control import pages_helpers as control
from tests.planning import needs_helpers as h

pytestmark = pytest.mark.django_db


def test_a_proposal_gets_its_pathway_team_and_specification_then_a_decision(trust):
    colin, tess = trust.people["colin_clinician"], trust.people["tess_team_leader"]
    model = h.service_model(trust)
    definition = control.definition(trust.ward_a)
    services.add_step(actor=colin, model=model, title="Assessment within 6 hours", measures=[definition])
    services.add_step(actor=colin, model=model, title="Falls response")
    services.add_team_role(
        actor=colin, model=model, title="Falls specialist nurse", seed_role="clinician", how_many=1
    )
    services.add_requirement(actor=colin, model=model, measure=definition, comparison="at_most", threshold=5)
    need = h.need(trust)
    services.decide(actor=tess, model=model, change_kind="new", rationale="The falls audit", needs=[need])
    assert model.status == "current"
    assert [s.position for s in model.steps.all()] == [1, 2]
    assert list(model.steps.first().measures.all()) == [definition]
    assert list(need.service_models.all()) == [model]
    entries = AuditEntry.objects.filter(object_type="planning.servicemodel", object_id=str(model.pk))
    assert entries.count() == 6
    assert entries.order_by("-sequence").first().changes["needs"] == [[], [need.pk]]


def test_deciding_twice_is_refused_and_changes_nothing(trust):
    model = h.service_model(trust)
    services.decide(actor=None, model=model, change_kind="new", rationale="Needed")
    with pytest.raises(ValidationError):
        services.decide(actor=None, model=model, change_kind="changed", rationale="Again")
    model.refresh_from_db()
    assert (model.status, model.change_kind, model.rationale) == ("current", "new", "Needed")


def test_a_change_is_a_new_version_and_the_old_one_is_kept_replaced(trust):
    colin = trust.people["colin_clinician"]
    first = h.service_model(trust)
    services.add_step(actor=colin, model=first, title="Assessment")
    services.decide(actor=None, model=first, change_kind="new", rationale="Needed")
    with pytest.raises(ValidationError):
        services.add_step(actor=colin, model=first, title="Too late")
    second = services.new_version(actor=colin, model=first)
    assert (second.version, second.status, second.title) == (2, "draft", first.title)
    assert [s.title for s in second.steps.all()] == ["Assessment"]
    with pytest.raises(ValidationError) as caught:
        services.decide(actor=None, model=second, change_kind="new", rationale="x")
    assert "change_kind" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.decide(actor=None, model=second, change_kind="changed", rationale=" ")
    assert "rationale" in caught.value.message_dict
    services.decide(actor=None, model=second, change_kind="changed", rationale="Night-time falls")
    first.refresh_from_db()
    assert (first.status, second.status) == ("superseded", "current")
    third = services.new_version(actor=colin, model=second)
    services.decide(actor=None, model=third, change_kind="stopped", rationale="Moved to the community team")
    assert list(ServiceModel.objects.filter(unit=trust.ward_a).values_list("status", flat=True)) == [
        "stopped",
        "superseded",
        "superseded",
    ]


def test_a_step_names_standards_and_measures_of_the_organisation_only(trust):
    model = h.service_model(trust)
    theirs = control.definition(trust.other_team)
    with pytest.raises(ValidationError) as caught:
        services.add_step(actor=None, model=model, title="x", measures=[theirs])
    assert "measures" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.add_requirement(actor=None, model=model, measure=theirs, comparison="at_least", threshold=1)
    assert "measure" in caught.value.message_dict
