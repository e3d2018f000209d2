"""Managing a unit: details, sub-units, moving, archiving and restoring, giving and ending roles."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from openqms.access.models import RoleAssignment
from openqms.audit.models import AuditEntry
from openqms.organisations import services as organisations
from openqms.organisations.models import Unit
from tests.administration.conftest import Counts


def url(name: str, unit: Unit) -> str:
    return reverse(f"administration:{name}", args=[unit.pk])


def date_fields(name: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def test_the_unit_page_shows_sub_units_roles_and_history(ada, trust):
    page = ada.get(url("unit", trust.elderly_care)).content.decode()
    assert "Manage Elderly Care" in page
    assert "Ward A" in page
    assert "Ward B" in page
    assert "Colin Clinician" in page
    assert "Created unit: Elderly Care" in page
    assert page.count("<h1") == 1


def test_it_renames_a_unit_and_records_who_did_it(ada, trust):
    response = ada.post(
        url("unit-edit", trust.ward_a), {"name": "Ward A East", "kind": "ward", "code": "wae"}
    )
    assert response.status_code == 302
    trust.ward_a.refresh_from_db()
    assert (trust.ward_a.name, trust.ward_a.code) == ("Ward A East", "WAE")
    entry = AuditEntry.objects.filter(object_type="organisations.unit", action="update").get()
    assert entry.changes["name"] == ["Ward A", "Ward A East"]
    assert entry.actor_id == trust.people["ada_admin"].pk


def test_it_says_what_is_wrong_with_each_detail_of_a_unit(ada, trust, counts):
    response = ada.post(url("unit-edit", trust.ward_a), {"name": "", "kind": "clinic", "code": "wb"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the unit&#39;s name" in page
    assert "Select a kind of unit from the list" in page
    assert "Another unit in Northshire Hospitals already has the code WB" in page
    assert 'href="#id_code"' in page
    assert counts.unchanged()


def test_it_rejects_a_name_that_is_too_long(ada, trust, counts):
    page = ada.post(url("unit-edit", trust.ward_a), {"name": "n" * 201, "kind": "ward", "code": "WA"}).content
    assert "Name must be 200 characters or fewer" in page.decode()
    assert counts.unchanged()


def test_it_adds_a_sub_unit_with_an_audit_entry(ada, trust):
    response = ada.post(url("unit-add", trust.elderly_care), {"name": "Ward C", "kind": "ward", "code": "WC"})
    assert response.status_code == 302
    ward_c = Unit.objects.get(code="WC")
    assert ward_c.parent == trust.elderly_care
    assert AuditEntry.objects.filter(object_type="organisations.unit", object_id=str(ward_c.pk)).exists()


def test_it_rejects_a_sub_unit_whose_code_is_taken(ada, trust, counts):
    page = ada.post(
        url("unit-add", trust.elderly_care), {"name": "Ward C", "kind": "ward", "code": "the"}
    ).content
    assert "Another unit in Northshire Hospitals already has the code THE" in page.decode()
    assert counts.unchanged()


def test_the_move_page_offers_only_units_outside_the_sub_tree(ada, trust):
    page = ada.get(url("unit-move", trust.medicine)).content.decode()
    page = page[page.index('id="id_parent"') :]
    page = page[: page.index("</select>")]
    assert f'value="{trust.surgery.pk}"' in page
    assert f'value="{trust.ward_a.pk}"' not in page
    assert f'value="{trust.medicine.pk}"' not in page
    assert f'value="{trust.other_board.pk}"' not in page


def test_it_moves_a_unit_with_its_sub_tree(ada, trust):
    response = ada.post(url("unit-move", trust.elderly_care), {"parent": trust.surgery.pk})
    assert response.status_code == 302
    trust.ward_a.refresh_from_db()
    assert trust.ward_a.is_within(trust.surgery)
    assert AuditEntry.objects.filter(action="move", object_id=str(trust.elderly_care.pk)).exists()


def test_it_refuses_to_move_a_unit_under_its_own_sub_unit_or_another_organisation(ada, trust, counts):
    for target in (trust.ward_a, trust.other_board):
        page = ada.post(url("unit-move", trust.elderly_care), {"parent": target.pk}).content.decode()
        assert "Select a unit from the list" in page
    assert (
        "Select the unit to move it under"
        in ada.post(url("unit-move", trust.elderly_care), {}).content.decode()
    )
    trust.elderly_care.refresh_from_db()
    assert trust.elderly_care.parent == trust.medicine
    assert counts.unchanged()


def test_archiving_asks_first_then_archives_the_sub_tree(ada, trust):
    page = ada.get(url("unit-archive", trust.elderly_care)).content.decode()
    assert "Archive Elderly Care?" in page
    assert "3 units will be archived" in page
    assert not Unit.objects.filter(archived_at__isnull=False).exists()
    assert ada.post(url("unit-archive", trust.elderly_care)).status_code == 302
    assert set(Unit.objects.filter(archived_at__isnull=False)) == {
        trust.elderly_care,
        trust.ward_a,
        trust.ward_b,
    }
    assert AuditEntry.objects.filter(action="archive").count() == 3
    assert Unit.objects.filter(pk=trust.ward_a.pk).exists()  # nothing deleted


def test_the_top_unit_cannot_be_archived(ada, trust, counts):
    assert "it is the top unit" in ada.get(url("unit-archive", trust.board)).content.decode()
    ada.post(url("unit-archive", trust.board))
    assert counts.unchanged()


def test_an_administrator_cannot_archive_the_unit_their_own_role_is_on(client, trust, medicine_admin):
    client.force_login(medicine_admin)
    counts = Counts()
    assert "would end your own access" in client.get(url("unit-archive", trust.medicine)).content.decode()
    client.post(url("unit-archive", trust.medicine))
    assert counts.unchanged()


def test_it_restores_an_archived_unit(ada, trust):
    organisations.archive_unit(actor=None, unit=trust.ward_b)
    assert "This unit is archived" in ada.get(url("unit", trust.ward_b)).content.decode()
    assert ada.post(url("unit-restore", trust.ward_b)).status_code == 302
    trust.ward_b.refresh_from_db()
    assert not trust.ward_b.is_archived
    assert AuditEntry.objects.filter(action="restore", object_id=str(trust.ward_b.pk)).exists()


def test_it_explains_that_the_parent_must_be_restored_first(ada, trust):
    organisations.archive_unit(actor=None, unit=trust.elderly_care)
    page = ada.get(url("unit", trust.ward_a)).content.decode()
    assert "restore Elderly Care</a> first" in page
    response = ada.post(url("unit-restore", trust.ward_a), follow=True)
    assert "Restore the parent unit first" in response.content.decode()
    trust.ward_a.refresh_from_db()
    assert trust.ward_a.is_archived


def test_it_gives_a_role_with_an_audit_entry(ada, trust):
    data = {
        "person": trust.people["mo_member"].pk,
        "role": "clinician",
        **date_fields("starts_on", "1", "5", "2026"),
    }
    response = ada.post(url("unit-grant", trust.ward_b), data)
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(unit=trust.ward_b, person=trust.people["mo_member"])
    assert (assignment.role, assignment.starts_on, assignment.ends_on) == (
        "clinician",
        dt.date(2026, 5, 1),
        None,
    )
    assert AuditEntry.objects.filter(
        object_type="access.roleassignment", object_id=str(assignment.pk)
    ).exists()


def test_it_says_what_is_wrong_with_a_role(ada, trust, counts):
    data = {
        "person": "",
        "role": "",
        **date_fields("starts_on", "31", "2", "2026"),
        **date_fields("ends_on", "", "", "20"),
    }
    page = ada.post(url("unit-grant", trust.ward_b), data).content.decode()
    assert "Select the person" in page
    assert "Select a role" in page
    assert "Start date must be a real date" in page
    assert "End date must include a day and a month" in page
    assert 'href="#id_starts_on_day"' in page
    assert 'href="#id_ends_on_day"' in page
    assert counts.unchanged()


def test_it_rejects_an_end_date_before_the_start_and_a_missing_start(ada, trust, counts):
    person = trust.people["mo_member"].pk
    data = {"person": person, "role": "clinician", **date_fields("starts_on", "1", "5", "2026")}
    data |= date_fields("ends_on", "30", "4", "2026")
    assert (
        "End date must be the same as or after the start date"
        in ada.post(url("unit-grant", trust.ward_b), data).content.decode()
    )
    page = ada.post(url("unit-grant", trust.ward_b), {"person": person, "role": "clinician"}).content.decode()
    assert "Enter the start date" in page
    assert (
        "Year in the start date must include 4 numbers"
        in ada.post(
            url("unit-grant", trust.ward_b),
            {"person": person, "role": "clinician", **date_fields("starts_on", "1", "5", "26")},
        ).content.decode()
    )
    assert counts.unchanged()


def test_it_refuses_a_role_the_person_already_holds_for_those_dates(ada, trust, counts):
    data = {
        "person": trust.people["mo_member"].pk,
        "role": "team_member",
        **date_fields("starts_on", "1", "5", "2026"),
    }
    page = ada.post(url("unit-grant", trust.ward_a), data).content.decode()
    assert "Mo Member already holds this role on Ward A for some of those dates" in page
    assert counts.unchanged()


def test_the_person_picker_offers_only_people_the_administrator_can_see(ada, trust, counts):
    page = ada.get(url("unit-grant", trust.ward_a)).content.decode()
    assert "Mo Member (mo_member)" in page
    assert "Nora No-Role" not in page
    assert "Otto Other-Admin" not in page
    data = {"person": trust.people["otto_other_admin"].pk, "role": "team_member"}
    data |= date_fields("starts_on", "1", "5", "2026")
    assert "Select a person from the list" in ada.post(url("unit-grant", trust.ward_a), data).content.decode()
    assert counts.unchanged()


def test_it_ends_a_role_with_an_audit_entry(ada, trust):
    assignment = trust.people["tess_team_leader"].role_assignments.get()
    end_url = reverse("administration:role-end", args=[assignment.pk])
    assert "End Tess Team-Leader's role" in ada.get(end_url).content.decode()
    response = ada.post(end_url, date_fields("ends_on", "30", "6", "2026"))
    assert response["Location"] == url("unit", trust.ward_a)
    assignment.refresh_from_db()
    assert assignment.ends_on == dt.date(2026, 6, 30)
    assert AuditEntry.objects.filter(object_type="access.roleassignment", action="update").exists()


def test_it_refuses_to_end_a_role_before_it_started(ada, trust, counts):
    assignment = trust.people["tess_team_leader"].role_assignments.get()
    page = ada.post(
        reverse("administration:role-end", args=[assignment.pk]), date_fields("ends_on", "31", "3", "2024")
    ).content.decode()
    assert "End date must be on or after the start date, 1 April 2024" in page
    assert counts.unchanged()


def test_the_other_organisations_administrator_cannot_change_anything_here(signed_in, trust, counts):
    otto = signed_in("otto_other_admin")
    assignment = trust.people["tess_team_leader"].role_assignments.get()
    attempts = [
        (url("unit-edit", trust.ward_a), {"name": "Mine", "kind": "ward", "code": "WA"}),
        (url("unit-add", trust.ward_a), {"name": "Mine", "kind": "team", "code": "MINE"}),
        (url("unit-move", trust.ward_a), {"parent": trust.surgery.pk}),
        (url("unit-archive", trust.ward_a), {}),
        (url("unit-restore", trust.ward_a), {}),
        (
            url("unit-grant", trust.ward_a),
            {"person": trust.people["otto_other_admin"].pk, "role": "administrator"},
        ),
        (reverse("administration:role-end", args=[assignment.pk]), date_fields("ends_on", "1", "1", "2026")),
    ]
    for target, data in attempts:
        assert otto.post(target, data).status_code == 404, target
    assert counts.unchanged()


def test_administrators_have_no_clinical_powers(trust):
    from openqms.access import policy

    ada = trust.people["ada_admin"]
    for action in (policy.Permission.VIEW, policy.Permission.CONTRIBUTE, policy.Permission.LEAD):
        assert not policy.can(ada, action, trust.ward_a)
