"""Work the web app hands to a child process: started, and followed report by report.

Solves, re-plans and why-not answers each run in a process of their own (multiprocessing, `spawn`):
the search's Python work (building a merged city's model takes seconds) then never holds the server's
interpreter lock, so pages keep answering, and a child that fails hard cannot take the server down. The
child sends tuples `(kind, ...)` through a queue; the server's side reads them here and hands each to
the runner that started it (`jobs.JobRunner`, `why_not.WhyNotRunner`), until a final report or the
child's end without one.

Both runners share one `SolverTurn`: a solve already uses the machine's cores, so a second search at the
same time would only slow both. A job the user started waits for nothing (it is refused while the turn
is taken, and says why); a why-not answer waits its turn in a queue.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
from collections.abc import Callable
from typing import Any

CONTEXT = multiprocessing.get_context("spawn")
#: How long the server waits for a child that has sent its final report to end.
JOIN_SECONDS = 10


class Child:
    """One child process and the queue it reports through."""

    def __init__(self, target: Callable[..., None], *args: Any) -> None:
        self.reports = CONTEXT.Queue()
        self.process = CONTEXT.Process(target=target, args=(*args, self.reports), daemon=True)

    def start(self) -> None:
        self.process.start()

    def terminate(self) -> None:
        if self.process.is_alive():
            self.process.terminate()

    def follow(self, on_report: Callable[[tuple[Any, ...]], bool]) -> bool:
        """Hands each report to `on_report` until it says the report was final (True), then joins the
        child. False when the child ended without a final report: the caller says it failed."""
        try:
            while True:
                try:
                    report = self.reports.get(timeout=0.5)
                except queues.Empty:
                    if not self.process.is_alive():
                        return False
                    continue
                if on_report(report):
                    return True
        finally:
            self.process.join(timeout=JOIN_SECONDS)
