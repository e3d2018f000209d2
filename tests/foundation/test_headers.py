"""A strict Content-Security-Policy with nonces, and no-store on signed-in pages (issue 17, finding 10)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "openqms"

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, str]:
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
        if part
    }


def test_a_signed_in_page_has_a_strict_policy_whose_nonce_is_on_its_one_inline_script(trust, signed_in):
    response = signed_in("mo_member").get("/")
    policy = _policy(response)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    nonce = re.search(r"'nonce-([^']+)'", policy["script-src"]).group(1)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [f' nonce="{nonce}"']
    assert nonce != re.search(
        r"'nonce-([^']+)'", _policy(signed_in("mo_member").get("/"))["script-src"]
    ).group(1)


def test_the_sign_in_page_has_the_policy_too(client):
    response = client.get("/sign-in/")
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]


def test_signed_in_pages_are_never_stored(trust, signed_in):
    client = signed_in("mo_member")
    for path in ("/", f"/units/{trust.ward_a.pk}/", "/control/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path


TEMPLATES = sorted(SOURCE.rglob("*.jinja"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["'{]""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["'{]""", re.IGNORECASE)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_template_has_an_inline_script_a_handler_or_a_style_attribute(path):
    """The policy would refuse each of them: every template is read, so a new one is caught."""
    text = path.read_text()
    assert not INLINE_SCRIPT.search(text)
    assert not HANDLER.search(text)
    assert not STYLE_ATTRIBUTE.search(text)
