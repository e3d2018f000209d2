"""Run the test provider: `python -m tests.sso.provider.serve DIR REDIRECT_URI POST_LOGOUT_URI`.

Binds a free loopback port, writes a fresh RSA key, migrates a SQLite database in DIR, creates
the test users and one confidential client that must use PKCE, prints `READY <issuer>` and serves
until it is stopped.
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "openqms-tests"
CLIENT_SECRET = "openqms-tests-secret"
PASSWORD = "provider-password-1"


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main(folder: str, redirect_uri: str, post_logout_uri: str) -> None:
    server = make_server("127.0.0.1", 0, None, server_class=_Server, handler_class=_QuietHandler)
    issuer = f"http://127.0.0.1:{server.server_port}/o"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    os.environ["PROVIDER_RSA_KEY"] = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    os.environ["PROVIDER_ISSUER"] = issuer
    os.environ["PROVIDER_DATABASE"] = os.path.join(folder, "provider.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso.provider.settings"

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    from tests.sso.provider.validators import GROUPS

    call_command("migrate", verbosity=0)
    for username in GROUPS:
        User.objects.create_user(
            username,
            email=f"{username}@example.nhs.uk",
            password=PASSWORD,
            first_name=username.title(),
            last_name="Tester",
        )
    Application.objects.create(
        name="OpenQMS",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        post_logout_redirect_uris=post_logout_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=False,
    )
    server.set_app(get_wsgi_application())
    print(f"READY {issuer}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:4])
