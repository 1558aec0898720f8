"""Output files appear whole or not at all (CONTRACT §4), with the permissions the user's umask gives.

A command that writes several files writes all of them or none, in two steps:

1. Stage: every file is written to a temporary file in its target's own folder (so that the rename
   below stays within one file system). A failure here (a folder that does not exist or refuses
   writes, a full disk) leaves nothing behind: the staged files are removed.
2. Commit: each staged file is renamed over its target, and a file that stood there before is first
   kept aside under a temporary name. A failure here (a directory standing at a target's path, a
   read-only target) undoes every rename already made: the new files are removed and the old ones put
   back. Only a failure of the undo itself (the disk gone meanwhile) can leave a file changed.

The `OSError` raised names the target that failed in `filename`, never a temporary file's name: the
message a user reads is about the file they asked for.

`mkstemp` creates files readable by their owner only; a plan or report is meant to be shared, so the
temporary file gets the mode an ordinary `open` would give before it is renamed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _for_target(error: OSError, target: Path) -> OSError:
    """The same error, naming `target` (the file the user asked for) instead of a temporary file."""
    if error.errno is None:
        error.filename = str(target)
        return error
    named = type(error)(error.errno, error.strerror, str(target))
    named.__cause__ = error
    return named


def _temporary_beside(target: Path, tag: str) -> Path:
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=tag)
    os.close(descriptor)
    return Path(temporary)


def _stage(writers: dict[Path, Callable[[Path], None]]) -> list[tuple[Path, Path]]:
    """Write every file to a temporary file beside its target: (temporary, target) pairs, or none."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, write in writers.items():
            try:
                temporary = _temporary_beside(target, ".tmp")
            except OSError as error:
                raise _for_target(error, target) from None
            staged.append((temporary, target))
            try:
                write(temporary)
                os.chmod(temporary, _umask_mode())
            except OSError as error:
                raise _for_target(error, target) from None
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    return staged


def _commit(staged: list[tuple[Path, Path]]) -> None:
    """Rename every staged file over its target; on any failure undo the renames made (see above)."""
    done: list[tuple[Path, Path | None]] = []  # (target, where the file it replaced was kept)
    try:
        for temporary, target in staged:
            try:
                kept = _keep_aside(target)
            except OSError as error:
                raise _for_target(error, target) from None
            try:
                os.replace(temporary, target)
            except OSError as error:
                if kept is not None:  # the target is untouched: its copy is not needed
                    kept.unlink(missing_ok=True)
                raise _for_target(error, target) from None
            done.append((target, kept))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for target, kept in reversed(done):
            with contextlib.suppress(OSError):
                if kept is None:
                    target.unlink()
                else:
                    os.replace(kept, target)
        raise
    for _, kept in done:
        if kept is not None:
            kept.unlink(missing_ok=True)


def _keep_aside(target: Path) -> Path | None:
    """A regular file at `target` is hard-linked to a temporary name beside it (to be put back if the
    commit fails, removed when it succeeds); None when nothing stands there. Anything else standing at the
    path (a directory) is left for the rename to refuse."""
    if not target.is_file() or target.is_symlink():
        return None
    kept = _temporary_beside(target, ".old")
    kept.unlink()
    try:
        os.link(target, kept)
    except OSError:  # a file system without hard links: a copy instead
        shutil.copy2(target, kept)
    return kept


def write_files_atomically(writers: dict[Path, Callable[[Path], None]]) -> None:
    """Call each writer on a temporary path beside its target, then rename them all into place: every
    target is written, or none is changed. Raises the `OSError` of the first failure, with the target's
    path in `filename`."""
    _commit(_stage({Path(target): write for target, write in writers.items()}))


def write_all_atomically(texts: dict[Path, str]) -> None:
    """Write several UTF-8 text files, all or none."""
    write_files_atomically(
        {
            path: (lambda temporary, text=text: temporary.write_text(text, encoding="utf-8"))
            for path, text in texts.items()
        }
    )


def write_atomically(path: Path, text: str) -> None:
    """Write one UTF-8 text file whole or not at all."""
    write_all_atomically({Path(path): text})
