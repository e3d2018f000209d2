"""The planning pages under /planning/: the organisation's strategic priorities."""

from django.urls import path

from openqms.planning.views import priorities, strategy

app_name = "planning"
urlpatterns = [
    path("", priorities.home, name="home"),
    path("priorities/<int:pk>/", priorities.priority_edit, name="priority"),
    path("priorities/<int:pk>/retire/", priorities.priority_retire, name="priority-retire"),
    # The strategy (ADR 24): its versions, goals and the priorities under each.
    path("strategy/", strategy.strategy, name="strategy"),
    path("strategy/new-version/", strategy.new_version, name="strategy-new-version"),
    path("strategy/versions/<int:number>/", strategy.version, name="strategy-version"),
    path("strategy/goals/new/", strategy.goal_new, name="goal-new"),
    path("strategy/goals/<int:pk>/", strategy.goal_edit, name="goal"),
    path("strategy/goals/<int:pk>/retire/", strategy.goal_retire, name="goal-retire"),
    path("strategy/goals/<int:pk>/priorities/new/", strategy.priority_new, name="priority-new"),
]
