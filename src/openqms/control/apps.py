from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "openqms.control"
    verbose_name = "Quality control"
