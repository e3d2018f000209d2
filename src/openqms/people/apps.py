from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "openqms.people"
    verbose_name = "People"
