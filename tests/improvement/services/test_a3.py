"""An A3's sections: each change numbered and audited with the words before and after; a writer
who started from an older version is told, and nothing changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.selectors import history_of
from openqms.improvement.models import A3Section
from openqms.improvement.services.a3 import save_section
from openqms.improvement.services.projects import close_project
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def test_each_change_of_a_section_is_a_new_version_in_the_projects_history(trust):
    p = h.method_project(trust, "a3")
    mo, tess = trust.people["mo_member"], trust.people["tess_team_leader"]
    first = save_section(actor=mo, project=p, section="root_cause", text="  Too few staff at night ")
    assert (first.text, first.version, first.updated_by) == ("Too few staff at night", 1, mo)
    second = save_section(
        actor=tess, project=p, section="root_cause", text="Risk assessed late", seen_version=1
    )
    assert (second.version, second.updated_by) == (2, tess)
    entry = history_of(p).first()
    assert entry.actor == tess
    assert entry.changes == {"A3 root cause (version 2)": ["Too few staff at night", "Risk assessed late"]}
    # The same words again are no change: no version, no entry.
    save_section(actor=mo, project=p, section="root_cause", text="Risk assessed late")
    assert A3Section.objects.get(project=p, section="root_cause").version == 2
    assert history_of(p).first() == entry


def test_a_writer_who_started_from_an_older_version_is_told_and_nothing_changes(trust):
    p = h.method_project(trust, "a3")
    save_section(actor=trust.people["mo_member"], project=p, section="plan", text="Huddle at handover")
    with pytest.raises(ValidationError) as refused:
        save_section(
            actor=trust.people["tess_team_leader"], project=p, section="plan", text="Alarms", seen_version=0
        )
    assert refused.value.message_dict["text"][0].startswith(
        f"{trust.people['mo_member']} changed this section while you were writing"
    )
    assert A3Section.objects.get(project=p, section="plan").text == "Huddle at handover"


@pytest.mark.parametrize(
    ("section", "text", "errors"),
    [
        ("summary", "Words", {"section": ["Choose one of the A3's seven sections"]}),
        ("plan", "x" * 8001, {"text": ["Write at most 8,000 characters (you wrote 8,001)"]}),
    ],
)
def test_a_section_that_is_not_one_or_too_long_is_refused(trust, section, text, errors):
    p = h.method_project(trust, "a3")
    with pytest.raises(ValidationError) as refused:
        save_section(actor=None, project=p, section=section, text=text)
    assert refused.value.message_dict == errors
    assert not A3Section.objects.exists()


def test_only_an_open_a3_project_has_sections(trust):
    with pytest.raises(ValidationError) as refused:
        save_section(actor=None, project=h.project(trust), section="plan", text="Words")
    assert refused.value.messages == ["Only an A3 project has A3 sections"]
    p = h.method_project(trust, "a3")
    close_project(actor=None, project=p, lessons="Done", score="3.0", baselines={})
    with pytest.raises(ValidationError) as refused:
        save_section(actor=None, project=p, section="plan", text="Words")
    assert refused.value.messages == ["The project is closed: its A3 is kept as it was"]
