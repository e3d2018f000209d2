from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "openqms.assurance"
    verbose_name = "Quality assurance"
