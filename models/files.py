"""Input files read whole, but never more than a bound (`models.limits`): a file that is too large is bad
input, named, before it is parsed; its size is not trusted from the file system either (a pipe or a
device has none), only what reading finds.

The path `-` is standard input (`planner solve - -o plan.json < s.yaml`); a file it names (a scenario's
cadre table) is then found from the current folder, as `Path("-").parent` is `.`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from models.errors import InputError, InputProblem


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of `path`; `InputError` when it is missing, unreadable or larger than `limit` bytes."""
    file = str(path)
    try:
        if file == "-":
            content = sys.stdin.buffer.read(limit + 1)
        else:
            with path.open("rb") as stream:
                content = stream.read(limit + 1)
    except FileNotFoundError:
        raise InputError([InputProblem(file, "", "không tìm thấy tệp / file not found")]) from None
    except IsADirectoryError:
        raise InputError(
            [InputProblem(file, "", "đây là thư mục, không phải tệp / a folder, not a file")]
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        message = f"không đọc được tệp / cannot read the file: {reason}"
        raise InputError([InputProblem(file, "", message)]) from None
    if len(content) > limit:
        raise InputError([InputProblem(file, "", too_large(limit))])
    return content


def too_large(limit: int) -> str:
    megabytes = limit // (1024 * 1024)
    return f"tệp lớn hơn {megabytes} MB, quá giới hạn đọc / the file is larger than {megabytes} MB, past the limit"
