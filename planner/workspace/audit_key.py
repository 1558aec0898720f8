"""The audit log's key: a secret kept outside the database, with which each entry's hash is signed.

Anyone who can write the database can rewrite an entry and recompute every later sha256 (the scheme is
public); without the key they cannot make the signature (`mac`, an HMAC-SHA256 of the entry's hash) that
goes with it. The key is found, in this order:

* `PLANNER_AUDIT_KEY`: the key text itself (a server's secret store sets it);
* `PLANNER_AUDIT_KEY_FILE`: the file that holds it (`ws init` creates it there if it is missing);
* for a SQLite workspace, the file beside the database: `workspace.db` -> `workspace.db.audit-key`.

The key text is one line `planner-audit-key:v1:FROM:HEX`: FROM is the first entry it signs (1 for a
workspace created with it; for a workspace keyed later, the entry after the log's head when `ws init`
made the key), HEX 32 random bytes. Entries from FROM on must carry a valid signature, so that nobody can
strip them and pass the log off as one written before the key. The file is created readable by its
owner only (0600), and a key file that others may read is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from planner.workspace.errors import BadInput

KEY_ENV = "PLANNER_AUDIT_KEY"
KEY_FILE_ENV = "PLANNER_AUDIT_KEY_FILE"
SUFFIX = ".audit-key"
_TEXT = re.compile(r"planner-audit-key:v1:(?P<start>[1-9][0-9]{0,17}):(?P<hex>[0-9a-f]{64})")


@dataclass(frozen=True)
class AuditKey:
    """The secret and the first entry it signs; `where` says where it was found (never the secret)."""

    secret: bytes = field(repr=False)
    start: int
    where: str

    def sign(self, entry_hash: str) -> str:
        return hmac.new(self.secret, entry_hash.encode("ascii"), hashlib.sha256).hexdigest()

    def text(self) -> str:
        return f"planner-audit-key:v1:{self.start}:{self.secret.hex()}"


def key_path(url: str) -> Path | None:
    """Where the key file is (or is to be made): `PLANNER_AUDIT_KEY_FILE`, else beside a SQLite file."""
    given = os.environ.get(KEY_FILE_ENV)
    if given:
        return Path(given).expanduser()
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        database = Path(url.removeprefix("sqlite:///"))
        return database.with_name(database.name + SUFFIX)
    return None


def find_key(url: str) -> AuditKey | None:
    """The workspace's key, or None when none is given (the log is then checked unkeyed)."""
    text = os.environ.get(KEY_ENV)
    if text:
        return _parse(text, KEY_ENV)
    path = key_path(url)
    if path is None or not path.exists():
        return None
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise BadInput(
            "tệp khoá nhật ký để người khác đọc được; chỉ chủ sở hữu được đọc (chmod 600)",
            "the audit key file can be read by others; it must be its owner's only (chmod 600)",
            KEY_FILE_ENV,
            str(path),
        )
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        raise BadInput(
            "không đọc được tệp khoá nhật ký", "cannot read the audit key file", KEY_FILE_ENV, str(path)
        ) from None
    return _parse(text, str(path))


def create_key(path: Path, start: int) -> AuditKey:
    """A new key written to `path`, readable by its owner only from the moment it exists."""
    key = AuditKey(secrets.token_bytes(32), start, str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(key.text() + "\n")
        os.chmod(path, 0o600)  # whatever the umask left
    except OSError as error:
        raise BadInput(
            f"không tạo được tệp khoá nhật ký ({error.strerror})",
            f"cannot create the audit key file ({error.strerror})",
            KEY_FILE_ENV,
            str(path),
        ) from None
    return key


def _parse(text: str, where: str) -> AuditKey:
    match = _TEXT.fullmatch(text.strip())
    if match is None:
        raise BadInput(
            "khoá nhật ký phải có dạng planner-audit-key:v1:FROM:HEX (64 chữ số hex)",
            "an audit key reads planner-audit-key:v1:FROM:HEX (64 hex digits)",
            KEY_ENV if where == KEY_ENV else KEY_FILE_ENV,
            where,  # where it was found, never its text
        )
    return AuditKey(bytes.fromhex(match["hex"]), int(match["start"]), where)
