"""Output files appear whole or not at all (CONTRACT §4), and nothing but a regular file is ever replaced.

Every command writes through `write_files_atomically`, which follows the output rule of
`planner.data.targets`: each target is checked first (a folder, a missing folder, a workspace's file or
an SQLite database is refused, writing nothing); then the regular files are written all or none, in two
steps, and the streams (standard output, a device, a FIFO, a socket) are written into between them:

1. Stage: every regular file is written to a temporary file in its target's own folder (so that the
   rename below stays within one file system). A failure here (a folder that refuses writes, a full
   disk) leaves nothing behind: the staged files are removed.
2. Streams: each stream target gets its bytes, written first to a private temporary file (so that a
   writer that fails half-way sends nothing), then copied into the stream. A stream cannot be taken
   back, so this comes after every regular file is staged and before any is renamed into place: a
   failure here still leaves every regular file as it was.
3. Commit: each staged file is renamed over its target (a link's target: the link stays), and a file
   that stood there before is first kept aside under a temporary name. A failure here (something other
   than a regular file put at the path meanwhile, a read-only target) undoes every rename already made:
   the new files are removed and the old ones put back. Only a failure of the undo itself (the disk gone
   meanwhile) can leave a file changed.

The `OSError` raised names the path the user gave in `filename`, never a temporary file's name.

A file that existed keeps its permission bits (and, for root, its owner); a new file gets the mode an
ordinary `open` gives under the user's umask (`umask 077` keeps outputs private). `mkstemp` creates files
readable by their owner only, so the staged file is given that mode before it is renamed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import socket
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from planner.data.targets import Kind, OutputRefused, Target, check_outputs

Writer = Callable[[Path], object]


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _for_target(error: OSError, given: Path) -> OSError:
    """The same error, naming `given` (the path the user asked for) instead of a temporary file."""
    if isinstance(error, OutputRefused):
        return error
    if error.errno is None:
        error.filename = str(given)
        return error
    named = type(error)(error.errno, error.strerror, str(given))
    named.__cause__ = error
    return named


def _temporary_beside(target: Path, tag: str) -> Path:
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=tag)
    os.close(descriptor)
    return Path(temporary)


def _give_mode_of(temporary: Path, target: Path) -> None:
    """The mode (and, as root, the owner) of the file at `target`, or the umask's mode for a new file."""
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        os.chmod(temporary, _umask_mode())
        return
    os.chmod(temporary, stat.S_IMODE(existing.st_mode))
    if os.geteuid() == 0:
        with contextlib.suppress(OSError):
            os.chown(temporary, existing.st_uid, existing.st_gid)


def _stage(files: list[tuple[Target, Writer]]) -> list[tuple[Path, Target]]:
    """Write every regular file to a temporary file beside its target: (temporary, target) pairs, or none."""
    staged: list[tuple[Path, Target]] = []
    try:
        for target, write in files:
            try:
                temporary = _temporary_beside(target.path, ".tmp")
            except OSError as error:
                raise _for_target(error, target.given) from None
            staged.append((temporary, target))
            try:
                write(temporary)
                _give_mode_of(temporary, target.path)
            except OSError as error:
                raise _for_target(error, target.given) from None
    except BaseException:
        _remove(temporary for temporary, _ in staged)
        raise
    return staged


def _remove(temporaries: Iterable[Path]) -> None:
    for temporary in temporaries:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _commit(staged: list[tuple[Path, Target]]) -> None:
    """Rename every staged file over its target; on any failure undo the renames made (see above)."""
    done: list[tuple[Path, Path | None]] = []  # (target, where the file it replaced was kept)
    try:
        for temporary, target in staged:
            try:
                kept = _keep_aside(target)
            except OSError as error:
                raise _for_target(error, target.given) from None
            try:
                os.replace(temporary, target.path)
            except OSError as error:
                if kept is not None:  # the target is untouched: its copy is not needed
                    kept.unlink(missing_ok=True)
                raise _for_target(error, target.given) from None
            done.append((target.path, kept))
    except BaseException:
        _remove(temporary for temporary, _ in staged)
        for path, kept in reversed(done):
            with contextlib.suppress(OSError):
                if kept is None:
                    path.unlink()
                else:
                    os.replace(kept, path)
        raise
    for _, kept in done:
        if kept is not None:
            kept.unlink(missing_ok=True)


