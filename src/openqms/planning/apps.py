from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "openqms.planning"
    verbose_name = "Quality planning"

    def ready(self) -> None:
        from openqms.planning import links

        # Work raised from a quality plan links back to it.
        links.register()
