from django.urls import path

from openqms.planning import views

urlpatterns = [
    path("", views.home, name="planning"),
    path("priorities/<int:pk>/", views.priority_edit, name="planning-priority"),
    path("priorities/<int:pk>/retire/", views.priority_retire, name="planning-priority-retire"),
]
