"""The `planner` entry point: Ctrl-C and SIGTERM are caught from the process's first instant.

Importing the command line (OR-Tools, pandas, plotly) takes seconds. A signal in that time would
otherwise kill the process (SIGTERM, exit -15) or print a traceback (Ctrl-C). Here the signals are
caught before anything heavy is imported: one that comes during the imports ends the command at once
with exit 130 and nothing written; then each command handles them its own way (`planner.cli.interrupt`
for `solve`).
"""

from __future__ import annotations

import os
import signal

#: Exit status of a command stopped on request (as `planner.cli.console.EXIT_INTERRUPTED`, which this
#: light module cannot import without the imports it exists to precede).
_EXIT_INTERRUPTED = 130
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_STOPPED = "\nDừng theo yêu cầu trước khi bắt đầu, không ghi tệp nào / Stopped on request before starting, nothing written\n"


def _stop_at_once(signum: int, frame: object) -> None:
    # Nothing can have been written yet: only modules are being imported.
    os.write(2, _STOPPED.encode())
    os._exit(_EXIT_INTERRUPTED)


def main() -> None:
    """Catch the signals, import the command line, then run it under its own handlers."""
    previous = {number: signal.signal(number, _stop_at_once) for number in _SIGNALS}
    from planner.cli.app import main as run_command_line  # deferred on purpose: after the handlers

    for number, handler in previous.items():
        signal.signal(number, handler)
    run_command_line()
