from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "openqms.assurance"
    verbose_name = "Quality assurance"

    def ready(self) -> None:
        # The tracker's actions link back to the audits, gaps and findings they were raised from.
        from openqms.assurance import links

        links.register()
