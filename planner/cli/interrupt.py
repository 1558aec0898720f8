"""Ctrl-C and SIGTERM during `planner solve` and `planner replan`: stop within seconds, keep the best plan
found, exit 130.

While `stop_on_signals` is active, the first SIGINT or SIGTERM requests the `StopRequest` the command runs
under (`planner.stopping`): CP-SAT stops at once, no later phase or solve starts, and the command writes the
best plan found (marked `interrupted`) or nothing. Before the first search has started (loading the
scenario, building the model: minutes of work on a large one) no plan can exist yet, so the first signal
ends the process at once, exit 130, nothing written. A second signal ends the process at once with exit
130 and writes nothing. Files are only ever written after the solve, each whole or not at all
(`planner.data.atomic`), so no partial file can result either way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from planner import StopRequest
from planner.cli.console import EXIT_INTERRUPTED

_STOPPING = (
    "\nĐang dừng theo yêu cầu: giữ phương án tốt nhất đã tìm được (nhấn lần nữa để thoát ngay, không ghi gì) / "
    "Stopping on request: keeping the best plan found so far (again to quit at once, writing nothing)\n"
)
_ABORTED = "\nDừng ngay, không ghi tệp nào / Stopped at once, nothing written\n"
_BEFORE_SEARCH = (
    "\nDừng theo yêu cầu trước khi tìm kiếm, chưa có phương án nào: không ghi tệp nào / "
    "Stopped on request before any search, no plan yet: nothing written\n"
)


def _notifier(stop: StopRequest) -> Callable[[int, int], None]:
    def notify(signum: int, count: int) -> None:
        # os.write, not the rich console: a signal handler may interrupt a print in progress.
        if count == 1 and stop.searched:
            os.write(2, _STOPPING.encode())
            return
        os.write(2, (_ABORTED if count > 1 else _BEFORE_SEARCH).encode())
        os._exit(EXIT_INTERRUPTED)

    return notify


@contextmanager
def stop_on_signals(stop: StopRequest) -> Iterator[StopRequest]:
    """Within the block, SIGINT and SIGTERM request `stop` (or end the process while no search has
    started); a second one exits 130 at once."""
    with stop.on_signals(notify=_notifier(stop)):
        yield stop
