"""Quality assurance's data, one module per area; Django finds the models through this package."""

from openqms.assurance.models.accreditation import (
    Accreditation,
    AccreditationKind,
    AccreditationStatus,
    Finding,
    FindingSeverity,
)
from openqms.assurance.models.audits import (
    RECURRENCE_MONTHS,
    Answer,
    AnswerType,
    AuditRun,
    AuditTemplate,
    Question,
    Recurrence,
    RunStatus,
    StandardScore,
    TemplateVersion,
)
from openqms.assurance.models.evidence import Evidence
from openqms.assurance.models.standards import (
    Framework,
    Requirement,
    Standard,
    StandardComment,
    StandardInvitation,
    StandardStatus,
)

__all__ = [
    "RECURRENCE_MONTHS",
    "Accreditation", "AccreditationKind", "AccreditationStatus", "Answer", "AnswerType", "AuditRun",
    "AuditTemplate", "Evidence", "Finding", "FindingSeverity", "Framework", "Question", "Recurrence",
    "Requirement", "RunStatus", "Standard", "StandardComment", "StandardInvitation", "StandardScore",
    "StandardStatus", "TemplateVersion",
]  # fmt: skip
