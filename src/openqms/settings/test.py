"""Test settings: fast hashing, in-memory SQLite unless DATABASE_URL names PostgreSQL."""

import os

from openqms.settings.base import *  # noqa: F403
from openqms.settings.base import DATABASES

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if "DATABASE_URL" not in os.environ:
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}

# The suite makes thousands of API requests a minute as the same personas; tests of the limit set it.
OPENQMS_API_RATE_LIMIT = 1_000_000

# Serve static files straight from the sources, as they change; production serves collected files.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
