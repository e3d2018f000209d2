"""Settings shared by every environment. Each setting read from the environment is in .env.example."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

SOURCE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = SOURCE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("OPENQMS_VAR_DIR", PROJECT_DIR / "var"))
NODE_MODULES = Path(os.environ.get("OPENQMS_NODE_MODULES", PROJECT_DIR / "node_modules"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "openqms.audit",
    "openqms.people",
    "openqms.organisations",
    "openqms.access",
    "openqms.nhsuk",
    "openqms.actions",
    "openqms.control",
    "openqms.assurance",
    "openqms.improvement",
    "openqms.planning",
    "openqms.reporting",
    "openqms.evaluation",
    "openqms.shell",
    "openqms.administration",
    "openqms.demo",
    "openqms.operations",
    "openqms.api",
    "openqms.sso",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "openqms.shell.middleware.CurrentUnitMiddleware",
    "openqms.shell.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "openqms.urls"
WSGI_APPLICATION = "openqms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "openqms.shell.jinja2.environment",
            "autoescape": True,
            "context_processors": ["openqms.shell.context_processors.shell"],
        },
    },
]

# SQLite under var/ unless DATABASE_URL names another database (postgres://… or sqlite:///…).
if "DATABASE_URL" not in os.environ:
    # A fresh clone has no var/ (it is git-ignored), and SQLite will not create the folder itself.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'openqms.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a long import writes; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my-qms"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failures, per username and address, for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("OPENQMS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = None
AXES_LOCKOUT_CALLABLE = "openqms.shell.views.locked_out"
AXES_VERBOSE = False
# Failed sign-ins from one address, whatever the usernames, before it is refused for an hour (ADR 31).
OPENQMS_LOGIN_ADDRESS_LIMIT = int(os.environ.get("OPENQMS_LOGIN_ADDRESS_LIMIT", "50"))

# Single sign-on with OpenID Connect (docs/sso.md, ADR 32): on when an issuer is named. The client is
# mozilla-django-oidc, which reads the OIDC_* settings; the provider's endpoints come from its
# discovery document, whose issuer must be this one exactly.
OPENQMS_OIDC_ISSUER = os.environ.get("OPENQMS_OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = os.environ.get("OPENQMS_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OPENQMS_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OPENQMS_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OPENQMS_OIDC_SCOPES", "openid email profile")
# How the client proves itself at the token endpoint: "post" (client_secret_post) or "basic".
OIDC_TOKEN_USE_BASIC_AUTH = os.environ.get("OPENQMS_OIDC_CLIENT_AUTH", "post") == "basic"
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
if OPENQMS_OIDC_ISSUER:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "openqms.sso.backends.SignOnBackend"]
# What the sign-in page's button says: "Sign in with <name>".
OPENQMS_OIDC_PROVIDER_NAME = os.environ.get("OPENQMS_OIDC_PROVIDER_NAME", "your organisation's account")
# The JSON file that turns claims (groups, roles) into roles on units; empty: sign-on gives no roles.
OPENQMS_OIDC_ROLE_MAPPING = os.environ.get("OPENQMS_OIDC_ROLE_MAPPING", "")
# Whether a first sign-in may find a person by e-mail address, and may create one when none is found.
OPENQMS_OIDC_MATCH_EMAIL = os.environ.get("OPENQMS_OIDC_MATCH_EMAIL", "on") != "off"
OPENQMS_OIDC_CREATE_PEOPLE = os.environ.get("OPENQMS_OIDC_CREATE_PEOPLE", "on") != "off"
# Seconds of clock difference allowed when checking a token's times.
OPENQMS_OIDC_LEEWAY = int(os.environ.get("OPENQMS_OIDC_LEEWAY", "30"))
# "off": only single sign-on; the password form is gone and password sign-in is refused.
OPENQMS_LOCAL_PASSWORDS = os.environ.get("OPENQMS_LOCAL_PASSWORDS", "on") != "off"
if not OPENQMS_LOCAL_PASSWORDS:
    if not OPENQMS_OIDC_ISSUER:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "OPENQMS_LOCAL_PASSWORDS=off needs single sign-on: set OPENQMS_OIDC_ISSUER"
        )
    AUTHENTICATION_BACKENDS = [
        b for b in AUTHENTICATION_BACKENDS if b != "django.contrib.auth.backends.ModelBackend"
    ]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10  # a working shift
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# A strict policy (django-csp 4, ADR 31): scripts and styles only from this site's static files, and
# the one inline script of the NHS.UK template by its per-response nonce; no 'unsafe-inline' anywhere,
# so no inline <script>, on*= handler or style= attribute can run. Downloads set their own stricter one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("openqms", SOURCE_DIR / "frontend" / "build"),
    ("nhsuk", NODE_MODULES / "nhsuk-frontend" / "dist" / "nhsuk"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]

MEDIA_ROOT = VAR_DIR / "media"
# Production's storages (collected files with hashed names, compressed), named here so that a test
# can render pages with them without the production settings' secrets.
PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "openqms@localhost")
# Where people reach OpenQMS: e-mails (the digest) link to pages under it, outside any request.
OPENQMS_BASE_URL = os.environ.get("OPENQMS_BASE_URL", "http://127.0.0.1:8000")
# The QMS maturity framework (a JSON file, docs/maturity-framework.md); empty: the one OpenQMS ships.
OPENQMS_MATURITY_FRAMEWORK = os.environ.get("OPENQMS_MATURITY_FRAMEWORK", "")

# The API (docs/api.md): requests a minute per token (or signed-in person), counted in the cache; the
# most observations one bulk request may carry; how long a token may last. Bodies of bulk
# submissions are large: 50,000 observations are about 5 MB of JSON.
OPENQMS_API_RATE_LIMIT = int(os.environ.get("OPENQMS_API_RATE_LIMIT", "1200"))
OPENQMS_API_BULK_MAX = int(os.environ.get("OPENQMS_API_BULK_MAX", "50000"))
OPENQMS_API_TOKEN_MAX_DAYS = int(os.environ.get("OPENQMS_API_TOKEN_MAX_DAYS", "365"))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(16 * 1024 * 1024)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"axes": {"handlers": ["console"], "level": "WARNING"}},
}
