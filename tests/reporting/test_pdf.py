"""The board pack's PDF, checked on its extracted text: every measure in the table appears with
its icons' words, the running header names the unit and period, and it is tagged (PDF/UA-1)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from openqms.reporting import contents, rendering
from openqms.reporting.selectors.measures import assurance_words, variation_words
from tests.control.factories import measure
from tests.reporting import helpers as h


@pytest.fixture
def pack(trust):
    h.falls(trust)
    measure(trust.ward_a, [90.0, 92, 91, 93, 90, 94, 92, 91, 95, 93, 92, 94], name="Hand hygiene",
            direction="increase", default_target=85.0)  # fmt: skip
    measure(
        trust.ward_b, [5.0, 6, 5, 7, 6, 5, 6, 7, 5, 6, 5, 6], name="Pressure ulcers", direction="decrease"
    )
    report = h.report(trust, "medicine")
    data = contents.build(trust.people["dana_division"], report)
    reader = PdfReader(io.BytesIO(rendering.pdf_bytes(data)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return data, reader, " ".join(text.split())


def test_every_measure_in_the_table_appears_with_its_icons_words(pack):
    data, _, text = pack
    assert len(data["measures"]) == 3
    for row in data["measures"]:
        assert row["name"] in text
        assert variation_words(row["variation"]) in text
        assert assurance_words(row["assurance"]) in text


def test_each_page_names_the_unit_and_period_and_is_numbered(pack):
    data, reader, _ = pack
    second = " ".join(reader.pages[1].extract_text().split())
    assert f"Integrated quality report: Medicine, {data['period']['label']}" in second
    assert f"Page 2 of {len(reader.pages)}" in second


def test_the_pack_is_tagged_for_accessibility(pack):
    _, reader, _ = pack
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert str(catalog["/Lang"]).startswith("en")
