from __future__ import annotations

from django.test import RequestFactory

from openqms.nhsuk.htmx import is_htmx


def test_an_htmx_request_says_so_in_its_header():
    assert is_htmx(RequestFactory().get("/", HTTP_HX_REQUEST="true"))
    assert not is_htmx(RequestFactory().get("/"))
