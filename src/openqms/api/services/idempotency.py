"""Answers kept under an Idempotency-Key, so that a client retrying a write gets the first answer.

The key belongs to the person (a token or a session); the request is identified by the hash of its
method, path and body. The answer is stored in the same transaction as the write it answers, so a
retry either finds both or neither; two requests racing with one key meet on the unique constraint.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from openqms.api.errors import Conflict
from openqms.api.models import IdempotentRequest

MAX_KEY = 200


def request_hash(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256(f"{method} {path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


def _replay(found: IdempotentRequest, fingerprint: str) -> tuple[int, Any]:
    if found.request_hash != fingerprint:
        raise Conflict("This Idempotency-Key was used for a different request: use a new key for new data")
    return found.status_code, json.loads(found.response_json)


def once(
    *, person: Any, key: str, method_path: str, fingerprint: str, write: Callable[[], tuple[int, Any]]
) -> tuple[int, Any]:
    """Run `write` once per key: a repeat with the same request gets the stored answer back.

    Only successful answers are kept: a request refused for its data may be corrected and sent
    again under the same key (its body, and so its hash, has changed: it is a new request).
    """
    if not key or len(key) > MAX_KEY:
        raise Conflict(f"An Idempotency-Key is 1 to {MAX_KEY} characters")
    found = IdempotentRequest.objects.filter(person=person, key=key).first()
    if found is not None:
        return _replay(found, fingerprint)
    try:
        with transaction.atomic():
            status, body = write()
            if 200 <= status < 300:
                IdempotentRequest.objects.create(
                    person=person,
                    key=key,
                    method_path=method_path[:300],
                    request_hash=fingerprint,
                    status_code=status,
                    response_json=json.dumps(body, default=str),
                )
    except IntegrityError:
        # Another request with this key committed first: its write stands, and this one's is undone.
        found = IdempotentRequest.objects.filter(person=person, key=key).first()
        if found is None:
            raise
        return _replay(found, fingerprint)
    return status, body
