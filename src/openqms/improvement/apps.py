from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "openqms.improvement"
    verbose_name = "Quality improvement"

    def ready(self) -> None:
        from openqms.control import responses
        from openqms.improvement import links
        from openqms.improvement.selectors.projects import escalation_responses, measure_responses

        # The actions improvement raises link back to its projects and change ideas.
        links.register()
        # Control lists the work answering its escalations and measures without importing us.
        responses.register_for_escalations(escalation_responses)
        responses.register_for_measures(measure_responses)
