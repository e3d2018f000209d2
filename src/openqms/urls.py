from django.urls import include, path

from openqms.shell import views as shell

urlpatterns = [
    path("", shell.my_qms, name="my-qms"),
    path("sign-in/", shell.sign_in, name="login"),
    path("sign-out/", shell.sign_out, name="logout"),
    path("sign-in/single-sign-on/", include("openqms.sso.urls")),
    path("units/<int:pk>/", shell.unit_detail, name="unit"),
    path("units/<int:pk>/history/", shell.unit_history, name="unit-history"),
    path("switch-unit/", shell.switch_unit, name="switch-unit"),
    path("planning/", include("openqms.planning.urls")),
    path("control/", include("openqms.control.urls")),
    path("assurance/", include("openqms.assurance.urls")),
    # The action tracker belongs to openqms.actions but keeps the addresses it had in assurance.
    path("assurance/", include("openqms.actions.urls")),
    path("improvement/", include("openqms.improvement.urls")),
    path("evaluation/", include("openqms.evaluation.urls")),
    path("reports/", include("openqms.reporting.urls")),
    path("administration/", include("openqms.administration.urls")),
    path("api/", include("openqms.api.urls")),
]
