"""The standards library's pages: loading a framework, writing and mapping standards, comments."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openqms.assurance.models import Framework, Standard, StandardComment, StandardInvitation
from openqms.audit.models import AuditEntry
from tests.assurance import helpers as h


def _upload(client, trust, text: bytes | str, name: str = "f.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        reverse("assurance:framework-upload"),
        {"organisation": trust.board.pk, "file": SimpleUploadedFile(name, data)},
    )


def test_an_administrator_loads_a_framework_and_sees_its_requirements(trust, signed_in):
    client = signed_in("ada_admin")
    response = _upload(client, trust, h.CSV)
    framework = Framework.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assurance:framework", args=[framework.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Safe Quality Statements" in page
    assert "0 of 3 requirements are met" in page


def test_a_bad_upload_lists_every_problem_and_loads_nothing(trust, signed_in):
    bad = h.CSV.replace("S2,Infection", ",Infection").replace("2026-01-15,Safe,S3", "15 Jan,Safe,S3")
    response = _upload(signed_in("ada_admin"), trust, bad)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Error: Load a framework" in page
    assert "The file has 2 problems: nothing was loaded" in page
    assert "[&#39;The file" not in page  # the summary shows the message, not a list's repr
    assert "[&#x27;The file" not in page
    assert "every requirement needs a code" in page
    assert "“15 Jan” is not a date in the form 2026-04-01" in page
    assert Framework.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="assurance.framework").exists()


def test_upload_refuses_a_too_large_file_and_another_organisation(trust, signed_in):
    client = signed_in("ada_admin")
    page = _upload(client, trust, b"a" * (5 * 1024 * 1024 + 1)).content.decode()
    assert "a framework file must be 5 MB or smaller" in page
    page = client.post(
        reverse("assurance:framework-upload"),
        {"organisation": trust.other_board.pk, "file": SimpleUploadedFile("f.csv", h.CSV.encode())},
    ).content.decode()
    assert "Choose an organisation you administer" in page
    assert Framework.objects.count() == 0


def test_a_leader_writes_a_standard_mapped_to_requirements_and_the_framework_shows_it(trust, signed_in):
    framework = h.framework(trust)
    s1, s3 = framework.requirements.get(code="S1"), framework.requirements.get(code="S3")
    client = signed_in("sam_senior")
    response = client.post(
        reverse("assurance:standard-new"),
        {
            "code": "ms-01",
            "owner_unit": trust.board.pk,
            "title": "Medicines storage",
            "domain": "Safe care",
            "statement": "Medicines are stored securely.",
            "status": "approved",
            "applies_to": [trust.medicine.pk],
            "requirements": [s1.pk, s3.pk],
        },
    )
    standard = Standard.objects.get()
    assert response.status_code == 302
    assert standard.code == "MS-01"
    assert set(standard.requirements.values_list("code", flat=True)) == {"S1", "S3"}
    page = client.get(reverse("assurance:framework", args=[framework.pk])).content.decode()
    assert "2 of 3 requirements are met" in page
    assert "MS-01 Medicines storage" in page
    entry = AuditEntry.objects.get(object_type="assurance.standard")
    assert entry.changes["requirements"] == [None, sorted([s1.pk, s3.pk])]


def test_standard_form_says_what_is_wrong_and_saves_nothing(trust, signed_in):
    h.standard(trust, code="IPC-01")
    page = (
        signed_in("sam_senior")
        .post(
            reverse("assurance:standard-new"),
            {
                "code": "ipc-01",
                "owner_unit": trust.ward_b.pk,
                "title": "",
                "domain": "Safe",
                "statement": "x",
                "status": "approved",
                "requirements": ["999999"],
            },
        )
        .content.decode()
    )
    assert "Enter the title of the standard" in page
    assert "Choose requirements from the list" in page
    assert Standard.objects.count() == 1
    page = (
        signed_in("sam_senior")
        .post(
            reverse("assurance:standard-new"),
            {
                "code": "ipc-01",
                "owner_unit": trust.board.pk,
                "title": "T",
                "domain": "Safe",
                "statement": "x",
                "status": "approved",
            },
        )
        .content.decode()
    )
    assert "Another standard in this organisation has the code IPC-01" in page


def test_a_team_leader_may_not_own_a_standard_at_the_board(trust, signed_in):
    page = (
        signed_in("tess_team_leader")
        .post(
            reverse("assurance:standard-new"),
            {
                "code": "X",
                "owner_unit": trust.board.pk,
                "title": "T",
                "domain": "Safe",
                "statement": "x",
                "status": "draft",
            },
        )
        .content.decode()
    )
    assert "Choose a unit you lead" in page
    assert not Standard.objects.exists()


def test_editing_the_mapping_is_audited(trust, signed_in):
    framework = h.framework(trust)
    standard = h.standard(trust)
    client = signed_in("sam_senior")
    response = client.post(
        reverse("assurance:standard-edit", args=[standard.pk]),
        {"title": "Hand hygiene", "domain": "Safe care", "statement": "Clean hands.", "status": "approved",
         "requirements": [framework.requirements.get(code="S2").pk]},
    )  # fmt: skip
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(object_type="assurance.standard", action="update").get()
    assert set(entry.changes) == {"requirements", "statement"}


def test_a_service_user_is_invited_and_comments_on_a_draft(trust, signed_in, client):
    standard = h.standard(trust, unit="ward_a", status="draft")
    sue = trust.people["sue_service_user"]
    assert client.get(reverse("assurance:standard", args=[standard.pk])).status_code == 302
    signed_in("sue_service_user")
    assert client.get(reverse("assurance:standard", args=[standard.pk])).status_code == 404
    signed_in("tess_team_leader")
    response = client.post(reverse("assurance:standard-invite", args=[standard.pk]), {"person": sue.pk})
    assert response.status_code == 302
    assert StandardInvitation.objects.filter(standard=standard, person=sue).exists()
    signed_in("sue_service_user")
    page = client.get(reverse("assurance:standard", args=[standard.pk])).content.decode()
    assert "Your comment" in page
    page = client.post(
        reverse("assurance:standard-comment", args=[standard.pk]), {"text": " "}
    ).content.decode()
    assert "Enter your comment" in page
    assert not StandardComment.objects.exists()
    client.post(reverse("assurance:standard-comment", args=[standard.pk]), {"text": "Say it in plain words."})
    assert StandardComment.objects.get().author == sue
    # Staff see the comment; once approved, comments close.
    signed_in("mo_member")
    assert (
        "Say it in plain words."
        in client.get(reverse("assurance:standard", args=[standard.pk])).content.decode()
    )


def test_invitations_are_only_for_service_users_and_drafts(trust, signed_in):
    standard = h.standard(trust, unit="ward_a", status="draft")
    page = (
        signed_in("tess_team_leader")
        .post(
            reverse("assurance:standard-invite", args=[standard.pk]), {"person": trust.people["mo_member"].pk}
        )
        .content.decode()
    )
    assert "Choose a service user from the list" in page
    assert not StandardInvitation.objects.exists()


def test_the_lists_show_only_what_the_person_may_see(trust, signed_in):
    h.standard(trust, code="BOARD-1", title="Board standard")
    h.standard(trust, code="WB-1", unit="ward_b", title="Ward B standard")
    h.standard(trust, code="SHARED-1", title="Shared standard", shared=True)
    seen = {
        persona: signed_in(persona).get(reverse("assurance:standards")).content.decode()
        for persona in ("mo_member", "colin_clinician", "sue_service_user", "ada_admin", "otto_other_admin")
    }
    assert "Board standard" in seen["mo_member"]
    assert "Ward B standard" not in seen["mo_member"]
    assert "Ward B standard" in seen["colin_clinician"]
    assert "Shared standard" in seen["sue_service_user"]
    assert "Board standard" not in seen["sue_service_user"]
    assert "Board standard" not in seen["ada_admin"]
    assert "Shared standard" not in seen["otto_other_admin"]


def test_a_standard_shows_how_its_measures_are_doing_in_the_current_unit(trust, signed_in):
    from tests.control import pages_helpers as ch

    measure = ch.measure(trust.ward_a)
    ch.monthly_values(measure, ch.RISING)
    other = ch.measure(trust.ward_b, measure.definition)
    standard = h.standard(trust, measures=[measure.definition])
    page = signed_in("mo_member").get(reverse("assurance:standard", args=[standard.pk])).content.decode()
    assert "How they are doing in Ward A" in page
    assert f"/control/measures/{measure.pk}/" in page
    assert f"/control/measures/{other.pk}/" not in page
    assert "Special cause concern" in page or "special cause" in page.lower()


def _standard_page(client, standard) -> tuple[str, list[str]]:
    from django.db import connection

    path = reverse("assurance:standard", args=[standard.pk])
    client.get(path)
    seen: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        page = client.get(path).content.decode()
    return page, seen


def test_a_standard_s_page_offers_evidence_to_those_who_may_add_it_and_reads_the_standard_once(
    trust, signed_in
):
    from tests.control import pages_helpers as ch

    measure = ch.measure(trust.ward_a)
    standard = h.standard(trust, measures=[measure.definition])
    page, seen = _standard_page(signed_in("sam_senior"), standard)
    assert "Add evidence" in page
    # The page's own read of the standard, not a second one for its evidence section.
    assert sum(1 for sql in seen if sql.startswith('SELECT DISTINCT "assurance_standard"')) == 1
    page, seen = _standard_page(signed_in("mo_member"), standard)
    assert "No evidence yet" in page
    assert "Add evidence" not in page  # Mo may see the board's standard, not change it
    assert f"/control/measures/{measure.pk}/" in page
    assert sum(1 for sql in seen if sql.startswith('SELECT DISTINCT "assurance_standard"')) == 1


def test_a_standard_s_page_is_read_in_as_many_queries_whatever_the_number_of_its_measures(trust, signed_in):
    from tests.control import pages_helpers as ch

    client = signed_in("mo_member")
    standard = h.standard(trust, measures=[ch.measure(trust.ward_a).definition])
    _, one = _standard_page(client, standard)
    for _ in range(2):
        standard.measures.add(ch.measure(trust.ward_a).definition)
    page, three = _standard_page(client, standard)
    assert page.count("/control/library/") == 3
    assert len(three) == len(one)
