"""The control pages. `/control/` itself (the current unit's board) is named "control" in the root URLconf."""

from django.urls import path

from openqms.control.views import board, library, measure

urlpatterns = [
    path("units/<int:pk>/board/", board.unit_board, name="control-unit-board"),
    path("units/<int:pk>/measures/", board.unit_measures, name="control-unit-measures"),
    path("library/", library.library, name="control-library"),
    path("library/new/", library.new_definition, name="control-definition-new"),
    path("library/<int:pk>/", library.definition_page, name="control-definition"),
    path("library/<int:pk>/edit/", library.edit_definition, name="control-definition-edit"),
    path("library/<int:pk>/report/", library.report, name="control-definition-report"),
    path("library/<int:pk>/units/<int:unit_pk>/rollup/", library.rollup, name="control-rollup"),
    path("measures/<int:pk>/", measure.measure_page, name="control-measure"),
    path("measures/<int:pk>/data/", measure.add_data, name="control-measure-data"),
    path(
        "measures/<int:pk>/data/<int:observation_pk>/remove/",
        measure.remove_data,
        name="control-measure-data-remove",
    ),
    path("measures/<int:pk>/annotations/", measure.add_annotation, name="control-annotation-add"),
    path(
        "measures/<int:pk>/annotations/<int:annotation_pk>/archive/",
        measure.archive_annotation,
        name="control-annotation-archive",
    ),
    path("measures/<int:pk>/target/", measure.set_target, name="control-measure-target"),
    path("measures/<int:pk>/history/", measure.history, name="control-measure-history"),
    path("measures/<int:pk>/download/chart.svg", measure.chart_svg, name="control-chart-svg"),
    path("measures/<int:pk>/download/chart.png", measure.chart_png, name="control-chart-png"),
]
