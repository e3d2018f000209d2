"""The reports pages under /reports/."""

from django.urls import path

from openqms.reporting.views import commentary, reports

app_name = "reporting"
urlpatterns = [
    path("", reports.home, name="home"),
    path("units/<int:pk>/", reports.unit_reports, name="unit"),
    path("units/<int:pk>/schedule/", reports.schedule, name="schedule"),
    path("<int:pk>/", reports.report_page, name="report"),
    path("<int:pk>/pdf/", reports.report_pdf, name="report-pdf"),
    path("<int:pk>/cover/", reports.cover, name="cover"),
    path("<int:pk>/publish/", reports.publish, name="publish"),
    path("<int:pk>/commentary/", commentary.request_commentary, name="request-commentary"),
    path("commentary/<int:pk>/", commentary.commentary, name="commentary"),
    path("commentary/<int:pk>/approve/", commentary.approve, name="approve-commentary"),
]
