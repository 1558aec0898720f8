"""What an output path names, and whether a command may write there: the checks of the output rule.

`planner.data.atomic` writes by this rule (CONTRACT §4, every command that writes):

- `-` is standard output;
- a regular file, or a path where nothing stands yet, is written whole or not at all (staged beside it
  and renamed into place);
- a character device (`/dev/null`, a terminal), a FIFO or a socket is written into, never replaced;
- a symbolic link is followed: its target is written by the rules above, and the link stays;
- a folder, a block device, a path whose folder is missing, or a file a workspace owns (its database,
  or any file named in `owned`) is refused, and so is replacing any SQLite database: an output never
  takes the place of stored data.

The refusals are `OutputRefused`, an `OSError` naming the path the user gave in `filename`, so every
command's "cannot write X, nothing written" handling reports them, as bad input (exit 2).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

#: The path that means standard output (and standard input, for a scenario argument).
STANDARD_STREAM = "-"

#: The first bytes of every SQLite 3 database file.
_SQLITE_HEADER = b"SQLite format 3\x00"


class Kind(Enum):
    """How a target is written."""

    STDOUT = "stdout"  # the process's standard output
    FILE = "file"  # a regular file or a new path: staged, then renamed into place
    STREAM = "stream"  # a character device or a FIFO: opened and written into
    SOCKET = "socket"  # a Unix socket: connected to and written into


@dataclass(frozen=True)
class Target:
    """An output as the user named it (`given`) and where its bytes go (`path`: a link's target)."""

    given: Path
    path: Path
    kind: Kind


class OutputRefused(OSError):
    """An output path the rule refuses; `strerror` says why in both languages, `filename` is the path
    the user gave."""

    def __init__(self, code: int, why: str, given: Path) -> None:
        super().__init__(code, why, str(given))


def is_standard_stream(path: Path | str) -> bool:
    return str(path) == STANDARD_STREAM


def target_of(given: Path | str, owned: Iterable[Path | str] = ()) -> Target:
    """Where `given` leads and how it is written; `OutputRefused` when the rule forbids writing there.

    `owned` are files no output may be or replace (a workspace's database and the files beside it)."""
    given = Path(given)
    if is_standard_stream(given):
        return Target(given, given, Kind.STDOUT)
    path = Path(os.path.realpath(given))
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise OutputRefused(
                errno.ENOENT,
                f"thư mục chứa không tồn tại / its folder does not exist: {path.parent}",
                given,
            ) from None
        _refuse_owned(given, path, None, owned)
        return Target(given, path, Kind.FILE)
    except NotADirectoryError:
        raise OutputRefused(
            errno.ENOTDIR,
            "một phần của đường dẫn không phải thư mục / part of the path is not a folder",
            given,
        ) from None
    except OSError as error:  # a loop of links, a folder that cannot be searched
        raise OutputRefused(error.errno or errno.EINVAL, error.strerror or str(error), given) from None
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise OutputRefused(errno.EISDIR, "đây là thư mục, cần một tệp / a folder, a file is needed", given)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return Target(given, path, Kind.STREAM)
    if stat.S_ISSOCK(mode):
        return Target(given, path, Kind.SOCKET)
    if not stat.S_ISREG(mode):
        raise OutputRefused(errno.EPERM, "thiết bị khối, không ghi / a block device, never written", given)
    _refuse_owned(given, path, status, owned)
    if _is_sqlite_database(path):
        raise OutputRefused(
            errno.EEXIST,
            "đây là một cơ sở dữ liệu SQLite, không ghi đè / an SQLite database, never replaced",
            given,
        )
    return Target(given, path, Kind.FILE)


def _refuse_owned(
    given: Path, path: Path, status: os.stat_result | None, owned: Iterable[Path | str]
) -> None:
    """Refuse a target that is (by its resolved path, or by identity when it exists) a file of `owned`."""
    for file in owned:
        mine = Path(os.path.realpath(file))
        same = mine == path
        if not same and status is not None:
            try:
                theirs = os.stat(mine)
            except OSError:
                continue
            same = (theirs.st_dev, theirs.st_ino) == (status.st_dev, status.st_ino)
        if same:
            raise OutputRefused(
                errno.EPERM,
                f"tệp thuộc không gian làm việc, không ghi đè / a file the workspace owns, never "
                f"replaced: {file}",
                given,
            )


def _is_sqlite_database(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def check_outputs(paths: Iterable[Path | str], owned: Iterable[Path | str] = ()) -> list[Target]:
    """Every output's target, refusing (`OutputRefused`) any the rule forbids or two outputs that lead to
    the same file (two links to one file): a check a command makes before it works, so that a refusal
    costs no solve."""
    owned = list(owned)
    targets = [target_of(path, owned) for path in paths]
    seen: dict[Path, Path] = {}
    for target in targets:
        if target.kind is Kind.STREAM:
            continue  # /dev/null may well be named twice
        if target.path in seen:
            why = f"hai tệp ghi ra cùng một chỗ / two outputs lead to the same file: {seen[target.path]}"
            raise OutputRefused(errno.EINVAL, why, target.given)
        seen[target.path] = target.given
    return targets
