"""The views' shared pieces: a unit through the policy, and require."""

from __future__ import annotations

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import Http404
from django.test import RequestFactory

from openqms.access.policy import Permission
from openqms.nhsuk.views import require, unit_for


def _request(method: str = "get", user=None, data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_unit_needs_the_permission_named_and_is_otherwise_not_found(trust):
    sue = trust.people["sue_service_user"]
    assert unit_for(_request(user=sue), trust.ward_a.pk, Permission.VIEW_UNIT) == trust.ward_a
    with pytest.raises(Http404):
        unit_for(_request(user=sue), trust.ward_a.pk, Permission.VIEW)
    with pytest.raises(Http404):
        unit_for(_request(user=trust.people["mo_member"]), trust.ward_b.pk, Permission.VIEW)


def test_require_answers_404_for_what_may_not_be_done():
    require(True)
    with pytest.raises(Http404):
        require(False)
