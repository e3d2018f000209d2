from django.urls import path

from openqms.administration.views import imports, language, methods, organisations, people, security, units

app_name = "administration"
urlpatterns = [
    path("", organisations.home, name="home"),
    path("organisations/new/", organisations.organisation_new, name="organisation-new"),
    path("organisations/<int:pk>/", organisations.organisation, name="organisation"),
    path("organisations/<int:pk>/import/", imports.import_page, name="import"),
    path(
        "organisations/<int:pk>/improvement-methods/", methods.improvement_methods, name="improvement-methods"
    ),
    path("organisations/<int:pk>/domains/", language.domains, name="domains"),
    path("organisations/<int:pk>/domains/<int:domain_pk>/", language.domain_edit, name="domain"),
    path(
        "organisations/<int:pk>/domains/<int:domain_pk>/retire/", language.domain_retire, name="domain-retire"
    ),
    path("organisations/<int:pk>/questions/", language.questions, name="questions"),
    path("units/<int:pk>/", units.unit, name="unit"),
    path("units/<int:pk>/edit/", units.unit_edit, name="unit-edit"),
    path("units/<int:pk>/add/", units.unit_add, name="unit-add"),
    path("units/<int:pk>/move/", units.unit_move, name="unit-move"),
    path("units/<int:pk>/archive/", units.unit_archive, name="unit-archive"),
    path("units/<int:pk>/restore/", units.unit_restore, name="unit-restore"),
    path("units/<int:pk>/roles/new/", units.unit_grant, name="unit-grant"),
    path("roles/<int:pk>/end/", units.role_end, name="role-end"),
    path("people/", people.people_list, name="people"),
    path("people/new/", people.person_new, name="person-new"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    path("people/<int:pk>/password/", people.person_password, name="person-password"),
    path("security/", security.security, name="security"),
]
