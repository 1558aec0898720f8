"""Plans' page content made before anyone asks: the newest plans' when the server starts, a job's
plans before the job is said done.

A plan page's content is made once per plan (`plan_view`), but the first reader of a plan after the
server started waited for all of it: the merged city's scenario read from the database (its YAML parsed:
about a second), the checker, the key figures and the figures; 2.6 s to the first paint, over the 2 s
issue 23 asks for (docs/benchmarks.md). A thread of the server makes the newest `WARMED` plans' content
as soon as it starts, through the same `Recent` the pages read: a reader who asks while it is being made
waits for that making, never for a second one. It stops between plans when the server shuts down; a plan
whose content cannot be made is left for its page to report. A re-solve's or re-plan's job makes its
plans' content before it says it is done (`JobRunner.prepare`): the job page then opens a page that
answers at once, and the wait is shown where it belongs, with the job's progress.
"""

from __future__ import annotations

import logging
import threading
from functools import partial

from planner.web.plan_view import plan_view
from planner.web.state import WebState

#: How many of the newest plans are made ready at start.
WARMED = 4
log = logging.getLogger("planner.web")


def make_ready(state: WebState, plan_ids: list[int], stop: threading.Event | None = None) -> None:
    """Make the plans' page content (kept in `state.views`), in order, until `stop` is set; a plan
    whose content cannot be made is left for its page to report."""
    for plan_id in plan_ids:
        if stop is not None and stop.is_set():
            return
        try:
            state.views.get(plan_id, partial(plan_view, state.workspace, plan_id))
        except Exception as error:  # its page reports it; the server goes on
            log.warning("plan %s not made ready: %s", plan_id, type(error).__name__)


class Warmer:
    """The thread making the newest plans' content; `stop` asks it to end after the plan it is on."""

    def __init__(self, state: WebState, count: int = WARMED) -> None:
        self.state, self.count = state, count
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="planner-warm", daemon=True)

    def start(self) -> Warmer:
        self._thread.start()
        return self

    def _run(self) -> None:
        newest = [summary.id for summary in self.state.workspace.plans()][-self.count :]
        make_ready(self.state, list(reversed(newest)), self._stop)

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)
