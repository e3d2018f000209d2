"""The embedded default: SQLite under var/, debug pages, a local secret."""

from openqms.settings.base import *  # noqa: F403
from openqms.settings.base import SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "development-only-not-secret-2f9c1c4e8b7a4d"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Serve static files straight from the sources, as they change; production serves collected files.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
