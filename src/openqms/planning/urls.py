"""The planning pages under /planning/: the organisation's strategic priorities."""

from django.urls import path

from openqms.planning.views import priorities

app_name = "planning"
urlpatterns = [
    path("", priorities.home, name="home"),
    path("priorities/<int:pk>/", priorities.priority_edit, name="priority"),
    path("priorities/<int:pk>/retire/", priorities.priority_retire, name="priority-retire"),
]
