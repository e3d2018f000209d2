"""The action tracker's pages. The root URLconf mounts them under /assurance/, where they have
always been, so that no address anyone kept changes (ADR 22)."""

from django.urls import path

from openqms.actions.views import tracker

app_name = "actions"
urlpatterns = [
    path("units/<int:pk>/actions/", tracker.unit_actions, name="actions"),
    path("units/<int:pk>/actions/new/", tracker.new_action, name="action-new"),
    path("actions/<int:pk>/", tracker.action_page, name="action"),
    path("actions/<int:pk>/edit/", tracker.edit_action, name="action-edit"),
    path("actions/<int:pk>/notes/", tracker.add_note, name="action-note"),
    path("actions/<int:pk>/close/", tracker.close_action, name="action-close"),
]
