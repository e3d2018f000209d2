"""The evaluation pages under /evaluation/: a unit's QMS balance and its maturity self-assessments."""

from django.urls import path

from openqms.evaluation.views import assessments, balance

app_name = "evaluation"
urlpatterns = [
    path("units/<int:pk>/balance/", balance.page, name="balance"),
    path("units/<int:pk>/maturity/", assessments.unit_assessments, name="assessments"),
    path("maturity/<int:pk>/", assessments.assessment, name="assessment"),
    path("maturity/<int:pk>/statements/<str:code>/", assessments.rate, name="rate"),
    path("maturity/<int:pk>/complete/", assessments.complete, name="complete"),
]
