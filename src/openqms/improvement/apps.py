from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "openqms.improvement"
    verbose_name = "Quality improvement"
