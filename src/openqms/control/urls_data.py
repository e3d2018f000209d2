"""Measure data in: upload pages, results and templates, under /control/data/."""

from django.urls import path

from openqms.control import data_views

urlpatterns = [
    path("units/<int:pk>/upload/", data_views.upload, name="control-data-upload"),
    path("units/<int:pk>/results/<str:token>/", data_views.result, name="control-data-result"),
    path(
        "units/<int:pk>/results/<str:token>/problems.csv",
        data_views.problems_csv,
        name="control-data-problems-csv",
    ),
    path("units/<int:pk>/template.<str:fmt>", data_views.unit_template, name="control-data-unit-template"),
    path(
        "measures/<int:pk>/template.<str:fmt>",
        data_views.measure_template,
        name="control-data-measure-template",
    ),
]
