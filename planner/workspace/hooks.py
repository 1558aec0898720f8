"""Test hooks: pauses at named points of a write, so that tests can race two processes or kill one.

`PLANNER_WS_TEST_PAUSE=point:seconds` sleeps at `point`; `PLANNER_WS_TEST_BARRIER=folder:count` makes
each process that reaches `after_read` leave a file in `folder` and wait (up to 30 s) until `count`
files are there, so that two processes both read the same state before either writes. The points:
`after_read` (the state is read, the write lock not yet taken) and `before_commit` (every row written,
the transaction still open). `PLANNER_WS_TEST_MARK=file` is created when a pause begins, so that a test
knows the process is there. Unset, they cost one dictionary look-up.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

_PAUSE = "PLANNER_WS_TEST_PAUSE"
_BARRIER = "PLANNER_WS_TEST_BARRIER"
_MARK = "PLANNER_WS_TEST_MARK"


def reached(point: str) -> None:
    if point == "after_read" and os.environ.get(_BARRIER):
        _wait_at_barrier(os.environ[_BARRIER])
    pause = os.environ.get(_PAUSE)
    if pause:
        name, _, seconds = pause.partition(":")
        if name == point:
            if os.environ.get(_MARK):
                Path(os.environ[_MARK]).touch()
            time.sleep(float(seconds))


def _wait_at_barrier(setting: str) -> None:
    folder, _, count = setting.rpartition(":")
    Path(folder, f"{os.getpid()}.ready").touch()
    deadline = time.monotonic() + 30
    while len(list(Path(folder).glob("*.ready"))) < int(count) and time.monotonic() < deadline:
        time.sleep(0.02)
