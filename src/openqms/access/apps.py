from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "openqms.access"
