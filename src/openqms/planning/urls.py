"""The planning pages under /planning/: strategic priorities, annual quality plans, the measurement
framework and the line of sight."""

from django.urls import path

from openqms.planning.views import framework, plans, priorities

app_name = "planning"
urlpatterns = [
    path("", priorities.home, name="home"),
    path("priorities/<int:pk>/", priorities.priority_edit, name="priority"),
    path("priorities/<int:pk>/retire/", priorities.priority_retire, name="priority-retire"),
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
