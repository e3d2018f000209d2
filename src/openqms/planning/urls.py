"""The planning pages under /planning/: the organisation's strategic priorities."""

from django.urls import path

from openqms.planning.views import priorities

app_name = "planning"
urlpatterns = [
    path("", priorities.home, name="home"),
    path("priorities/<int:pk>/", priorities.priority_edit, name="priority"),
    path("priorities/<int:pk>/retire/", priorities.priority_retire, name="priority-retire"),
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
