"""What every page's header and navigation need: the current unit and the units to switch to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from openqms.access import policy
from openqms.shell import selectors


def shell(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    # The NHS.UK template puts it on its one inline script. Read here, as text: django-csp adds the
    # nonce to the header only once it has been read, and its lazy object tests false until then.
    csp_nonce = getattr(request, "csp_nonce", None)
    nonce = {"cspNonce": str(csp_nonce) if csp_nonce is not None else ""}
    if not user.is_authenticated:
        return nonce
    return nonce | {
        "current_unit": getattr(request, "current_unit", None),
        # Lazy: pages that never draw the switcher (HTMX partials) never run the query.
        "switchable_units": SimpleLazyObject(lambda: selectors.switchable_units(user)),
        "is_administrator": SimpleLazyObject(
            lambda: any(g.role == "administrator" for g in policy.grants_of(user))
        ),
    }
