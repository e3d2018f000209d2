from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "openqms.improvement"
    verbose_name = "Quality improvement"

    def ready(self) -> None:
        # Control lists the work answering its escalations and measures without importing us.
        from openqms.control import responses
        from openqms.improvement.selectors.projects import escalation_responses, measure_responses

        responses.register_for_escalations(escalation_responses)
        responses.register_for_measures(measure_responses)
