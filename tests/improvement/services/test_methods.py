"""The organisation's improvement methods: chosen by its administrators, audited, and the only
methods a new project may follow; an organisation that has not chosen offers the Model for
Improvement only (ADR 25)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.selectors import history_of
from openqms.audit.services import verify_chain
from openqms.improvement.models import OrganisationMethods
from openqms.improvement.selectors.methods import methods_offered
from openqms.improvement.services.methods import choose_methods
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def test_an_organisation_that_has_not_chosen_offers_the_model_for_improvement_only(trust):
    assert methods_offered(trust.org) == ["model_for_improvement"]
    assert h.project(trust).method == "model_for_improvement"
    with pytest.raises(ValidationError) as refused:
        h.project(trust, method="dmaic")
    assert refused.value.message_dict == {
        "method": ["Choose one of the improvement methods your organisation offers"]
    }


def test_the_choice_is_audited_and_changes_what_new_projects_may_follow(trust):
    admin = trust.people["ada_admin"]
    choice = choose_methods(actor=admin, organisation=trust.org, methods=["dmaic", "a3"])
    assert methods_offered(trust.org) == ["dmaic", "a3"]
    assert h.project(trust, method="a3").method == "a3"
    with pytest.raises(ValidationError):
        h.project(trust)  # the Model for Improvement is no longer offered
    (entry,) = history_of(choice)
    assert entry.actor == admin
    assert entry.unit_id == trust.org.units.get(parent__isnull=True).pk
    assert entry.changes == {
        "a3": [None, True],
        "dmaic": [None, True],
        "model_for_improvement": [None, False],
    }
    # The same choice again changes nothing and writes nothing.
    choose_methods(actor=admin, organisation=trust.org, methods=["a3", "dmaic"])
    assert history_of(choice).count() == 1
    choose_methods(actor=admin, organisation=trust.org, methods=["model_for_improvement", "a3", "dmaic"])
    assert history_of(choice).first().changes == {"model_for_improvement": [False, True]}
    assert verify_chain().intact


def test_a_project_keeps_its_method_when_the_organisation_stops_offering_it(trust):
    h.offer_methods(trust.org)
    p = h.project(trust, method="dmaic")
    choose_methods(actor=None, organisation=trust.org, methods=["model_for_improvement"])
    p.refresh_from_db()
    assert p.method == "dmaic"


@pytest.mark.parametrize(
    ("methods", "message"),
    [
        ([], "Choose at least one improvement method for staff to use"),
        (["dmaic", "kaizen"], "There is no improvement method called kaizen"),
    ],
)
def test_a_choice_that_is_not_one_changes_nothing(trust, methods, message):
    with pytest.raises(ValidationError) as refused:
        choose_methods(actor=None, organisation=trust.org, methods=methods)
    assert refused.value.message_dict == {"methods": [message]}
    assert not OrganisationMethods.objects.exists()
