"""The OpenAPI schema of /api/v1/ as the text committed in docs/openapi.json."""

from __future__ import annotations

import json
from pathlib import Path

from openqms.api.v1 import api

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def schema_text() -> str:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
