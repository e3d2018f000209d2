"""Planning's data, one module per sub-domain; this is the one place that re-exports (Django finds
models through it)."""

from openqms.planning.models.feedback import Channel, Feedback, FeedbackFrom, FeedbackKind, FeedbackPoint
from openqms.planning.models.framework import FrameworkMeasure
from openqms.planning.models.needs import EvidenceSource, Need, NeedEvidence, NeedStatus
from openqms.planning.models.plans import (
    CommentKind,
    PlanAmendment,
    PlanAudit,
    PlanComment,
    PlanNeed,
    PlanPriority,
    PlanProject,
    PlanStatus,
    PlanTarget,
    QualityPlan,
)
from openqms.planning.models.service_models import (
    ChangeKind,
    Comparison,
    PathwayStep,
    ServiceModel,
    ServiceModelComment,
    ServiceModelStatus,
    SpecRequirement,
    TeamRole,
)
from openqms.planning.models.you_said import YouSaidWeDid

__all__ = [
    "ChangeKind",
    "Channel",
    "CommentKind",
    "Comparison",
    "EvidenceSource",
    "Feedback",
    "FeedbackFrom",
    "FeedbackKind",
    "FeedbackPoint",
    "FrameworkMeasure",
    "Need",
    "NeedEvidence",
    "NeedStatus",
    "PathwayStep",
    "PlanAmendment",
    "PlanAudit",
    "PlanComment",
    "PlanNeed",
    "PlanPriority",
    "PlanProject",
    "PlanStatus",
    "PlanTarget",
    "QualityPlan",
    "ServiceModel",
    "ServiceModelComment",
    "ServiceModelStatus",
    "SpecRequirement",
    "TeamRole",
    "YouSaidWeDid",
]
