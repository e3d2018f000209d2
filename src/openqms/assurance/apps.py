from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "openqms.assurance"
    verbose_name = "Quality assurance"

    def ready(self) -> None:
        from openqms.assurance import links, offers
        from openqms.control import responses

        # The tracker's actions link back to the audits, gaps and findings they were raised from.
        links.register()
        # An escalation's page offers an audit of the team it came from, without importing us.
        responses.register_offers_on_escalations(offers.on_escalation)
