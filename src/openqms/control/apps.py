from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "openqms.control"
    verbose_name = "Quality control"

    def ready(self) -> None:
        # The actions control raises link back to its huddles and escalations (openqms.links).
        from openqms.control import links

        links.register()
