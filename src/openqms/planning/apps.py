from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "openqms.planning"
    verbose_name = "Quality planning"
