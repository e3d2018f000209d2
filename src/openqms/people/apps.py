from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "openqms.people"
    verbose_name = "People"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from openqms.people import security

        user_logged_in.connect(security.on_signed_in, dispatch_uid="openqms-security-signed-in")
        user_login_failed.connect(security.on_sign_in_failed, dispatch_uid="openqms-security-failed")
        user_locked_out.connect(security.on_locked_out, dispatch_uid="openqms-security-locked-out")
