"""Passwords of workspace users (the web app's login): argon2id hashes, never the password itself.

`argon2.PasswordHasher` with the library's defaults (argon2id, memory-hard, the parameters OWASP
recommends); the hash text carries its parameters and salt (`$argon2id$v=19$m=...`), so a later change
of defaults still verifies the old hashes. `verify_password` runs one argon2 verification whether or not
the user has a hash (or exists), against a fixed dummy hash when not, so that the time a login takes does
not tell whether the name is a user's. No password ever goes into an error, a log or the audit log.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from planner.workspace.errors import BadInput

MIN_LENGTH = 10
MAX_LENGTH = 1024

_hasher = PasswordHasher()


def check_password(text: str) -> None:
    """Raise `BadInput` unless `text` may be a password (its value never shown)."""
    if len(text) < MIN_LENGTH:
        raise BadInput(
            f"mật khẩu cần ít nhất {MIN_LENGTH} ký tự",
            f"a password needs at least {MIN_LENGTH} characters",
            "password",
        )
    if len(text) > MAX_LENGTH:
        raise BadInput(
            f"mật khẩu dài quá {MAX_LENGTH} ký tự",
            f"a password may have at most {MAX_LENGTH} characters",
            "password",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(
            "mật khẩu có ký tự không hợp lệ", "a password has an invalid character", "password"
        ) from None


def hash_password(text: str) -> str:
    """The argon2id hash of `text` (a fresh salt each time); `BadInput` if too short or too long."""
    check_password(text)
    return _hasher.hash(text)


@cache
def _dummy_hash() -> str:
    """A hash with the same parameters as a real one, verified when the user has none."""
    return _hasher.hash("no user has this password: it only makes a failed login take as long")


def verify_password(stored_hash: str | None, text: str) -> bool:
    """True if `text` is the password of `stored_hash`; False otherwise, never raising.

    Always one argon2 verification: against the dummy hash when there is no stored hash."""
    if stored_hash is None:
        _verify(_dummy_hash(), text)
        return False
    return _verify(stored_hash, text)


def _verify(stored_hash: str, text: str) -> bool:
    try:
        return _hasher.verify(stored_hash, text)
    except (VerificationError, InvalidHashError, ValueError, TypeError):
        return False
