"""docs/examples/nightly_extract.py against a live server: it sends, reports problems by line, and
sending the same file twice writes nothing new."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from openqms.control.models import Observation
from tests.api.helpers import token_for
from tests.control import pages_helpers as h

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "nightly_extract.py"


def _client():
    spec = importlib.util.spec_from_file_location("nightly_extract", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_the_example_client_sends_a_nightly_extract(live_server, tmp_path, capsys):
    from tests.personas import build_trust

    trust = build_trust()
    m = h.measure(trust.ward_a)
    secret = token_for(trust, "mo_member")
    extract = tmp_path / "extract.csv"
    code = m.definition.code
    extract.write_text(
        f"measure,unit,period,value\n{code},WA,2024-01-01,3\n{code},WA,2024-02-01,5\n{code},WA,2024-03-01,\n"
    )
    client = _client()
    assert client.send(extract, live_server.url, secret, dry_run=False) == 0
    assert Observation.objects.count() == 2
    assert client.send(extract, live_server.url, secret, dry_run=False) == 0  # replayed, not rewritten
    assert Observation.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(f"measure,unit,period,value\n{code},WA,2024-04-01,1\n{code},WB,2024-05-01,2\n")
    assert client.send(bad, live_server.url, secret, dry_run=False) == 1
    assert "line 3, unit" in capsys.readouterr().err
    assert Observation.objects.count() == 2
