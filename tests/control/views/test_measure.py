"""The measure page: chart from the stored snapshot, data entry, removal, annotations, target, downloads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from openqms.audit.selectors import history_of
from openqms.control.models import Annotation, Observation, TargetChange
from openqms.control.services.measures import set_target
from tests.control import pages_helpers as h


@pytest.fixture
def falls(trust):
    m = h.measure(trust.ward_a, name="Falls", default_target=12)
    h.monthly_values(m, h.RISING)
    return m


@pytest.fixture
def ratio(trust):
    m = h.measure(
        trust.ward_a,
        name="Harm-free care",
        data_shape="ratio",
        chart_type="p",
        multiplier=100,
        direction="increase",
    )
    h.monthly_ratios(m, [(90, 100)] * 12)
    return m


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_the_measure_page_shows_the_chart_icons_in_words_and_a_summary(signed_in, falls):
    html = signed_in("mo_member").get(reverse("control:measure", args=[falls.pk])).content.decode()
    assert "<svg" in html
    assert "Summary of the chart" in html
    assert "Special cause variation: concern, higher values" in html
    assert "Assurance:" in html
    assert "Statistical process control" in html


def test_the_measure_page_never_recomputes_the_chart(signed_in, falls, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("recomputed on a page view")

    monkeypatch.setattr("openqms.spc.compute", fail)
    monkeypatch.setattr("openqms.control.services.snapshots.recompute", fail)
    assert signed_in("mo_member").get(reverse("control:measure", args=[falls.pk])).status_code == 200


def test_the_data_table_lists_the_newest_period_first(signed_in, falls):
    html = signed_in("mo_member").get(reverse("control:measure", args=[falls.pk])).content.decode()
    assert html.index("March 2024") < html.index("February 2024") < html.index("January 2024")


def test_a_team_member_enters_one_period_and_it_is_saved_audited_and_charted(signed_in, falls):
    client = signed_in("mo_member")
    response = client.post(
        reverse("control:measure-data", args=[falls.pk]),
        {**_date("period_start", dt.date(2024, 4, 1)), "value": "7"},
    )
    assert response.status_code == 302
    assert Observation.objects.get(measure=falls, period_start=dt.date(2024, 4, 1)).value == 7
    assert falls.snapshot.__class__.objects.get(measure=falls).last_value == 7
    assert history_of(falls).first().changes == {"2024-04-01": [None, 7.0]}


def test_data_entry_by_htmx_answers_with_the_page_to_swap_in(signed_in, falls):
    response = signed_in("mo_member").post(
        reverse("control:measure-data", args=[falls.pk]),
        {**_date("period_start", dt.date(2024, 4, 1)), "value": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="maincontent"' in response.content.decode()
    assert "Enter the value" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"value": "3"}, "Enter the start of the period"),
        ({**_date("period_start", dt.date(2024, 4, 2)), "value": "3"}, "Monthly data start on the 1st"),
        ({"period_start_day": "31", "period_start_month": "2", "period_start_year": "2024", "value": "3"},
         "Start of the period must be a real date"),
        ({"period_start_day": "1", "period_start_month": "4", "period_start_year": "24", "value": "3"},
         "Year in the start of the period must include 4 numbers"),
        ({"period_start_day": "1", "period_start_year": "2024", "value": "3"}, "must include a month"),
        ({**_date("period_start", dt.date(2024, 4, 1)), "value": "three"}, "Value must be a number"),
        ({**_date("period_start", dt.date(2024, 4, 1)), "value": "nan"}, "Value must be a number"),
        ({**_date("period_start", dt.date(2024, 4, 1))}, "Enter the value"),
        ({**_date("period_start", dt.date(2999, 1, 1)), "value": "3"}, "today or in the past"),
    ],
)  # fmt: skip
def test_data_entry_rejects_bad_input_with_a_precise_message(signed_in, falls, data, message):
    response = signed_in("mo_member").post(reverse("control:measure-data", args=[falls.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "There is a problem" in html
    assert Observation.objects.filter(measure=falls).count() == len(h.RISING)


def test_weekly_data_must_start_on_a_monday(signed_in, trust):
    m = h.measure(trust.ward_a, name="Weekly", frequency="weekly")
    client = signed_in("mo_member")
    response = client.post(
        reverse("control:measure-data", args=[m.pk]),
        {**_date("period_start", dt.date(2024, 4, 3)), "value": "1"},
    )
    assert "Weekly data start on a Monday: enter 1 4 2024" in response.content.decode()
    response = client.post(
        reverse("control:measure-data", args=[m.pk]),
        {**_date("period_start", dt.date(2024, 4, 1)), "value": "1"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("numerator", "denominator", "message"),
    [
        ("5", "0", "Denominator must be more than 0"),
        ("5", "-3", "Denominator must be more than 0"),
        ("120", "100", "Numerator must not be more than the denominator on a p chart"),
        ("-1", "100", "Numerator must be 0 or more"),
        ("", "100", "Enter the numerator"),
        ("5", "", "Enter the denominator"),
    ],
)
def test_ratio_entry_rejects_impossible_numerators_and_denominators(
    signed_in, ratio, numerator, denominator, message
):
    response = signed_in("mo_member").post(
        reverse("control:measure-data", args=[ratio.pk]),
        {**_date("period_start", dt.date(2024, 1, 1)), "numerator": numerator, "denominator": denominator},
    )
    assert message in response.content.decode()


def test_ratio_entry_saves_the_numerator_and_denominator(signed_in, ratio):
    response = signed_in("mo_member").post(
        reverse("control:measure-data", args=[ratio.pk]),
        {**_date("period_start", dt.date(2024, 1, 1)), "numerator": "45", "denominator": "50"},
    )
    assert response.status_code == 302
    saved = Observation.objects.get(measure=ratio, period_start=dt.date(2024, 1, 1))
    assert (saved.numerator, saved.denominator, saved.value) == (45, 50, None)


def test_removing_a_wrong_value_asks_first_then_removes_it_and_keeps_it_in_the_history(signed_in, falls):
    client = signed_in("mo_member")
    wrong = Observation.objects.get(measure=falls, period_start=dt.date(2024, 3, 1))
    url = reverse("control:measure-data-remove", args=[falls.pk, wrong.pk])
    assert "Remove the data for March 2024?" in client.get(url).content.decode()
    assert Observation.objects.filter(pk=wrong.pk).exists()
    assert client.post(url).status_code == 302
    assert not Observation.objects.filter(pk=wrong.pk).exists()
    assert history_of(falls).first().changes == {"2024-03-01": [30.0, None]}


def test_a_ward_b_member_cannot_remove_or_add_ward_a_data(client, trust, falls):
    nurse_b = h.person_on(trust.ward_b, "team_member")
    client.force_login(nurse_b)
    obs = falls.observations.first()
    assert client.post(reverse("control:measure-data-remove", args=[falls.pk, obs.pk])).status_code == 404
    assert client.post(reverse("control:measure-data", args=[falls.pk]), {}).status_code == 404
    assert Observation.objects.filter(pk=obs.pk).exists()


def test_an_observation_of_another_measure_cannot_be_removed_through_this_one(signed_in, trust, falls):
    other = h.measure(trust.ward_a, name="Other")
    h.monthly_values(other, [1.0, 2.0])
    foreign = other.observations.first()
    response = signed_in("mo_member").post(
        reverse("control:measure-data-remove", args=[falls.pk, foreign.pk])
    )
    assert response.status_code == 404


def test_an_annotation_is_added_shown_and_archived(signed_in, falls):
    client = signed_in("mo_member")
    response = client.post(
        reverse("control:annotation-add", args=[falls.pk]),
        {**_date("on", dt.date(2023, 6, 1)), "kind": "change", "label": "New falls bundle", "reason": ""},
    )
    assert response.status_code == 302
    annotation = Annotation.objects.get(measure=falls)
    assert "New falls bundle" in client.get(reverse("control:measure", args=[falls.pk])).content.decode()
    client.post(reverse("control:annotation-archive", args=[falls.pk, annotation.pk]))
    annotation.refresh_from_db()
    assert annotation.archived_at is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": "recalculation", "label": "Rebase", "reason": " "},
            "Say why the limits should be recalculated",
        ),
        ({"kind": "event", "label": ""}, "Enter a short label to show on the chart"),
        ({"kind": "event", "label": "x" * 81}, "Label must be 80 characters or fewer"),
        ({"kind": "nonsense", "label": "x"}, "Choose a kind from the list"),
        ({"label": "x"}, "Choose the kind of note"),
    ],
)
def test_annotation_form_rejects_bad_input(signed_in, falls, data, message):
    response = signed_in("mo_member").post(
        reverse("control:annotation-add", args=[falls.pk]), {**_date("on", dt.date(2023, 6, 1)), **data}
    )
    assert message in response.content.decode()
    assert not Annotation.objects.filter(measure=falls).exists()


def test_a_recalculation_with_a_reason_starts_a_new_phase(signed_in, falls):
    signed_in("mo_member").post(
        reverse("control:annotation-add", args=[falls.pk]),
        {
            **_date("on", dt.date(2023, 7, 1)),
            "kind": "recalculation",
            "label": "New ward",
            "reason": "Ward moved",
        },
    )
    assert len(falls.snapshot.__class__.objects.get(measure=falls).result["phases"]) == 2


def test_a_leader_changes_the_target_with_a_reason_and_the_history_shows_it(signed_in, falls):
    client = signed_in("tess_team_leader")
    url = reverse("control:measure-target", args=[falls.pk])
    response = client.post(
        url, {**_date("effective_from", dt.date(2024, 1, 1)), "target": "8", "reason": "Board"}
    )
    assert response.status_code == 302
    assert TargetChange.objects.get(measure=falls, effective_from=dt.date(2024, 1, 1)).target == 8
    html = client.get(url).content.decode()
    assert "Board" in html
    assert "The start" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"target": "8", "reason": "x"}, "Enter the date the target starts"),
        (
            {**_date("effective_from", dt.date(2024, 1, 1)), "target": "eight", "reason": "x"},
            "Target must be a number",
        ),
        (
            {**_date("effective_from", dt.date(2024, 1, 1)), "target": "8", "reason": ""},
            "Say why the target changes",
        ),
    ],
)
def test_target_form_rejects_bad_input(signed_in, falls, data, message):
    assert (
        message
        in signed_in("tess_team_leader")
        .post(reverse("control:measure-target", args=[falls.pk]), data)
        .content.decode()
    )


def test_a_team_member_may_not_change_the_target(signed_in, falls):
    assert signed_in("mo_member").get(reverse("control:measure-target", args=[falls.pk])).status_code == 404


def test_the_chart_downloads_as_svg_and_png(signed_in, falls):
    client = signed_in("mo_member")
    svg = client.get(reverse("control:chart-svg", args=[falls.pk]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    assert "/download/" in reverse("control:chart-svg", args=[falls.pk])  # a download by its address too
    assert svg["Content-Disposition"] == 'attachment; filename="falls-ward-a.svg"'
    assert "default-src 'none'" in svg["Content-Security-Policy"]
    png = client.get(reverse("control:chart-png", args=[falls.pk]))
    assert png.content.startswith(b"\x89PNG")
    page = client.get(reverse("control:measure", args=[falls.pk])).content.decode()
    assert 'download="falls-ward-a.svg"' in page
    assert 'download="falls-ward-a.png"' in page


def test_the_measure_page_leads_contributors_to_its_template_and_the_upload_page(signed_in, falls):
    template = reverse("control:data-measure-template", args=[falls.pk, "csv"])
    upload = reverse("control:data-upload", args=[falls.unit_id])
    page = signed_in("mo_member").get(reverse("control:measure", args=[falls.pk])).content.decode()
    assert template in page
    assert upload in page


def test_a_measure_with_no_data_has_no_chart_to_download(signed_in, trust):
    m = h.measure(trust.ward_a, name="Empty")
    client = signed_in("mo_member")
    assert (
        "no data for this measure yet" in client.get(reverse("control:measure", args=[m.pk])).content.decode()
    )
    assert client.get(reverse("control:chart-svg", args=[m.pk])).status_code == 404


def test_the_history_page_lists_every_change(signed_in, falls):
    set_target(actor=None, measure=falls, effective_from=dt.date(2024, 1, 1), target=5, reason="x")
    html = signed_in("mo_member").get(reverse("control:measure-history", args=[falls.pk])).content.decode()
    assert "Target from 2024-01-01" in html


def test_the_error_summary_shows_an_error_added_by_a_forms_own_check_as_its_words():
    from openqms.control.forms.measures import AnnotationForm

    data = {"on_day": "1", "on_month": "4", "on_year": "2025", "kind": "recalculation", "label": "x"}
    form = AnnotationForm(data)
    assert not form.is_valid()
    summary = {item["text"] for item in form.summary_errors()}
    assert "Say why the limits should be recalculated from this date" in summary
    assert not any(text.startswith("[") for text in summary)
