from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "openqms.reporting"
    verbose_name = "Reporting"
