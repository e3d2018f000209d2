"""Reads of API tokens: a person's own, and the service tokens an administrator manages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from openqms.access import policy
from openqms.api.models import ApiToken


def mine(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(person=user, kind=ApiToken.Kind.PERSONAL).select_related("unit")


def services_managed(user: Any) -> QuerySet[ApiToken]:
    """Service tokens on units this person administers."""
    return policy.visible(
        user, policy.Permission.ADMINISTER, ApiToken.objects.filter(kind=ApiToken.Kind.SERVICE)
    ).select_related("unit", "person")


def may_revoke(user: Any, token: ApiToken) -> bool:
    if token.kind == ApiToken.Kind.PERSONAL:
        return bool(token.person_id == getattr(user, "pk", None))
    return policy.can(user, policy.Permission.ADMINISTER, token)


def manageable(user: Any) -> QuerySet[ApiToken]:
    return (mine(user) | services_managed(user)).distinct()
