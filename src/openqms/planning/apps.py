from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "openqms.planning"
    verbose_name = "Quality planning"

    def ready(self) -> None:
        from openqms.planning import links

        # Actions link back to the feedback, needs and quality plans they were raised from.
        links.register()
