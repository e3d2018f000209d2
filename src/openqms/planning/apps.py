from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "openqms.planning"
    verbose_name = "Quality planning"

    def ready(self) -> None:
        from openqms.planning import links

        # The tracker's actions link back to the feedback and needs they were raised from.
        links.register()
