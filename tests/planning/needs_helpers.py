"""Builders for the feedback, needs and service model tests: everything made through the services,
on Ward A of the test trust unless told otherwise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openqms.planning.models import Channel, Feedback, FeedbackFrom, Need, ServiceModel
from openqms.planning.services import feedback as feedback_services
from openqms.planning.services import needs as need_services
from openqms.planning.services import service_models as model_services


def feedback(trust: Any, unit: str = "ward_a", *, kind: str = "concern", **fields: Any) -> Feedback:
    values: dict[str, Any] = {
        "actor": trust.people["mo_member"],
        "unit": getattr(trust, unit),
        "kind": kind,
        "text": "Nobody told us when visiting was.",
        "given_by": FeedbackFrom.STAFF,
        "channel": Channel.CARD,
        "received_on": dt.date(2026, 1, 10),
    }
    return feedback_services.give_feedback(**(values | fields))


def need(trust: Any, unit: str = "ward_a", *, by: str = "mo_member", **fields: Any) -> Need:
    values: dict[str, Any] = {
        "actor": trust.people[by],
        "unit": getattr(trust, unit),
        "title": "A quiet room for families",
        "who_affected": "Families of people at the end of their life",
    }
    return need_services.raise_need(**(values | fields))


def service_model(trust: Any, unit: str = "ward_a", **fields: Any) -> ServiceModel:
    values: dict[str, Any] = {
        "title": "Falls prevention and response",
        "population": "Adults over 65 admitted to Ward A, about 1,200 a year",
        "what": "Falls risk assessment within 6 hours, and a falls response",
        "where": "Ward A, bays 1 to 4",
        "who": "Nurses, physiotherapists and the falls specialist",
    }
    return model_services.propose_model(
        actor=trust.people["colin_clinician"], unit=getattr(trust, unit), **(values | fields)
    )
