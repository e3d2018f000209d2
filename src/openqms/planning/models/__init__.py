"""Planning's data. Django finds the models through this package; each module holds a sub-domain."""

from openqms.planning.models.framework import FrameworkMeasure
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

__all__ = [
    "CommentKind",
    "FrameworkMeasure",
    "PlanAmendment",
    "PlanAudit",
    "PlanComment",
    "PlanNeed",
    "PlanPriority",
    "PlanProject",
    "PlanStatus",
    "PlanTarget",
    "QualityPlan",
]
