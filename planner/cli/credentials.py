"""Who acts on the command line: a user who has a password proves it before a `ws` command writes as them.

The web app asks for the password at login; the command line asks for it too, so that `--user hoa` alone
no longer acts as an approver who has one. A writing command accepts, in this order:

1. `--password-stdin`: the password, one line of standard input;
2. the session of `planner ws login --user NAME`: a file readable by its owner only (`session_file`),
   holding a secret whose hash the workspace keeps (`planner.workspace.sessions`) for `SESSION_SECONDS`;
   `ws logout`, a password reset or a role change ends it;
3. at a terminal, the password asked unseen.

Without any of them the command writes nothing and exits 2. A user without a password acts as before (a
workspace on one person's machine needs none). None of this binds whoever can write the database itself.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from planner.workspace import Workspace

#: A command-line session lasts an hour: a sitting, not a day.
SESSION_SECONDS = 3600
#: The folder of the session files; by default the user's runtime folder (emptied at logout) or cache.
SESSION_DIR_ENV = "PLANNER_SESSION_DIR"


def _session_dir() -> Path:
    if chosen := os.environ.get(SESSION_DIR_ENV):
        return Path(chosen)
    if runtime := os.environ.get("XDG_RUNTIME_DIR"):
        return Path(runtime, "planner")
    return Path.home() / ".cache" / "planner" / "sessions"


def session_file(workspace: Workspace, user: str) -> Path:
    """The file of `user`'s session on this workspace (named by a hash: no name or address shows)."""
    url = workspace.engine.url
    where = (
        f"sqlite:{Path(url.database or '').resolve()}"
        if url.get_backend_name() == "sqlite"
        else url.render_as_string(hide_password=True)
    )
    key = hashlib.sha256(f"{where}\n{user}".encode()).hexdigest()[:32]
    return _session_dir() / f"{key}.session"


def read_session(path: Path) -> str | None:
    """The secret of the session file at `path`; None if there is none, or if another user could read
    it (then it is no proof of who runs the command)."""
    try:
        info = path.stat()
        if info.st_uid != os.getuid() or info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            return None
        return path.read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def write_session(path: Path, secret: str) -> None:
    """The session file, created readable and writable by its owner only (its folder too)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(secret)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def read_password_line() -> str:
    """One line of standard input, its line ending cut (spaces are the password's)."""
    return sys.stdin.readline().removesuffix("\n").removesuffix("\r")


def ask_password(name: str) -> str:
    """The acting user's own password, asked unseen at the terminal."""
    return typer.prompt(f"Mật khẩu của / password of {name}", hide_input=True)


def prove(workspace: Workspace, user: str | None, password_stdin: bool) -> None:
    """Return if the command may act as `user`; `BadInput` (exit 2, nothing written) if the user has a
    password that was neither given nor proved by a session. An unknown or missing user passes here: the
    service refuses it with its own message."""
    from planner.workspace import BadInput

    name = (user or "").strip()
    if not name or not workspace.has_password(name):
        return
    if password_stdin:
        password = read_password_line()
    else:
        secret = read_session(session_file(workspace, name))
        if secret is not None and workspace.session_role(name, secret) is not None:
            return
        if not sys.stdin.isatty():
            raise BadInput(
                f"người dùng có mật khẩu: đưa mật khẩu qua --password-stdin, hoặc đăng nhập trước bằng "
                f"`planner ws login --user {name}` (phiên đăng nhập hết hạn sau {SESSION_SECONDS // 60} "
                "phút, khi đăng xuất, đổi mật khẩu hoặc đổi vai trò)",
                f"this user has a password: give it with --password-stdin, or log in first with "
                f"`planner ws login --user {name}` (a session ends after {SESSION_SECONDS // 60} minutes, "
                "at logout, a password reset or a role change)",
                "--user",
                name,
            )
        password = ask_password(name)
    if workspace.authenticate(name, password) is None:
        raise BadInput("sai mật khẩu", "wrong password", "--user", name)
