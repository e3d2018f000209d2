from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "openqms.sso"
    verbose_name = "Single sign-on"
