"""The improvement pages under /improvement/: the portfolio, lessons learned, and each project's
charter, team, measures, driver diagram, change ideas, PDSA cycles and QI tools."""

from django.urls import path

from openqms.improvement.views import cycles, diagram, methods, portfolio, projects, team, tools

app_name = "improvement"
P = "projects/<int:pk>/"

urlpatterns = [
    path("", portfolio.portfolio, name="home"),
    path("lessons/", portfolio.lessons, name="lessons"),
    path("projects/new/", projects.project_new, name="project-new"),
    path(P, projects.project_detail, name="project"),
    path(P + "edit/", projects.project_edit, name="project-edit"),
    path(P + "progress/", projects.project_progress, name="project-progress"),
    path(P + "history/", projects.project_history, name="project-history"),
    path(P + "team/", team.project_team, name="project-team"),
    path(P + "team/<int:member_pk>/remove/", team.member_remove, name="member-remove"),
    path(P + "measures/", team.measure_add, name="measure-add"),
    path(P + "measures/<int:pm_pk>/remove/", team.measure_remove, name="measure-remove"),
    path(P + "close/", projects.project_close, name="project-close"),
    path(P + "tasks/new/", team.task_new, name="task-new"),
    path(P + "diagram/", diagram.diagram_page, name="diagram"),
    path(P + "download/diagram.svg", diagram.diagram_svg, name="diagram-svg"),
    path(P + "download/diagram.png", diagram.diagram_png, name="diagram-png"),
    path(P + "diagram/add/", diagram.node_add, name="node-add"),
    path(P + "diagram/undo/", diagram.diagram_undo, name="diagram-undo"),
    path(P + "diagram/<int:node_pk>/rename/", diagram.node_rename, name="node-rename"),
    path(P + "diagram/<int:node_pk>/move/", diagram.node_move, name="node-move"),
    path(P + "diagram/<int:node_pk>/shift/", diagram.node_shift, name="node-shift"),
    path(P + "diagram/<int:node_pk>/delete/", diagram.node_delete, name="node-delete"),
    path(P + "ideas/<int:node_pk>/", diagram.idea_page, name="idea"),
    path(P + "ideas/<int:node_pk>/status/", diagram.idea_status, name="idea-status"),
    path(P + "ideas/<int:node_pk>/flag/", diagram.idea_flag, name="idea-flag"),
    path(P + "ideas/<int:node_pk>/cycles/new/", cycles.cycle_new, name="cycle-new"),
    path(P + "cycles/<int:cycle_pk>/", cycles.cycle_page, name="cycle"),
    path(P + "cycles/<int:cycle_pk>/edit/", cycles.cycle_edit, name="cycle-edit"),
    path(
        P + "cycles/<int:cycle_pk>/recalculate/",
        cycles.cycle_recalculate,
        name="cycle-recalculate",
    ),
    path(P + "cycles/<int:cycle_pk>/feedback/", cycles.cycle_feedback, name="cycle-feedback"),
    path(P + "dmaic/", methods.dmaic, name="dmaic"),
    path(P + "dmaic/gate/", methods.dmaic_gate, name="dmaic-gate"),
    path(P + "a3/", methods.a3, name="a3"),
    path(P + "a3/<slug:section>/", methods.a3_section, name="a3-section"),
    path(P + "tools/new/", tools.tool_new, name="tool-new"),
    path(P + "tools/<int:tool_pk>/", tools.tool_page, name="tool"),
    path(P + "tools/<int:tool_pk>/map/", tools.process_map_save, name="process-map-save"),
    path(P + "tools/<int:tool_pk>/download/tool.svg", tools.tool_svg, name="tool-svg"),
    path(P + "tools/<int:tool_pk>/download/tool.png", tools.tool_png, name="tool-png"),
]
