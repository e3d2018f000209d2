from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "openqms.operations"
    verbose_name = "Running OpenQMS: backup and restore"
