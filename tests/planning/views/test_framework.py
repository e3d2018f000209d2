"""The measurement framework, the line of sight and a unit's "how does our work fit" page."""

from __future__ import annotations

from django.urls import reverse

from openqms.planning.services import plans as services
from openqms.planning.services.framework import add_framework_measure
from tests.control import pages_helpers as control
from tests.planning.helpers import drafted, priorities


def test_framework_lists_measures_by_type_and_the_gaps(trust, signed_in):
    harm, _waiting, _ = priorities(trust)
    falls = control.measure(trust.ward_a, name="Falls")
    control.measure(trust.ward_b, name="Sickness absence", measure_type="balancing")
    add_framework_measure(actor=None, priority=harm, definition=falls.definition)
    text = signed_in("sam_senior").get(reverse("planning:framework")).content.decode()
    assert "Falls" in text
    assert "Priorities with no measure" in text
    gaps = text.split('id="gaps"')[1]
    assert "Care without waiting" in gaps
    assert "Sickness absence (balancing)" in gaps
    assert "No avoidable harm" not in gaps


def test_framework_add_names_its_errors(trust, signed_in):
    priorities(trust)
    response = signed_in("sam_senior").post(reverse("planning:framework-add"), {})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Choose the strategic priority" in text
    assert "Choose the measure from the library" in text


def test_line_of_sight_from_a_priority_down_the_tree(trust, signed_in):
    d = drafted(trust)
    services.submit(actor=None, plan=d.plan)
    services.approve(actor=None, plan=d.plan)
    text = (
        signed_in("sam_senior")
        .get(reverse("planning:line-of-sight", args=[d.priorities[0].pk]))
        .content.decode()
    )
    assert "Ward A" in text
    assert "Plan:" in text
    assert "Measure:" in text
    assert "Falls" in text
    assert "Audit:" in text
    assert "Hand hygiene audit" in text
    assert "Project:" in text
    assert "Fewer falls at night" in text
    # Mo sees Ward A's part only.
    text = (
        signed_in("mo_member")
        .get(reverse("planning:line-of-sight", args=[d.priorities[0].pk]))
        .content.decode()
    )
    assert "Fewer falls at night" in text


def test_a_unit_sees_how_its_work_fits(trust, signed_in):
    d = drafted(trust)
    services.submit(actor=None, plan=d.plan)
    services.approve(actor=None, plan=d.plan)
    control.measure(trust.ward_a, name="Hand washing")
    text = signed_in("mo_member").get(reverse("planning:unit-fit", args=[trust.ward_a.pk])).content.decode()
    assert "How our work fits the strategy" in text
    assert "No avoidable harm" in text
    fits, gaps = text.split('id="gaps"')
    assert "Fewer falls at night" in fits
    assert "Hand washing" in gaps
