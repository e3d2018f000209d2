"""Planning's data, one module per sub-domain; this is the one place that re-exports (Django finds
models through it)."""

from openqms.planning.models.feedback import Channel, Feedback, FeedbackFrom, FeedbackKind, FeedbackPoint
from openqms.planning.models.needs import EvidenceSource, Need, NeedEvidence, NeedStatus
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
    "Comparison",
    "EvidenceSource",
    "Feedback",
    "FeedbackFrom",
    "FeedbackKind",
    "FeedbackPoint",
    "Need",
    "NeedEvidence",
    "NeedStatus",
    "PathwayStep",
    "ServiceModel",
    "ServiceModelComment",
    "ServiceModelStatus",
    "SpecRequirement",
    "TeamRole",
    "YouSaidWeDid",
]
