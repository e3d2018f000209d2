"""The views' shared pieces: a unit through the policy, require, and the usual form page."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory

from openqms.access.policy import Permission
from openqms.nhsuk.fields import text_field
from openqms.nhsuk.forms import NHSForm
from openqms.nhsuk.views import Saved, require, save_form, unit_for


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


class TitleForm(NHSForm):
    title = text_field("Title", 200)


def _save(data):
    if data["title"] == "taken":
        raise ValidationError({"title": "Another action has this title"})
    return Saved(f"“{data['title']}” saved.", "/done/")


def test_the_form_page_saves_says_so_and_redirects():
    request = _request("post", data={"title": "Gel at every bed"})
    response = save_form(request, TitleForm(request.POST), _save)
    assert (response.status_code, response["Location"]) == (302, "/done/")
    assert [str(m) for m in get_messages(request)] == ["“Gel at every bed” saved."]


def test_the_form_comes_back_when_not_posted_not_valid_or_refused():
    assert save_form(_request(), TitleForm(), _save) is None
    request = _request("post")
    form = TitleForm(request.POST)
    assert save_form(request, form, _save) is None
    assert form.errors["title"] == ["Enter the title"]
    request = _request("post", data={"title": "taken"})
    form = TitleForm(request.POST)
    assert save_form(request, form, _save) is None
    assert form.errors["title"] == ["Another action has this title"]
    assert not list(get_messages(request))


def test_a_next_field_returns_only_to_a_path_on_this_site(rf):
    from openqms.nhsuk.views import back_to

    for given, expected in [
        ("/control/", "/control/"),
        ("https://elsewhere.example/", "/home/"),
        ("//elsewhere.example/", "/home/"),
        ("NaN", "/home/"),  # a bare word: redirect() would look for a view of that name
        ("", "/home/"),
    ]:
        assert back_to(rf.post("/", {"next": given}), "/home/") == expected, given
