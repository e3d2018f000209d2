"""The planning pages under /planning/: strategic priorities, annual quality plans, the measurement
framework and the line of sight."""

from django.urls import path

from openqms.planning.views import framework, plans, priorities, strategy

app_name = "planning"
urlpatterns = [
    path("", priorities.home, name="home"),
    path("priorities/<int:pk>/", priorities.priority_edit, name="priority"),
    path("priorities/<int:pk>/retire/", priorities.priority_retire, name="priority-retire"),
    # The strategy (ADR 24): its versions, goals and the priorities under each.
    path("strategy/", strategy.strategy, name="strategy"),
    path("strategy/new-version/", strategy.new_version, name="strategy-new-version"),
    path("strategy/versions/<int:number>/", strategy.version, name="strategy-version"),
    path("strategy/goals/new/", strategy.goal_new, name="goal-new"),
    path("strategy/goals/<int:pk>/", strategy.goal_edit, name="goal"),
    path("strategy/goals/<int:pk>/retire/", strategy.goal_retire, name="goal-retire"),
    path("strategy/goals/<int:pk>/priorities/new/", strategy.priority_new, name="priority-new"),
    path("line-of-sight/<int:pk>/", framework.line_of_sight, name="line-of-sight"),
    path("framework/", framework.framework, name="framework"),
    path("framework/add/", framework.framework_add, name="framework-add"),
    path("units/<int:pk>/strategy/", framework.unit_fit, name="unit-fit"),
    path("plans/", plans.plans, name="plans"),
    path("plans/new/", plans.plan_new, name="plan-new"),
    path("plans/<int:pk>/", plans.plan, name="plan"),
    path("plans/<int:pk>/change/", plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/priorities/add/", plans.priority_add, name="plan-priority-add"),
    path("plans/<int:pk>/priorities/<int:item>/remove/", plans.priority_remove, name="plan-priority-remove"),
    path("plans/<int:pk>/priorities/<int:item>/targets/add/", plans.target_add, name="plan-target-add"),
    path("plans/<int:pk>/priorities/<int:item>/audits/add/", plans.audit_add, name="plan-audit-add"),
    path("plans/<int:pk>/priorities/<int:item>/projects/add/", plans.project_add, name="plan-project-add"),
    path("plans/<int:pk>/<str:kind>/<int:item>/remove/", plans.item_remove, name="plan-item-remove"),
    path("plans/<int:pk>/comment/", plans.comment, name="plan-comment"),
    path("plans/<int:pk>/submit/", plans.submit, name="plan-submit"),
    path("plans/<int:pk>/return/", plans.return_plan, name="plan-return"),
    path("plans/<int:pk>/approve/", plans.approve, name="plan-approve"),
    path("plans/<int:pk>/sign-off/", plans.sign_off, name="plan-sign-off"),
    path("plans/<int:pk>/amend/", plans.amend, name="plan-amend"),
]

# Feedback and the needs register, service models and pathways, "you said, we did" (issue 14 §3–4,
# issue 15 §8; docs/needs.md).
from openqms.planning.views import feedback, needs, service_models, you_said  # noqa: E402

urlpatterns += [
    path("units/<int:unit>/feedback/", feedback.unit_feedback, name="feedback"),
    path("units/<int:unit>/feedback/new/", feedback.new_feedback, name="feedback-new"),
    path("units/<int:unit>/feedback/qr/", feedback.feedback_qr, name="feedback-qr"),
    path("feedback/<int:pk>/", feedback.feedback_item, name="feedback-item"),
    path("feedback/<int:pk>/need/", feedback.feedback_need, name="feedback-need"),
    path("feedback/<int:pk>/action/", feedback.feedback_action, name="feedback-action"),
    path("feedback/<int:pk>/project/", feedback.feedback_project, name="feedback-project"),
    path("feedback/give/<str:token>/", feedback.give_public, name="feedback-give"),
    path("feedback/give/<str:token>/thanks/", feedback.thanks_public, name="feedback-thanks"),
    path("needs/", needs.register, name="needs"),
    path("units/<int:unit>/needs/new/", needs.new_need, name="need-new"),
    path("needs/<int:pk>/", needs.need_page, name="need"),
    path("needs/<int:pk>/triage/", needs.triage, name="need-triage"),
    path("needs/<int:pk>/links/", needs.links, name="need-links"),
    path("needs/<int:pk>/evidence/", needs.evidence, name="need-evidence"),
    path("needs/<int:pk>/action/", needs.need_action, name="need-action"),
    path("needs/evidence/<int:pk>/", needs.evidence_file, name="need-evidence-file"),
    path("units/<int:unit>/service-models/", service_models.unit_models, name="service-models"),
    path("units/<int:unit>/service-models/new/", service_models.new_model, name="service-model-new"),
    path("service-models/<int:pk>/", service_models.model_page, name="service-model"),
    path("service-models/<int:pk>/edit/", service_models.edit_model, name="service-model-edit"),
    path("service-models/<int:pk>/add/<str:part>/", service_models.add_part, name="service-model-add"),
    path("service-models/<int:pk>/comment/", service_models.comment, name="service-model-comment"),
    path("service-models/<int:pk>/decide/", service_models.decide, name="service-model-decide"),
    path("service-models/<int:pk>/version/", service_models.new_version, name="service-model-version"),
    path("units/<int:unit>/you-said-we-did/", you_said.unit_page, name="you-said"),
    path("you-said-we-did/<int:pk>/", you_said.published_page, name="you-said-published"),
]
