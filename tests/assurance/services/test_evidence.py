"""Evidence files: type by content, size, names with path tricks, storage outside the web root, and
serving only to people allowed to see them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openqms.actions.services.tracker import raise_action
from openqms.assurance import evidence_files
from openqms.assurance.models import Evidence
from openqms.audit.models import AuditEntry
from tests.assurance import helpers as h

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path):
    settings.OPENQMS_EVIDENCE_DIR = tmp_path / "evidence"
    return settings.OPENQMS_EVIDENCE_DIR


def _add(client, kind, pk, name, data, title="Photo"):
    return client.post(
        reverse("assurance:evidence-add", args=[kind, pk]),
        {"title": title, "file": SimpleUploadedFile(name, data, content_type="application/octet-stream")},
    )


def test_a_file_is_checked_stored_outside_the_web_root_and_served_to_those_who_may_see_it(
    trust, signed_in, client, evidence_dir
):
    run = h.run(trust, h.template(trust), started=True)
    response = _add(signed_in("mo_member"), "audit", run.pk, "fridge.png", PNG)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        "fridge.png",
        "image/png",
        len(PNG),
    )
    stored = evidence_dir / evidence.stored_name
    assert stored.read_bytes() == PNG
    assert len(evidence.stored_name) == 32
    assert AuditEntry.objects.filter(object_type="assurance.evidence").count() == 1
    download = client.get(reverse("assurance:evidence", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Disposition"] == 'attachment; filename="fridge.png"'
    assert download["X-Content-Type-Options"] == "nosniff"
    for persona in ("sue_service_user", "ada_admin", "otto_other_admin", "tess_team_leader"):
        status = signed_in(persona).get(reverse("assurance:evidence", args=[evidence.pk])).status_code
        assert status == (200 if persona == "tess_team_leader" else 404), persona


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "notes.pdf",
            b"<html><script>alert(1)</script></html>",
            "notes.pdf is not a file type OpenQMS keeps",
        ),
        ("photo.png", PDF, "photo.png is a PDF file by its content, but its name ends in “.png”"),
        ("run.exe", b"MZ\x90\x00\x03\x00\x00\x00", "run.exe is not a file type OpenQMS keeps"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "drawing.svg is not a file type"),
        (
            "big.pdf",
            PDF + b"0" * (10 * 1024 * 1024),
            "big.pdf is 10.0 MB: evidence files must be 10 MB or smaller",
        ),
        ("empty.txt", b"", "empty.txt is empty"),
        ("...", PDF, "The file has no usable name"),
    ],
)
def test_wrong_type_too_large_and_nameless_files_are_refused_and_nothing_is_kept(
    trust, signed_in, evidence_dir, name, data, message
):
    standard = h.standard(trust, unit="ward_a")
    page = _add(signed_in("tess_team_leader"), "standard", standard.pk, name, data).content.decode()
    assert message in page
    assert "Error: Add evidence" in page
    assert not Evidence.objects.exists()
    assert not evidence_dir.exists() or not any(evidence_dir.iterdir())


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\report.pdf", "report.pdf"),
        ("/var/lib/openqms/x.pdf", "x.pdf"),
        ("..report.pdf", "report.pdf"),
        ("re\x00port\r\n.pdf", "report.pdf"),
    ],
)
def test_path_tricks_in_the_name_never_reach_a_path(sent, kept):
    assert evidence_files.safe_name(sent) == kept


def test_a_name_with_path_tricks_is_stored_under_a_random_name(trust, signed_in, evidence_dir):
    standard = h.standard(trust, unit="ward_a")
    _add(
        signed_in("tess_team_leader"),
        "standard",
        standard.pk,
        "../../../settings.txt",
        b"minutes of the meeting",
    )
    evidence = Evidence.objects.get()
    assert evidence.original_name == "settings.txt"
    assert [p.name for p in evidence_dir.iterdir()] == [evidence.stored_name]


def test_word_documents_and_links_are_kept(trust, signed_in):
    action = raise_action(actor=None, unit=trust.ward_a, title="Policy update", due_on=dt.date.today())
    client = signed_in("mo_member")
    assert _add(client, "action", action.pk, "policy.docx", _docx()).status_code == 302
    response = client.post(
        reverse("assurance:evidence-add", args=["action", action.pk]),
        {"title": "Datix record", "link": "https://datix.example.nhs.uk/record/42"},
    )
    assert response.status_code == 302
    link = Evidence.objects.get(title="Datix record")
    shown = client.get(reverse("assurance:evidence", args=[link.pk]))
    assert shown.status_code == 200
    assert f'href="{link.link}"' in shown.content.decode()
    page = client.post(
        reverse("assurance:evidence-add", args=["action", action.pk]),
        {"title": "Bad", "link": "javascript:alert(1)"},
    ).content.decode()
    assert "Enter the full address of the record, starting https://" in page
    page = client.post(
        reverse("assurance:evidence-add", args=["action", action.pk]), {"title": "Nothing"}
    ).content.decode()
    assert "Choose a file, or give a link to the record, but not both" in page


def test_a_service_user_sees_evidence_of_a_shared_standard_only(trust, signed_in):
    shared = h.standard(trust, code="S", shared=True)
    hidden = h.standard(trust, code="H")
    from openqms.assurance.services import evidence as evidence_services

    e1 = evidence_services.add_evidence(
        actor=None, target=shared, title="Leaflet", link="https://example.org/a"
    )
    e2 = evidence_services.add_evidence(
        actor=None, target=hidden, title="Minutes", link="https://example.org/b"
    )
    client = signed_in("sue_service_user")
    assert client.get(reverse("assurance:evidence", args=[e1.pk])).status_code == 200
    assert client.get(reverse("assurance:evidence", args=[e2.pk])).status_code == 404
