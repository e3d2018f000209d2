"""Our form macros sit in the `nhsuk/` folder beside the NHS.UK frontend's templates, and are found
first: a name the frontend also uses would hide its template from every page."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import openqms.nhsuk


def test_no_template_of_ours_hides_one_of_the_frontend_s():
    ours = Path(openqms.nhsuk.__file__).parent / "jinja2"
    frontend = files("nhsuk_frontend_jinja") / "templates"
    names = [path.relative_to(ours) for path in ours.rglob("*.jinja")]
    assert names
    assert not [name for name in names if frontend.joinpath(*name.parts).is_file()]
