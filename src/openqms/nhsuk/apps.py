from django.apps import AppConfig


class NhsukConfig(AppConfig):
    # An app only so that Django finds its templates (jinja2/nhsuk/); it has no models.
    name = "openqms.nhsuk"
    verbose_name = "NHS.UK interface"
