"""The improvement pages. `/improvement/` itself (the portfolio) is named "improvement" in the root
URLconf."""

from django.urls import path

from openqms.improvement import views, views_diagram, views_tools

P = "projects/<int:pk>/"

urlpatterns = [
    path("lessons/", views.lessons, name="improvement-lessons"),
    path("projects/new/", views.project_new, name="improvement-project-new"),
    path(P, views.project_detail, name="improvement-project"),
    path(P + "edit/", views.project_edit, name="improvement-project-edit"),
    path(P + "progress/", views.project_progress, name="improvement-project-progress"),
    path(P + "history/", views.project_history, name="improvement-project-history"),
    path(P + "team/", views.project_team, name="improvement-project-team"),
    path(P + "team/<int:member_pk>/remove/", views.member_remove, name="improvement-member-remove"),
    path(P + "measures/", views.measure_add, name="improvement-measure-add"),
    path(P + "measures/<int:pm_pk>/remove/", views.measure_remove, name="improvement-measure-remove"),
    path(P + "close/", views.project_close, name="improvement-project-close"),
    path(P + "tasks/new/", views.task_new, name="improvement-task-new"),
    path(P + "diagram/", views_diagram.diagram_page, name="improvement-diagram"),
    path(P + "download/diagram.svg", views_diagram.diagram_svg, name="improvement-diagram-svg"),
    path(P + "download/diagram.png", views_diagram.diagram_png, name="improvement-diagram-png"),
    path(P + "diagram/add/", views_diagram.node_add, name="improvement-node-add"),
    path(P + "diagram/undo/", views_diagram.diagram_undo, name="improvement-diagram-undo"),
    path(P + "diagram/<int:node_pk>/rename/", views_diagram.node_rename, name="improvement-node-rename"),
    path(P + "diagram/<int:node_pk>/move/", views_diagram.node_move, name="improvement-node-move"),
    path(P + "diagram/<int:node_pk>/shift/", views_diagram.node_shift, name="improvement-node-shift"),
    path(P + "diagram/<int:node_pk>/delete/", views_diagram.node_delete, name="improvement-node-delete"),
    path(P + "ideas/<int:node_pk>/", views_diagram.idea_page, name="improvement-idea"),
    path(P + "ideas/<int:node_pk>/status/", views_diagram.idea_status, name="improvement-idea-status"),
    path(P + "ideas/<int:node_pk>/flag/", views_diagram.idea_flag, name="improvement-idea-flag"),
    path(P + "ideas/<int:node_pk>/cycles/new/", views_diagram.cycle_new, name="improvement-cycle-new"),
    path(P + "cycles/<int:cycle_pk>/", views_diagram.cycle_page, name="improvement-cycle"),
    path(P + "cycles/<int:cycle_pk>/edit/", views_diagram.cycle_edit, name="improvement-cycle-edit"),
    path(
        P + "cycles/<int:cycle_pk>/recalculate/",
        views_diagram.cycle_recalculate,
        name="improvement-cycle-recalculate",
    ),
    path(
        P + "cycles/<int:cycle_pk>/feedback/", views_diagram.cycle_feedback, name="improvement-cycle-feedback"
    ),
    path(P + "tools/new/", views_tools.tool_new, name="improvement-tool-new"),
    path(P + "tools/<int:tool_pk>/", views_tools.tool_page, name="improvement-tool"),
    path(P + "tools/<int:tool_pk>/map/", views_tools.process_map_save, name="improvement-process-map-save"),
    path(P + "tools/<int:tool_pk>/download/tool.svg", views_tools.tool_svg, name="improvement-tool-svg"),
    path(P + "tools/<int:tool_pk>/download/tool.png", views_tools.tool_png, name="improvement-tool-png"),
]
