"""NHSForm: what the macros of nhsuk/_forms.jinja ask of a form, and a service's refusal on it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from openqms.nhsuk.fields import DatePartsField, choice_field, number_field, text_field
from openqms.nhsuk.forms import NHSForm


class Form(NHSForm):
    title = text_field("Title", 200)
    due_on = DatePartsField(label="Due date")
    target = number_field("Target", required=False)
    priority = choice_field("Priority", [("low", "Low"), ("high", "High")], "Choose the priority")


def test_the_error_summary_leads_to_each_box_and_a_date_to_its_first_wrong_part():
    form = Form({"due_on_day": "1", "due_on_month": "", "due_on_year": "2026"})
    assert not form.is_valid()
    assert form.summary_errors() == [
        {"text": "Enter the title", "href": "#id_title"},
        {"text": "Due date must include a month", "href": "#id_due_on_month"},
        {"text": "Choose the priority", "href": "#id_priority"},
    ]
    assert form.error_for("title") == {"text": "Enter the title"}
    assert form.error_for("target") is None


def test_a_service_s_refusal_goes_on_the_field_it_names_or_above_the_form():
    data = {"title": "x", "due_on_day": "1", "due_on_month": "4", "due_on_year": "2026", "priority": "low"}
    form = Form(data)
    assert form.is_valid()
    form.add_service_errors(ValidationError({"title": "Taken already", "owner": "Not on the unit"}))
    form.add_service_errors(ValidationError("Closed already"))
    assert form.errors["title"] == ["Taken already"]
    assert form.non_field_errors() == ["Not on the unit", "Closed already"]
    assert form.summary_errors()[0] == {"text": "Not on the unit", "href": "#id_title"}


def test_the_boxes_show_what_was_typed_or_the_initial_values():
    form = Form(initial={"title": "Gel", "target": 12.0, "priority": "high", "due_on": None})
    assert (form.text_of("title"), form.text_of("target")) == ("Gel", "12")
    assert form.date_parts("due_on") == {"day": "", "month": "", "year": ""}
    assert form.select_items("priority", empty="Choose") == [
        {"value": "", "text": "Choose"},
        {"value": "low", "text": "Low", "selected": False},
        {"value": "high", "text": "High", "selected": True},
    ]
    assert [i["checked"] for i in form.radio_items("priority")] == [False, True]
    typed = Form({"due_on_day": "31", "due_on_month": "2", "due_on_year": "2026"})
    assert typed.date_parts("due_on") == {"day": "31", "month": "2", "year": "2026"}


def test_a_form_s_own_check_lands_above_it():
    class Pair(NHSForm):
        a = forms.CharField(required=False)

        def clean(self):
            raise ValidationError("Say one thing or the other")

    form = Pair({})
    assert not form.is_valid()
    assert form.summary_errors() == [{"text": "Say one thing or the other", "href": "#id_a"}]
