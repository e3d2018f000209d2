from django.urls import path

from openqms.sso import views

app_name = "sso"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("callback/", views.callback, name="callback"),
]