def _keep_aside(target: Target) -> Path | None:
    """A regular file at the target is hard-linked to a temporary name beside it (to be put back if the
    commit fails, removed when it succeeds); None when nothing stands there. Anything else standing there
    now (a device, a FIFO, a folder put there since the check) is refused: it is never replaced."""
    try:
        mode = os.lstat(target.path).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        raise OutputRefused(
            errno.EEXIST,
            "có thứ khác không phải tệp ở đường dẫn này, không thay thế / something other than a file "
            "stands at this path, never replaced",
            target.given,
        )
    kept = _temporary_beside(target.path, ".old")
    kept.unlink()
    try:
        os.link(target.path, kept)
    except OSError:  # a file system without hard links: a copy instead
        shutil.copy2(target.path, kept)
    return kept


def _write_streams(streams: list[tuple[Target, Writer]]) -> None:
    """Each writer's whole output into its stream; nothing is sent for a writer that fails."""
    for target, write in streams:
        descriptor, name = tempfile.mkstemp(prefix=".planner-output.")
        os.close(descriptor)
        bytes_file = Path(name)
        try:
            write(bytes_file)
            with bytes_file.open("rb") as source:
                _send(target, source)
        except OSError as error:
            raise _for_target(error, target.given) from None
        finally:
            bytes_file.unlink(missing_ok=True)


def _send(target: Target, source) -> None:
    if target.kind is Kind.STDOUT:
        sys.stdout.flush()
        try:
            shutil.copyfileobj(source, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            # The reader went away (`| head`): nothing more can reach it, and Python's own flush at exit
            # must not fail on the same pipe.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise
    elif target.kind is Kind.SOCKET:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(str(target.path))
            connection.sendall(source.read())
    else:  # opened as it is: never created, never truncated (a device or a FIFO has nothing to cut)
        with os.fdopen(os.open(target.path, os.O_WRONLY | os.O_NOCTTY), "wb") as stream:
            shutil.copyfileobj(source, stream)


def write_files_atomically(writers: dict[Path, Writer], owned: Iterable[Path | str] = ()) -> None:
    """Call each writer on a temporary path, then put every output in place by the output rule (module
    docstring): every regular target is written, or none is changed. Raises the `OSError` of the first
    failure (an `OutputRefused` for a path the rule refuses), with the user's path in `filename`.
    `owned` are files no output may be or replace (`planner.data.targets`)."""
    writers = {Path(given): write for given, write in writers.items()}
    targets = check_outputs(writers, owned)
    files = [(t, writers[t.given]) for t in targets if t.kind is Kind.FILE]
    streams = [(t, writers[t.given]) for t in targets if t.kind is not Kind.FILE]
    staged = _stage(files)
    try:
        _write_streams(streams)
    except BaseException:
        _remove(temporary for temporary, _ in staged)
        raise
    _commit(staged)


def write_all_atomically(texts: dict[Path, str], owned: Iterable[Path | str] = ()) -> None:
    """Write several UTF-8 text files, all or none."""
    write_files_atomically({path: _text_writer(text) for path, text in texts.items()}, owned)


def _text_writer(text: str) -> Writer:
    return lambda temporary: temporary.write_text(text, encoding="utf-8")


def write_atomically(path: Path, text: str) -> None:
    """Write one UTF-8 text file whole or not at all."""
    write_all_atomically({Path(path): text})


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write one binary file (a workbook saved to memory) whole or not at all."""
    write_files_atomically({Path(path): lambda temporary: temporary.write_bytes(data)})
