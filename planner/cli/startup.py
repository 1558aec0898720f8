"""The `planner` entry point: Ctrl-C and SIGTERM are caught from the process's first instant.

The command line imports the library a command needs when the command starts (OR-Tools, numpy,
SQLAlchemy: up to a second or more on a busy machine). A signal while modules are being imported would
otherwise kill the process (SIGTERM, exit -15) or print a traceback (Ctrl-C). So the handlers installed
here, before anything else is imported, end the command at once with exit 130 when a signal comes before
a command has begun (the command line is still being built and its arguments read) or during an import: nothing can have been written yet, since each command imports what it needs before it writes
(a database write not yet committed is rolled back). The one exception is an import made while files are
being written (`planner.data.atomic`, the only writer: a library may import lazily as it renders): the
signal then acts as below, so that the writer removes what it staged. At any other moment the handlers do
what Python would have done without them (Ctrl-C raises KeyboardInterrupt, SIGTERM ends the process), and
a command that handles the signals its own way replaces them while it runs (`planner.cli.interrupt` for
`solve` and `replan`); a KeyboardInterrupt that reaches `planner.cli.app.main` ends the command with exit
130 and one line, never a traceback.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

#: Exit status of a command stopped on request (as `planner.cli.console.EXIT_INTERRUPTED`, which this
#: light module cannot import without the imports it exists to precede).
_EXIT_INTERRUPTED = 130
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_STOPPED = "\nDừng theo yêu cầu trước khi bắt đầu, không ghi tệp nào / Stopped on request before starting, nothing written\n"
#: The import machinery's own frames, which stand below a module's code while it is being imported.
_IMPORT_FRAMES = "<frozen importlib._bootstrap"
#: The module every output file is written through, whole or not at all.
_WRITER = "planner.data.atomic"
#: The command line's modules: a frame of one of them, other than its entry function, is a command running.
_COMMANDS = "planner.cli."
_ENTRY = "main"

_previous: dict[int, signal.Handlers | object] = {}


def _stops_at_once(frame: FrameType | None) -> bool:
    """True before any command has begun, or when the interrupted code runs under an import statement (at
    any depth) and no file is being written."""
    importing = begun = False
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        if module == _WRITER:
            return False
        begun = begun or (module.startswith(_COMMANDS) and frame.f_code.co_name != _ENTRY)
        importing = importing or frame.f_code.co_filename.startswith(_IMPORT_FRAMES)
        frame = frame.f_back
    return importing or not begun


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if _stops_at_once(frame):
        os.write(2, _STOPPED.encode())
        os._exit(_EXIT_INTERRUPTED)
    previous = _previous.get(signum, signal.SIG_DFL)
    if callable(previous):  # SIGINT's default: KeyboardInterrupt
        previous(signum, frame)
    elif previous == signal.SIG_DFL:  # the default action (SIGTERM: the process ends by the signal)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


def main() -> None:
    """Catch the signals, then import the command line and run it."""
    for number in _SIGNALS:
        _previous[number] = signal.signal(number, _on_signal)
    from planner.cli.app import main as run_command_line  # deferred on purpose: after the handlers

    run_command_line()
