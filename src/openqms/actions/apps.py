from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "openqms.actions"
    verbose_name = "Actions"
