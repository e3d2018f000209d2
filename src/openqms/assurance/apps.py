from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "openqms.assurance"
    verbose_name = "Quality assurance"

    def ready(self) -> None:
        # The action tracker (openqms.actions, below us) draws its pages in this section and shows an
        # action's evidence, without importing us (ADR 22).
        from openqms.actions import pages
        from openqms.assurance.views import evidence

        pages.set_frame(
            pages.Frame(
                page="assurance", head_template="assurance/_head.jinja", nav_template="assurance/_nav.jinja"
            )
        )
        pages.add_panel(pages.Panel(template="assurance/_evidence.jinja", context=evidence.action_context))
