from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "openqms.improvement"
    verbose_name = "Quality improvement"

    def ready(self) -> None:
        from openqms.control import responses
        from openqms.improvement import links, offers
        from openqms.improvement.selectors.projects import escalation_responses, measure_responses

        # The actions improvement raises link back to its projects and change ideas.
        links.register()
        # Control lists the work answering its escalations and measures, and offers to start a
        # project on them, without importing us.
        responses.register_for_escalations(escalation_responses)
        responses.register_for_measures(measure_responses)
        responses.register_offers_on_escalations(offers.on_escalation)
        responses.register_offers_on_concerns(offers.on_concern)
