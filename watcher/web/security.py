"""Sessions, CSRF and response headers for the web face.

One signed cookie holds a random session id, whether the holder logged in, and when that
expires (our clock, not the browser's). Every form carries a CSRF token derived from the
session id with the web secret, so a page on another site cannot post on the user's
behalf. Without a password (loopback only) requests must name a loopback host, which stops
a DNS-rebinding page from reading the dashboard.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from itsdangerous import BadSignature, URLSafeSerializer

from watcher.clock import ensure_utc

SESSION_COOKIE = "watcher_session"
CSRF_FIELD = "csrf"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # action and feed tokens never leak in a Referer
    "Cache-Control": "no-store",
}

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]", "::1")


@dataclass
class Session:
    """The browser's session: its id (for CSRF) and whether it logged in."""

    sid: str
    authenticated: bool = False
    expires: int = 0
    fresh: bool = False  # a new session: its cookie must be set on the response


class SessionCodec:
    """Signs and reads the session cookie; derives CSRF tokens."""

    def __init__(self, secret: str, lifetime: timedelta) -> None:
        self._secret = secret.encode()
        self._serializer = URLSafeSerializer(secret, salt="watcher.session")
        self.lifetime = lifetime

    def new(self, now: datetime, authenticated: bool = False) -> Session:
        expires = int((ensure_utc(now) + self.lifetime).timestamp())
        return Session(secrets.token_urlsafe(16), authenticated, expires, fresh=True)

    def dump(self, session: Session) -> str:
        return str(self._serializer.dumps([session.sid, session.authenticated, session.expires]))

    def load(self, cookie: str | None, now: datetime) -> Session | None:
        if not cookie:
            return None
        try:
            sid, authenticated, expires = self._serializer.loads(cookie)
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(sid, str) or not isinstance(expires, int):
            return None
        if ensure_utc(now).timestamp() >= expires:
            return None
        return Session(sid, bool(authenticated), expires)

    def csrf_token(self, session: Session) -> str:
        return hmac.new(self._secret, f"csrf:{session.sid}".encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: Session, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf_token(session), str(token))


def password_ok(expected: str, given: str | None) -> bool:
    """Constant-time comparison; an empty expected password never matches."""
    return bool(expected) and hmac.compare_digest(expected.encode(), (given or "").encode())


def basic_auth_password(header: str | None) -> str | None:
    """The password of an ``Authorization: Basic`` header (any user name), if any."""
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded.partition(":")[2]


def allowed_hosts(public_url: str) -> set[str]:
    """Host names a password-less (loopback) server answers to."""
    hosts = set(LOOPBACK_NAMES)
    if public_url:
        hosts.add((urlsplit(public_url).hostname or "").lower())
    return hosts


def host_name(host_header: str) -> str:
    """'127.0.0.1:8765' -> '127.0.0.1'; '[::1]:8765' -> '[::1]'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


__all__ = [
    "CSRF_FIELD",
    "SECURITY_HEADERS",
    "SESSION_COOKIE",
    "Session",
    "SessionCodec",
    "allowed_hosts",
    "basic_auth_password",
    "host_name",
    "password_ok",
]
