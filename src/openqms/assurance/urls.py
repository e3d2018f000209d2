"""The assurance pages. `/assurance/` itself (the current unit's compliance) is named "assurance" in
the root URLconf."""

from django.urls import path

from openqms.assurance.views import accreditation, actions, audits, evidence, home, standards, templates

urlpatterns = [
    path("units/<int:pk>/", home.unit_page, name="assurance-unit"),
    path("units/<int:pk>/actions/", actions.unit_actions, name="assurance-actions"),
    path("units/<int:pk>/actions/new/", actions.new_action, name="assurance-action-new"),
    path("actions/<int:pk>/", actions.action_page, name="assurance-action"),
    path("actions/<int:pk>/edit/", actions.edit_action, name="assurance-action-edit"),
    path("actions/<int:pk>/notes/", actions.add_note, name="assurance-action-note"),
    path("actions/<int:pk>/close/", actions.close_action, name="assurance-action-close"),
    path(
        "units/<int:pk>/accreditations/", accreditation.unit_accreditations, name="assurance-accreditations"
    ),
    path(
        "units/<int:pk>/accreditations/new/",
        accreditation.new_accreditation,
        name="assurance-accreditation-new",
    ),
    path("accreditations/<int:pk>/", accreditation.accreditation_page, name="assurance-accreditation"),
    path(
        "accreditations/<int:pk>/edit/", accreditation.edit_accreditation, name="assurance-accreditation-edit"
    ),
    path("accreditations/<int:pk>/findings/", accreditation.add_finding, name="assurance-finding-add"),
    path("evidence/<str:kind>/<int:pk>/add/", evidence.add, name="assurance-evidence-add"),
    path("evidence/<int:pk>/", evidence.download, name="assurance-evidence"),
    path("frameworks/", standards.frameworks, name="assurance-frameworks"),
    path("frameworks/load/", standards.upload_framework, name="assurance-framework-upload"),
    path("frameworks/<int:pk>/", standards.framework_page, name="assurance-framework"),
    path("standards/", standards.standards, name="assurance-standards"),
    path("standards/new/", standards.new_standard, name="assurance-standard-new"),
    path("standards/<int:pk>/", standards.standard_page, name="assurance-standard"),
    path("standards/<int:pk>/edit/", standards.edit_standard, name="assurance-standard-edit"),
    path("standards/<int:pk>/invite/", standards.invite, name="assurance-standard-invite"),
    path("standards/<int:pk>/comment/", standards.comment, name="assurance-standard-comment"),
    path("templates/", templates.templates, name="assurance-templates"),
    path("templates/new/", templates.new_template, name="assurance-template-new"),
    path("templates/<int:pk>/", templates.template_page, name="assurance-template"),
    path("templates/<int:pk>/new-version/", templates.new_version, name="assurance-version-new"),
    path("templates/<int:pk>/schedule/", templates.schedule, name="assurance-audit-schedule"),
    path(
        "templates/<int:pk>/versions/<int:number>/", templates.version_page, name="assurance-template-version"
    ),
    path(
        "templates/<int:pk>/versions/<int:number>/edit/",
        templates.edit_version,
        name="assurance-version-edit",
    ),
    path(
        "templates/<int:pk>/versions/<int:number>/questions/",
        templates.add_question,
        name="assurance-question-add",
    ),
    path(
        "templates/<int:pk>/versions/<int:number>/questions/<int:question_pk>/remove/",
        templates.remove_question,
        name="assurance-question-remove",
    ),
    path(
        "templates/<int:pk>/versions/<int:number>/publish/",
        templates.publish,
        name="assurance-version-publish",
    ),
    path("audits/<int:pk>/", audits.audit_page, name="assurance-audit"),
    path("audits/<int:pk>/start/", audits.start, name="assurance-audit-start"),
    path("audits/<int:pk>/records/<int:number>/", audits.record_page, name="assurance-audit-record"),
    path("audits/<int:pk>/records/<int:number>/answer/", audits.save_answer, name="assurance-audit-answer"),
    path("audits/<int:pk>/complete/", audits.complete, name="assurance-audit-complete"),
    path("audits/<int:pk>/cancel/", audits.cancel, name="assurance-audit-cancel"),
]
