"""The JSON API at /api/v1/: one NinjaAPI, a router per sub-domain (endpoints/), one error format.

Authentication (`auth.AUTH`) and the error handlers (`errors.install`) are shared with any other
API mounted later (FHIR at /api/fhir/): build it the same way, with its own `urls_namespace`.
"""

from __future__ import annotations

from ninja import NinjaAPI

from openqms.api import errors
from openqms.api.auth import AUTH
from openqms.api.endpoints import (
    actions,
    assurance,
    huddles,
    improvement,
    measures,
    observations,
    organisations,
    people,
    planning,
    reporting,
)

api = NinjaAPI(
    title="OpenQMS API",
    version="1",
    description=(
        "Quality data of OpenQMS: read what the pages show, send data in. Authenticate with a token "
        "(`Authorization: Bearer oqt_…`) or a signed-in session (with its CSRF token for writes). "
        "Lists are paged with an opaque `cursor`; every error has one body naming the field. "
        "See docs/api.md."
    ),
    auth=AUTH,
    urls_namespace="api:v1",
    docs_url=None,  # Swagger UI loads from a CDN; the schema is at openapi.json and in docs/openapi.json
)
errors.install(api)
ROUTERS = (
    organisations, people, measures, observations, huddles, actions, assurance, improvement, planning,
    reporting,
)  # fmt: skip
for module in ROUTERS:
    api.add_router("", module.router)
