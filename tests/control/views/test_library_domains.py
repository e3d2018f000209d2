"""The library's domains are the organisation's own (ADR 24): the form and the filter offer its
list, a retired domain stays on the definitions that name it, and another organisation's is refused."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from openqms.organisations import language_services
from openqms.organisations.selectors import domain_for
from tests.control import pages_helpers as h

pytestmark = pytest.mark.django_db


def test_the_form_and_the_filter_offer_the_organisations_own_domains(signed_in, trust):
    language_services.add_domain(actor=None, organisation=trust.org, label="Kind")
    language_services.add_domain(actor=None, organisation=trust.other_org, label="Riverside's own")
    kind = h.definition(trust.ward_a, name="Kindness audit", quality_domain="kind")
    client = signed_in("tess_team_leader")
    client.post(reverse("switch-unit"), {"unit": trust.ward_a.pk})
    form = unescape(client.get(reverse("control:definition-new")).content.decode())
    assert ">Kind<" in form
    assert "Riverside's own" not in form
    listing = unescape(client.get(reverse("control:library"), {"domain": "kind"}).content.decode())
    assert "Kindness audit" in listing
    assert kind.quality_domain == domain_for(trust.org, "kind")


def test_a_retired_domain_stays_on_a_definition_and_is_shown_as_retired(signed_in, trust):
    definition = h.definition(trust.ward_a, name="Ward A waits", quality_domain="timely")
    language_services.retire_domain(actor=None, domain=domain_for(trust.org, "timely"))
    client = signed_in("tess_team_leader")
    page = unescape(client.get(reverse("control:definition", args=[definition.pk])).content.decode())
    assert "Timely (retired)" in page
    form = unescape(client.get(reverse("control:definition-edit", args=[definition.pk])).content.decode())
    assert 'value="timely" selected' in form
