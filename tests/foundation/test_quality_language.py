"""The organisation's quality language (ADR 24): its domains, from presets or its own, the one set
of functions every app reads them through, and its four questions."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.models import AuditEntry
from openqms.organisations import language_services as services
from openqms.organisations import selectors
from openqms.organisations.presets import CQC, PRESETS, STEEEP, WALES

STEEEP_KEYS = ["safe", "timely", "effective", "efficient", "equitable", "person_centred"]


def test_a_new_organisation_starts_with_steeep_and_each_domain_is_audited(trust):
    assert [d.key for d in selectors.quality_domains(trust.org)] == STEEEP_KEYS
    assert selectors.domain_choices(trust.org)[-1] == ("person_centred", "Person-centred")
    entries = AuditEntry.objects.filter(object_type="organisations.qualitydomain", unit_id=trust.board.pk)
    assert entries.count() == 6


def test_the_presets_are_steeep_wales_with_its_six_enablers_and_cqc():
    assert set(PRESETS) == {"steeep", "wales", "cqc"}
    assert [d.key for d in STEEEP.domains] == STEEEP_KEYS
    enablers = [d.label for d in WALES.domains if d.kind == "enabler"]
    assert enablers == [
        "Leadership", "Workforce", "Information", "Learning, improvement and research",
        "Whole-system approach", "Culture and valuing people",
    ]  # fmt: skip
    assert [d.label for d in CQC.domains] == ["Safe", "Effective", "Caring", "Responsive", "Well-led"]


def test_a_preset_adds_only_what_is_missing_and_brings_back_what_was_retired(trust):
    for key in ("safe", "timely"):
        services.retire_domain(actor=None, domain=selectors.domain_for(trust.org, key))
    assert "safe" not in dict(selectors.domain_choices(trust.org))
    services.apply_preset(actor=None, organisation=trust.org, preset=CQC)
    keys = [d.key for d in selectors.quality_domains(trust.org)]
    # CQC names safe, which comes back; timely, which it does not name, stays retired.
    assert keys == ["safe", "effective", "efficient", "equitable", "person_centred", "caring",
                    "responsive", "well_led"]  # fmt: skip


def test_a_childrens_hospital_uses_seven_of_its_own(trust):
    for d in selectors.quality_domains(trust.other_org):
        services.retire_domain(actor=None, domain=d) if d.key != "safe" else None
    for label in ["Kind", "Fair", "Fast", "Child-centred", "Family-centred", "Effective care"]:
        services.add_domain(actor=None, organisation=trust.other_org, label=label)
    labels = [label for _key, label in selectors.domain_choices(trust.other_org)]
    assert labels == ["Safe", "Kind", "Fair", "Fast", "Child-centred", "Family-centred", "Effective care"]
    assert selectors.domain_for(trust.other_org, "child_centred").label == "Child-centred"


def test_a_retired_domain_stays_in_the_choices_of_what_names_it_and_says_so(trust):
    safe = selectors.domain_for(trust.org, "safe")
    services.retire_domain(actor=None, domain=safe)
    safe.refresh_from_db()
    assert "safe" not in dict(selectors.domain_choices(trust.org))
    assert "safe" in dict(selectors.domain_choices(trust.org, keep="safe"))
    assert selectors.domain_label(safe) == "Safe (retired)"
    assert selectors.domain_label(None) == "No domain"


def test_renaming_keeps_the_key_and_the_checks_name_their_field(trust):
    safe = selectors.domain_for(trust.org, "safe")
    services.update_domain(actor=None, domain=safe, label="Free from harm")
    assert selectors.domain_for(trust.org, "safe").label == "Free from harm"
    with pytest.raises(ValidationError) as error:
        services.add_domain(actor=None, organisation=trust.org, label="free from HARM")
    assert "label" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        selectors.domain_for(trust.org, "kind")
    assert "quality_domain" in error.value.error_dict
    theirs = selectors.domain_for(trust.other_org, "safe")
    with pytest.raises(ValidationError):
        selectors.domain_for(trust.org, theirs)


def test_the_last_domain_in_use_cannot_be_retired(trust):
    domains = list(selectors.quality_domains(trust.org))
    for d in domains[:-1]:
        services.retire_domain(actor=None, domain=d)
    with pytest.raises(ValidationError):
        services.retire_domain(actor=None, domain=domains[-1])


def test_the_four_questions_fall_back_to_openqms_words_and_changes_are_audited(trust):
    assert selectors.four_questions(trust.org) == selectors.DEFAULT_QUESTIONS
    services.set_four_questions(
        actor=trust.people["ada_admin"],
        organisation=trust.org,
        questions={"control": " Is care good today? "},
    )
    trust.org.refresh_from_db()
    assert selectors.question_for(trust.org, "control") == "Is care good today?"
    assert selectors.question_for(trust.org, "plan") == selectors.DEFAULT_QUESTIONS["plan"]
    entry = AuditEntry.objects.filter(object_type="organisations.organisation").latest("sequence")
    assert entry.changes == {"control_question": ["", "Is care good today?"]}
    assert entry.unit_id == trust.board.pk
    with pytest.raises(ValidationError):
        services.set_four_questions(actor=None, organisation=trust.org, questions={"report": "?"})
