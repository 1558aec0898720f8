"""Who is logged in: signed session cookies, their CSRF tokens, logout, and the login rate limit.

A session is a cookie the server signed (itsdangerous, HMAC-SHA1 over a timestamped payload): the user's
name, a random session id and the session's CSRF token. It is HttpOnly (no script reads it), SameSite=
Strict (no other site's page sends it), Secure behind HTTPS, and expires `SESSION_SECONDS` after login;
the server refuses an older signature whatever the browser keeps. The signing key is random per server
process unless `PLANNER_WEB_SECRET` gives one, so restarting the server logs everyone out. Each session is
also a row of the workspace (`planner.workspace.sessions`): a logout ends it there, and a password reset or
a role change ends every session of the user, so that neither comes back when the server restarts with the
same key, nor holds in another server process on the same workspace.

The role is not in the cookie: each request reads it from the workspace, so that a changed role or a
removed user takes effect at once.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

COOKIE = "planner_session"
#: The double-submit cookie of the login form (no session exists yet to hold its CSRF token).
LOGIN_COOKIE = "planner_login"
#: A working day: a committee meeting fits in it; the next morning asks for the password again.
SESSION_SECONDS = 8 * 3600
LOGIN_FORM_SECONDS = 3600
SECRET_ENV = "PLANNER_WEB_SECRET"


@dataclass(frozen=True)
class Session:
    user: str
    id: str
    csrf: str


class SessionSigner:
    """Makes and reads session cookies (whether a session still holds is the workspace's to say)."""

    def __init__(self, secret: str | bytes | None = None) -> None:
        key = secret or os.environ.get(SECRET_ENV) or secrets.token_urlsafe(32)
        self._sessions = URLSafeTimedSerializer(key, salt="planner-session")
        self._login = URLSafeTimedSerializer(key, salt="planner-login-form")

    def new(self, user: str) -> tuple[Session, str]:
        """A new session for `user` and its cookie value."""
        session = Session(user, secrets.token_urlsafe(16), secrets.token_urlsafe(32))
        return session, self._sessions.dumps({"u": session.user, "s": session.id, "c": session.csrf})

    def read(self, cookie: str | None) -> Session | None:
        """The session of a cookie signed here and not expired; else None."""
        if not cookie or len(cookie) > 4096:
            return None
        try:
            data = self._sessions.loads(cookie, max_age=SESSION_SECONDS)
        except (BadSignature, SignatureExpired):
            return None
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("u", "s", "c")):
            return None
        return Session(data["u"], data["s"], data["c"])

    def login_token(self) -> tuple[str, str]:
        """The login form's token and its cookie (a signed copy of it): a post must bring both."""
        token = secrets.token_urlsafe(32)
        return token, self._login.dumps(token)

    def login_token_matches(self, token: str | None, cookie: str | None) -> bool:
        if not token or not cookie or len(cookie) > 4096:
            return False
        try:
            signed = self._login.loads(cookie, max_age=LOGIN_FORM_SECONDS)
        except (BadSignature, SignatureExpired):
            return False
        return isinstance(signed, str) and secrets.compare_digest(signed, token)


def tokens_match(expected: str, given: str | None) -> bool:
    return given is not None and given != "" and secrets.compare_digest(expected.encode(), given.encode())


class LoginThrottle:
    """At most `per_name` failed logins for one user name and `per_client` from one address within
    `window` seconds; then `reserve` says how long to wait. Each attempt is counted as failed when it is
    reserved, before its password is verified, so that a burst of attempts sent at once gets no more
    verifications than the limits; a right password then takes its own attempt back (`succeeded`). A
    success does not reset the count: the attacker who guesses the one password also had to stay under
    the limit."""

    def __init__(
        self,
        per_name: int = 5,
        per_client: int = 20,
        window: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_name, self.per_client, self.window = per_name, per_client, window
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def _keys(self, client: str, name: str) -> tuple[tuple[str, str], tuple[str, str]]:
        return ("name", name), ("client", client)

    def reserve(self, client: str, name: str) -> tuple[int, float]:
        """(0, the attempt's time) when a login of `name` from `client` may be verified now, the attempt
        counted as failed meanwhile; (seconds to wait, 0) past a limit, nothing counted."""
        now = self._clock()
        with self._lock:
            waits = [
                times[0] + self.window - now
                for key, limit in zip(self._keys(client, name), (self.per_name, self.per_client), strict=True)
                if len(times := self._recent(key, now)) >= limit
            ]
            if waits:
                return max(1, int(max(waits)) + 1), 0.0
            for key in self._keys(client, name):
                self._recent(key, now).append(now)
            if len(self._failures) > 100_000:  # a flood of names: forget the idle ones
                self._failures = {k: v for k, v in self._failures.items() if v}
        return 0, now

    def succeeded(self, client: str, name: str, at: float) -> None:
        """The attempt reserved at `at` had the right password: it no longer counts as failed."""
        with self._lock:
            for key in self._keys(client, name):
                times = self._failures.get(key)
                if times is not None and at in times:
                    times.remove(at)
