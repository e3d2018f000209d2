"""The assurance pages under /assurance/: compliance, standards and frameworks, audit templates and
audits, evidence and accreditation. The action tracker's pages share the prefix (openqms.actions)."""

from django.urls import path

from openqms.assurance.views import accreditation, audits, evidence, home, standards, templates

app_name = "assurance"
urlpatterns = [
    path("", home.home, name="home"),
    path("units/<int:pk>/", home.unit_page, name="unit"),
    path("units/<int:pk>/accreditations/", accreditation.unit_accreditations, name="accreditations"),
    path(
        "units/<int:pk>/accreditations/new/",
        accreditation.new_accreditation,
        name="accreditation-new",
    ),
    path("accreditations/<int:pk>/", accreditation.accreditation_page, name="accreditation"),
    path("accreditations/<int:pk>/edit/", accreditation.edit_accreditation, name="accreditation-edit"),
    path("accreditations/<int:pk>/findings/", accreditation.add_finding, name="finding-add"),
    path("evidence/<str:kind>/<int:pk>/add/", evidence.add, name="evidence-add"),
    path("evidence/<int:pk>/", evidence.download, name="evidence"),
    path("frameworks/", standards.frameworks, name="frameworks"),
    path("frameworks/load/", standards.upload_framework, name="framework-upload"),
    path("frameworks/<int:pk>/", standards.framework_page, name="framework"),
    path("standards/", standards.standards, name="standards"),
    path("standards/new/", standards.new_standard, name="standard-new"),
    path("standards/<int:pk>/", standards.standard_page, name="standard"),
    path("standards/<int:pk>/edit/", standards.edit_standard, name="standard-edit"),
    path("standards/<int:pk>/invite/", standards.invite, name="standard-invite"),
    path("standards/<int:pk>/comment/", standards.comment, name="standard-comment"),
    path("templates/", templates.templates, name="templates"),
    path("templates/new/", templates.new_template, name="template-new"),
    path("templates/<int:pk>/", templates.template_page, name="template"),
    path("templates/<int:pk>/new-version/", templates.new_version, name="version-new"),
    path("templates/<int:pk>/schedule/", templates.schedule, name="audit-schedule"),
    path("templates/<int:pk>/versions/<int:number>/", templates.version_page, name="template-version"),
    path(
        "templates/<int:pk>/versions/<int:number>/edit/",
        templates.edit_version,
        name="version-edit",
    ),
    path(
        "templates/<int:pk>/versions/<int:number>/questions/",
        templates.add_question,
        name="question-add",
    ),
    path(
        "templates/<int:pk>/versions/<int:number>/questions/<int:question_pk>/remove/",
        templates.remove_question,
        name="question-remove",
    ),
    path(
        "templates/<int:pk>/versions/<int:number>/publish/",
        templates.publish,
        name="version-publish",
    ),
    path("audits/<int:pk>/", audits.audit_page, name="audit"),
    path("audits/<int:pk>/start/", audits.start, name="audit-start"),
    path("audits/<int:pk>/records/<int:number>/", audits.record_page, name="audit-record"),
    path("audits/<int:pk>/records/<int:number>/answer/", audits.save_answer, name="audit-answer"),
    path("audits/<int:pk>/complete/", audits.complete, name="audit-complete"),
    path("audits/<int:pk>/cancel/", audits.cancel, name="audit-cancel"),
]
