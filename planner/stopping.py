"""Stopping a running solve on request: from a signal handler (Ctrl-C, SIGTERM) or from another thread.

A `StopRequest` is a hook, not a setting: it is passed beside `SolveOptions` (in `SolveHooks`), never in
them, so that the options stay plain, frozen, picklable values. While a search runs under a request,
CP-SAT runs in a worker thread and the calling thread waits for it, so that Python's signal handlers,
which only ever run in the main thread, run during the search; `request()` calls `stop_search()` on
every running search, and the routines above (`planner.solving`, `planner.infeasibility`,
`planner.replan`) start no further search once it is requested.

Nothing here imports CP-SAT: a solver is used through its `solve` and `stop_search` methods only, so the
command line can hold a request before it loads the solver.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


class StopRequest:
    """A request, from outside a solve, to stop searching and keep the best plan found so far.

    `request()` may be called from any thread: it stops every CP-SAT search now running under this
    object, and solves started afterwards return at once, without searching. `on_signals` makes signals
    (Ctrl-C, SIGTERM) request it, as `planner solve` does.
    """

    def __init__(self) -> None:
        self._requested = threading.Event()
        # Re-entrant: a signal handler runs in the main thread, possibly while it holds the lock.
        self._lock = threading.RLock()
        self._running: list[cp_model.CpSolver] = []
        self._searched = False
        self._handler: Callable[[int, object], None] | None = None
        self._signals: tuple[int, ...] = ()

    @property
    def requested(self) -> bool:
        return self._requested.is_set()

    @property
    def searched(self) -> bool:
        """True once a search has started under this request: before that, no plan can exist, so a stop
        loses nothing by ending the command at once (`planner.cli.interrupt`)."""
        return self._searched

    def request(self) -> None:
        self._requested.set()
        with self._lock:
            running = list(self._running)
        for solver in running:
            solver.stop_search()

    @contextmanager
    def on_signals(
        self,
        signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM),
        notify: Callable[[int, int], None] | None = None,
    ) -> Iterator[StopRequest]:
        """Within the block, each of `signals` requests the stop, then calls `notify(signal, count)` (count
        1 for the first signal, 2 for the next...). Main thread only; the previous handlers come back after.

        CP-SAT replaces the SIGINT handler while it solves with `catch_sigint_signal` on (its default) and
        leaves the default action, which kills the process, behind it. So the handlers are installed again
        before each search this object runs (`run`); a search started elsewhere (none runs during a solve's
        main search) may still swallow one Ctrl-C while it lasts.
        """
        count = [0]

        def handle(signum: int, frame: object) -> None:
            count[0] += 1
            self.request()
            if notify is not None:
                notify(signum, count[0])

        previous = {number: signal.getsignal(number) for number in signals}
        self._handler, self._signals = handle, signals
        self._arm()
        try:
            yield self
        finally:
            self._handler, self._signals = None, ()
            for number, handler in previous.items():
                signal.signal(number, handler)

    def _arm(self) -> None:
        """(Re)install the signal handlers of `on_signals`, when active and in the main thread."""
        if self._handler is not None and threading.current_thread() is threading.main_thread():
            for number in self._signals:
                signal.signal(number, self._handler)

    def run(
        self, solver: cp_model.CpSolver, model: cp_model.CpModel, callback=None
    ) -> cp_model.CpSolverStatus:
        """`solver.solve(model, callback)`, stoppable by `request()` while it runs.

        The search runs in a worker thread and this thread waits for it, waking four times a second,
        so that signal handlers (which Python runs in the main thread only) run meanwhile. CP-SAT's own
        Ctrl-C handler is switched off: it would swallow the signal and end the search as if at its time
        limit, unannounced.
        """
        solver.parameters.catch_sigint_signal = False
        self._searched = True
        self._arm()
        outcome: dict[str, object] = {}

        def search() -> None:
            try:
                outcome["status"] = solver.solve(model, callback)
            except BaseException as error:  # re-raised in the caller's thread
                outcome["error"] = error

        with self._lock:
            self._running.append(solver)
        try:
            worker = threading.Thread(target=search, name="cp-sat", daemon=True)
            worker.start()
            while worker.is_alive():
                worker.join(0.25)
                if self.requested:  # also covers a request made before the search had begun
                    solver.stop_search()
        finally:
            with self._lock:
                self._running.remove(solver)
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["status"]  # type: ignore[return-value]


def run_search(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    stop: StopRequest | None,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> cp_model.CpSolverStatus:
    """One CP-SAT search, stoppable by `stop` when there is one."""
    if stop is None:
        return solver.solve(model, callback)
    return stop.run(solver, model, callback)
