from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "openqms.assurance"
    verbose_name = "Quality assurance"

    def ready(self) -> None:
        from openqms.actions import pages
        from openqms.assurance import links, offers
        from openqms.assurance.views import evidence
        from openqms.control import responses

        # The tracker's actions link back to the audits, gaps and findings they were raised from.
        links.register()
        # An escalation's page offers an audit of the team it came from, without importing us.
        responses.register_offers_on_escalations(offers.on_escalation)

        # The action tracker (openqms.actions, below us) draws its pages in this section and shows an
        # action's evidence, without importing us (ADR 22).
        pages.set_frame(
            pages.Frame(
                page="assurance", head_template="assurance/_head.jinja", nav_template="assurance/_nav.jinja"
            )
        )
        pages.add_panel(pages.Panel(template="assurance/_evidence.jinja", context=evidence.action_context))
