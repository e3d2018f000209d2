from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "openqms.evaluation"
    verbose_name = "QMS evaluation"
