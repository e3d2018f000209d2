"""The control pages under /control/: boards, the measure library, a measure's page, measure data in,
huddles, escalations and proposals."""

from django.urls import path

from openqms.control.views import board, data, escalations, huddles, library, measure

app_name = "control"
urlpatterns = [
    path("", board.home, name="home"),
    path("units/<int:pk>/board/", board.unit_board, name="unit-board"),
    path("units/<int:pk>/measures/", board.unit_measures, name="unit-measures"),
    path("library/", library.library, name="library"),
    path("library/new/", library.new_definition, name="definition-new"),
    path("library/<int:pk>/", library.definition_page, name="definition"),
    path("library/<int:pk>/edit/", library.edit_definition, name="definition-edit"),
    path("library/<int:pk>/report/", library.report, name="definition-report"),
    path("library/<int:pk>/units/<int:unit_pk>/rollup/", library.rollup, name="rollup"),
    path("measures/<int:pk>/", measure.measure_page, name="measure"),
    path("measures/<int:pk>/data/", measure.add_data, name="measure-data"),
    path(
        "measures/<int:pk>/data/<int:observation_pk>/remove/",
        measure.remove_data,
        name="measure-data-remove",
    ),
    path("measures/<int:pk>/annotations/", measure.add_annotation, name="annotation-add"),
    path(
        "measures/<int:pk>/annotations/<int:annotation_pk>/archive/",
        measure.archive_annotation,
        name="annotation-archive",
    ),
    path("measures/<int:pk>/target/", measure.set_target, name="measure-target"),
    path("measures/<int:pk>/history/", measure.history, name="measure-history"),
    path("measures/<int:pk>/download/chart.svg", measure.chart_svg, name="chart-svg"),
    path("measures/<int:pk>/download/chart.png", measure.chart_png, name="chart-png"),
    path("data/units/<int:pk>/upload/", data.upload, name="data-upload"),
    path("data/units/<int:pk>/results/<str:token>/", data.result, name="data-result"),
    path(
        "data/units/<int:pk>/results/<str:token>/problems.csv",
        data.problems_csv,
        name="data-problems-csv",
    ),
    path("data/units/<int:pk>/template.<str:fmt>", data.unit_template, name="data-unit-template"),
    path(
        "data/measures/<int:pk>/template.<str:fmt>",
        data.measure_template,
        name="data-measure-template",
    ),
    path("units/<int:pk>/huddles/", huddles.huddle_list, name="huddle-list"),
    path("units/<int:pk>/huddles/new/", huddles.huddle_new, name="huddle-new"),
    path("units/<int:pk>/huddles/issue-row/", huddles.issue_row, name="huddle-issue-row"),
    path("huddles/<int:pk>/", huddles.huddle_detail, name="huddle"),
    path("actions/<int:pk>/close/", huddles.issue_close, name="huddle-issue-close"),
    path("units/<int:pk>/escalations/", escalations.escalation_list, name="escalation-list"),
    path("escalations/<int:pk>/", escalations.escalation_detail, name="escalation"),
    path("escalations/<int:pk>/tier/", escalations.tier_update, name="escalation-tier"),
    path("escalations/<int:pk>/escalate/", escalations.escalate, name="escalation-escalate"),
    path("escalations/<int:pk>/resolve/", escalations.resolve, name="escalation-resolve"),
    path("units/<int:pk>/proposals/", escalations.proposal_list, name="proposal-list"),
    path("proposals/<int:pk>/confirm/", escalations.proposal_confirm, name="proposal-confirm"),
    path("proposals/<int:pk>/dismiss/", escalations.proposal_dismiss, name="proposal-dismiss"),
]
