from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from openqms.audit.models import AppendOnlyError, AuditEntry
from openqms.audit.services import Change, record, record_many, verify_chain
from openqms.organisations import services
from openqms.organisations.models import Unit


def test_every_change_to_the_tree_has_an_entry_with_who_when_and_what(trust):
    entry = AuditEntry.objects.filter(object_type="organisations.unit", object_id=str(trust.ward_a.pk)).get()
    assert entry.action == "create"
    assert entry.actor_name == "system"
    assert entry.changes["name"] == [None, "Ward A"]
    assert entry.unit_id == trust.ward_a.pk
    assert entry.occurred_at is not None


def test_a_failed_change_leaves_no_entry(trust):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.update_unit(actor=None, unit=trust.ward_a, name="Renamed", kind="ward", code="WA")
        raise RuntimeError("the request failed after the change")
    assert AuditEntry.objects.count() == before
    assert Unit.objects.get(pk=trust.ward_a.pk).name == "Ward A"


def test_an_invalid_change_writes_neither_change_nor_entry(trust):
    before = AuditEntry.objects.count()
    with pytest.raises(Exception, match="code"):
        services.update_unit(actor=None, unit=trust.ward_a, name="Ward A", kind="ward", code="WB")
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_an_entry_cannot_be_written_outside_the_change_transaction():
    org = services.create_organisation(actor=None, name="Autocommit Trust", code="AT")
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record(actor=None, action="update", target=org, changes={"name": ["a", "b"]})


def test_bulk_changes_get_one_entry_each_in_one_chain(trust):
    before = AuditEntry.objects.count()
    with transaction.atomic():
        record_many(
            actor=None, changes=[Change("update", u, {"name": ["a", "b"]}, u.pk) for u in Unit.objects.all()]
        )
    assert AuditEntry.objects.count() == before + Unit.objects.count()
    assert verify_chain().intact


def test_entries_cannot_be_changed_or_deleted_through_the_model(trust):
    entry = AuditEntry.objects.first()
    entry.object_repr = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(object_repr="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def _tamper(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # An attacker with the table owner's rights could do the same; the hash chain still tells.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_auditentry_append_only")


def test_the_chain_verifies_when_untouched(trust):
    report = verify_chain()
    assert report.intact
    assert report.checked == AuditEntry.objects.count()


def test_verification_names_the_first_altered_entry(trust):
    _tamper(
        "UPDATE audit_auditentry SET changes_json = %s WHERE sequence = %s", ['{"name":[null,"Evil"]}', 5]
    )
    _tamper("UPDATE audit_auditentry SET object_repr = %s WHERE sequence = %s", ["also bad", 9])
    report = verify_chain()
    assert not report.intact
    assert report.first_bad_sequence == 5
    assert "content" in report.reason


def test_verification_finds_a_removed_entry(trust):
    _tamper("DELETE FROM audit_auditentry WHERE sequence = %s", [4])
    report = verify_chain()
    assert report.first_bad_sequence == 4
    assert "missing" in report.reason


def test_verification_finds_entries_cut_from_the_end(trust):
    last = AuditEntry.objects.order_by("-sequence").first().sequence
    _tamper("DELETE FROM audit_auditentry WHERE sequence = %s", [last])
    report = verify_chain()
    assert not report.intact
    assert report.first_bad_sequence == last


def test_verification_finds_a_rewritten_hash_chain_link(trust):
    _tamper("UPDATE audit_auditentry SET previous_hash = %s WHERE sequence = %s", ["0" * 64, 3])
    report = verify_chain()
    assert report.first_bad_sequence == 3
    assert "link" in report.reason


def test_the_command_reports_an_intact_trail(trust, capsys):
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out


def test_the_command_fails_naming_the_bad_entry(trust):
    _tamper("UPDATE audit_auditentry SET actor_name = %s WHERE sequence = %s", ["Mallory", 2])
    with pytest.raises(CommandError, match="#2"):
        call_command("verify_audit")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_itself_refuses_to_change_an_entry(trust):
    from django.db import DatabaseError

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditentry SET object_repr = 'x'")
