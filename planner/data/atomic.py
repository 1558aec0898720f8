"""Output files appear whole or not at all (CONTRACT §4), with the permissions the user's umask gives.

Each file is written to a temporary file in its own folder and renamed over the target; with several files,
every temporary file is written before the first rename, so a failure while writing leaves no output.
`mkstemp` creates files readable by their owner only; a plan or report is meant to be shared, so the
temporary file gets the mode an ordinary `open` would give before it is renamed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_files_atomically(writers: dict[Path, Callable[[Path], None]]) -> None:
    """Call each writer on a temporary path beside its target, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, write in writers.items():
            target = Path(target)
            descriptor, temporary = tempfile.mkstemp(
                dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp"
            )
            os.close(descriptor)
            staged.append((Path(temporary), target))
            write(Path(temporary))
            os.chmod(temporary, _umask_mode())
        for temporary, target in staged:
            os.replace(temporary, target)
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise


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
