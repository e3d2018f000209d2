from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "openqms.reporting"
    verbose_name = "Reporting"

    def ready(self) -> None:
        from openqms.reporting import component_sections

        component_sections.register()
