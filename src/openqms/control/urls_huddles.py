"""Huddles, escalations and proposals, mounted under /control/ beside the measure pages."""

from django.urls import path

from openqms.control import views_escalations as escalations
from openqms.control import views_huddles as huddles

urlpatterns = [
    path("units/<int:pk>/huddles/", huddles.huddle_list, name="control-huddle-list"),
    path("units/<int:pk>/huddles/new/", huddles.huddle_new, name="control-huddle-new"),
    path("units/<int:pk>/huddles/issue-row/", huddles.issue_row, name="control-huddle-issue-row"),
    path("huddles/<int:pk>/", huddles.huddle_detail, name="control-huddle"),
    path("actions/<int:pk>/close/", huddles.issue_close, name="control-huddle-issue-close"),
    path("units/<int:pk>/escalations/", escalations.escalation_list, name="control-escalation-list"),
    path("escalations/<int:pk>/", escalations.escalation_detail, name="control-escalation"),
    path("escalations/<int:pk>/tier/", escalations.tier_update, name="control-escalation-tier"),
    path("escalations/<int:pk>/escalate/", escalations.escalate, name="control-escalation-escalate"),
    path("escalations/<int:pk>/resolve/", escalations.resolve, name="control-escalation-resolve"),
    path("units/<int:pk>/proposals/", escalations.proposal_list, name="control-proposal-list"),
    path("proposals/<int:pk>/confirm/", escalations.proposal_confirm, name="control-proposal-confirm"),
    path("proposals/<int:pk>/dismiss/", escalations.proposal_dismiss, name="control-proposal-dismiss"),
]
