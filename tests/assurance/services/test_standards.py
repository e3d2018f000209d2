"""Writes to the organisation's standards: what the standard services accept."""

from __future__ import annotations

import pytest

from openqms.assurance.services.standards import update_standard
from tests.assurance import helpers as h


def test_an_update_keeps_the_links_it_is_not_given_and_clears_those_given_empty(trust):
    framework = h.framework(trust)
    standard = h.standard(trust, requirements=framework.requirements.all(), applies_to=[trust.ward_a])
    update_standard(actor=None, standard=standard, title="Clean hands")
    standard.refresh_from_db()
    assert standard.title == "Clean hands"
    assert standard.requirements.count() == 3
    assert list(standard.applies_to.all()) == [trust.ward_a]
    update_standard(actor=None, standard=standard, requirements=[])
    assert not standard.requirements.exists()
    assert list(standard.applies_to.all()) == [trust.ward_a]


def test_the_code_and_the_owning_unit_are_not_arguments_of_an_update(trust):
    standard = h.standard(trust)
    with pytest.raises(TypeError, match="code"):
        update_standard(actor=None, standard=standard, code="IPC-02")
    with pytest.raises(TypeError, match="owner_unit"):
        update_standard(actor=None, standard=standard, owner_unit=trust.ward_a)
