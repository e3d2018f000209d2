"""The needs register for staff, highest score first; a service user's own needs and no others."""

from __future__ import annotations

import pytest
from django.http import Http404

from openqms.planning.selectors import needs as selectors
from openqms.planning.services import needs as services
from tests.planning import needs_helpers as h

pytestmark = pytest.mark.django_db


def test_the_register_puts_the_highest_score_first_and_unscored_last(trust):
    low, high, unscored = (
        h.need(trust, title="Low"),
        h.need(trust, title="High"),
        h.need(trust, title="Unscored"),
    )
    services.triage_need(actor=None, need=low, impact=1, reach=2, status="accepted")
    services.triage_need(actor=None, need=high, impact=5, reach=4, status="planned")
    h.need(trust, "ward_b", title="Ward B's")
    tess = trust.people["tess_team_leader"]
    assert [n.title for n in selectors.register(tess)] == ["High", "Low", "Unscored"]
    assert [n.title for n in selectors.register(tess, status="planned")] == ["High"]
    dana = trust.people["dana_division"]
    assert len(selectors.register(dana)) == 4
    assert [n.title for n in selectors.register(dana, trust.ward_b)] == ["Ward B's"]
    assert unscored.score is None


def test_a_service_user_reads_the_needs_she_raised_and_no_others(trust):
    sue = trust.people["sue_service_user"]
    hers = h.need(trust, by="sue_service_user")
    staffs = h.need(trust)
    assert selectors.register(sue) == []
    assert list(selectors.raised_by(sue)) == [hers]
    assert selectors.need(sue, hers.pk) == hers
    with pytest.raises(Http404):
        selectors.need(sue, staffs.pk)
    with pytest.raises(Http404):
        selectors.need(trust.people["otto_other_admin"], hers.pk)
