from django.urls import path

from . import views

app_name = "administration"
urlpatterns = [
    path("", views.home, name="home"),
    path("units/<int:pk>/", views.home, name="unit"),
]
