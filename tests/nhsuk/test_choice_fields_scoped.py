"""Every form field that names a unit, a person or a measure (issue 17, finding 4).

Each is listed here with where its choices are limited to the person's scope. A new field fails the
first test until it is added, with its scope, so no picker is added that offers the whole trust.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django import forms

import openqms

SCOPED = {
    "actions.forms.tracker.ActionForm.owner": "people on the action's unit (actions.views.tracker._people)",
    "administration.forms.people.PersonCreateForm.unit": "units the administrator administers",
    "administration.forms.units.GrantRoleForm.person": "people the administrator administers, not themselves",
    "administration.forms.units.MoveUnitForm.parent": "units the administrator administers",
    "assurance.forms.audits.QuestionForm.standard": "standards the person may see",
    "assurance.forms.audits.ScheduleForm.unit": "units the person may audit",
    "assurance.forms.audits.ScheduleForm.assignees": "staff of the unit audited",
    "assurance.forms.audits.TemplateForm.owner_unit": "units the person may own templates on",
    "assurance.forms.evidence.AccreditationForm.framework": "frameworks of the unit's organisation",
    "assurance.forms.standards.FrameworkUploadForm.organisation": "organisations the person administers",
    "assurance.forms.standards.InviteForm.person": "staff of the standard's organisation",
    "assurance.forms.standards.StandardForm.owner_unit": "units the person may own standards on",
    "assurance.forms.standards.StandardForm.applies_to": "units the person contributes to "
    "(tests/assurance/views/test_standard_scope.py)",
    "assurance.forms.standards.StandardForm.requirements": "requirements of the organisation's frameworks",
    "assurance.forms.standards.StandardForm.measures": "the organisation's measure library (definitions)",
    "control.forms.measures.DefinitionForm.owner_unit": "units the person may define measures on",
    "control.forms.measures.ReportForm.unit": "units the person contributes to",
    "improvement.forms.diagram.CycleForm.previous": "cycles of the same change idea",
    "improvement.forms.diagram.FlagForm.standard": "standards the person may see",
    "improvement.forms.projects.MemberForm.person": "people near the person; others by exact name or e-mail "
    "(tests/improvement/views/test_people_pickers.py)",
    "improvement.forms.projects.ProjectForm.unit": "units the person contributes to",
    "improvement.forms.projects.ProjectForm.aim_measure": "measures the person may see",
    "improvement.forms.projects.ProjectForm.sponsor": "senior leaders near the person, and the charter's own",
    "improvement.forms.projects.ProjectForm.lead": "staff near the person, and the charter's own",
    "improvement.forms.projects.ProjectForm.escalation": "escalations the person may see",
    "improvement.forms.projects.ProjectForm.strategic_priority": "the organisation's priorities",
    "improvement.forms.projects.ProjectMeasureForm.measure": "measures the person may see",
    "improvement.forms.projects.TaskForm.owner": "staff reaching the project's unit",
    "api.forms.tokens.TokenForm.unit": "units the person's roles reach (policy.units_where VIEW_UNIT)",
    "improvement.forms.methods.NewProjectForm.unit": "as ProjectForm.unit",
    "improvement.forms.methods.NewProjectForm.aim_measure": "as ProjectForm.aim_measure",
    "improvement.forms.methods.NewProjectForm.escalation": "as ProjectForm.escalation",
    "improvement.forms.methods.NewProjectForm.lead": "as ProjectForm.lead",
    "improvement.forms.methods.NewProjectForm.sponsor": "as ProjectForm.sponsor",
    "improvement.forms.methods.NewProjectForm.strategic_priority": "as ProjectForm.strategic_priority",
    "planning.forms.feedback.LinkProjectForm.project": "projects the person may see on the feedback's unit "
    "or above (selectors.feedback.projects_to_link)",
    "planning.forms.feedback.ToActionForm.owner": "staff of the feedback's or need's unit (staff_of)",
    "planning.forms.needs.LinksForm.priorities": "the need's organisation's priorities",
    "planning.forms.needs.LinksForm.services": "the need's organisation's services",
    "planning.forms.needs.LinksForm.standards": "standards the person may see (standards_for)",
    "planning.forms.needs.LinksForm.projects": "projects the person may see (selectors.needs.projects_for)",
    "planning.forms.plans.AuditForm.template": "audit templates of the plan's organisation (audit_templates)",
    "planning.forms.plans.FrameworkMeasureForm.definition": "the organisation's measure library",
    "planning.forms.plans.FrameworkMeasureForm.priority": "the organisation's priorities",
    "planning.forms.plans.FrameworkMeasureForm.service": "the organisation's services",
    "planning.forms.plans.NewPlanForm.unit": "units the person may draft a plan for (units_to_plan)",
    "planning.forms.plans.PlanPriorityForm.priority": "the plan's organisation's priorities not yet taken on",
    "planning.forms.plans.ProjectForm.aim_measure": "measures the plan's unit reports (unit_measures)",
    "planning.forms.plans.ProjectForm.lead": "staff of the plan's unit (leads_to_choose)",
    "planning.forms.plans.TargetForm.measure": "measures the plan's unit reports (unit_measures)",
    "planning.forms.service_models.DecisionForm.needs": "needs the person may see (needs_for)",
    "planning.forms.service_models.RequirementForm.measure": "the organisation's library (measures_for)",
    "planning.forms.service_models.StepForm.measures": "the organisation's library (measures_for)",
    "planning.forms.service_models.StepForm.standards": "standards the person may see (standards_for)",
    "planning.forms.strategy.StrategyPriorityForm.domains": "the organisation's quality domains",
    "planning.forms.strategy.StrategyPriorityForm.executive_owner": "the organisation's senior leaders "
    "(strategy is edited by leaders of the top unit, whose scope is the organisation)",
    "planning.forms.strategy.StrategyPriorityForm.goal": "the organisation's goals",
    "planning.forms.strategy.StrategyPriorityForm.outcome_measures": "the organisation's library",
}


def _choice_fields() -> dict[str, forms.ModelChoiceField]:
    found = {}
    for module in pkgutil.walk_packages(openqms.__path__, "openqms."):
        if ".forms." not in module.name + ".":
            continue
        loaded = importlib.import_module(module.name)
        for name, cls in inspect.getmembers(loaded, inspect.isclass):
            if cls.__module__ != loaded.__name__ or not issubclass(cls, forms.BaseForm):
                continue
            for field_name, field in cls.base_fields.items():
                if isinstance(field, forms.ModelChoiceField):
                    found[f"{module.name.removeprefix('openqms.')}.{name}.{field_name}"] = field
    return found


def test_every_field_naming_a_unit_a_person_or_a_measure_is_listed_with_its_scope():
    assert sorted(_choice_fields()) == sorted(SCOPED)


def test_no_such_field_offers_anything_until_a_view_gives_it_the_persons_choices():
    for name, field in _choice_fields().items():
        assert field.queryset is None or field.queryset.query.is_empty(), name
