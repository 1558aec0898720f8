"""Re-solves and re-plans asked for from the browser, run in the background with progress and cancel.

Each job runs in a process of its own (`planner.web.children`), so pages keep answering while it runs
and a solve that fails hard cannot take the server down. The child opens the
workspace itself and calls the same `Workspace` method the command line does (`solve` with the
what-ifs, or `replan`), as the user who asked: the roles and the one-transaction write hold as they do
everywhere. It reports each stage as it starts (`SolveHooks.on_stage`: building the model, searching,
the independent check, storing) and each improving solution (best, the bound when comparable, elapsed) through a queue; cancelling sets
a flag in shared memory that the child polls and turns into the solve's `StopRequest`, and a stopped job
stores nothing. The flag has no lock (a byte, written by the server only): a lock held by a child that
ended could block the server for ever.

Jobs live in the server's memory only: the plans they make are in the workspace, the jobs are not.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from planner import Change, InputError, PlanRejected, SolveHooks, SolveOptions, StopRequest
from planner.web.children import CONTEXT, Child
from planner.workspace import Workspace, WorkspaceError

#: How many jobs may run at once: a solve already uses the machine's cores.
MAX_RUNNING = 1
#: How often a job looks at its cancel flag.
CANCEL_POLL_SECONDS = 0.1
#: Finished jobs kept for their pages (the plans they made are in the workspace for good).
KEPT_FINISHED = 100


@dataclass
class Job:
    id: int
    kind: str  # whatif | replan
    user: str
    plan_id: int
    started: float = field(default_factory=time.monotonic)
    state: str = "starting"  # starting | running | done | failed | cancelled
    best: float | None = None
    bound: float | None = None
    elapsed: float = 0.0
    #: The stage running, in words (`planner.wording.steps`), "" before the first.
    step: str = ""
    #: The plans the job stored, best first (a re-plan stores one).
    made: list[int] = field(default_factory=list)
    message: str = ""
    cancel: Any = None  # the shared byte the child polls: 1 once cancelled

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed", "cancelled")

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "plan": self.plan_id,
            "state": self.state,
            "best": self.best,
            "bound": self.bound,
            "elapsed": round(self.elapsed if self.finished else time.monotonic() - self.started, 1),
            "step": "" if self.finished else self.step,
            "made": self.made,
            "message": self.message,
        }


@dataclass(frozen=True)
class WhatIf:
    """A re-solve of a plan's version under these what-ifs (pins, forbids, waivers, a repair)."""

    what_if: tuple[Change, ...]
    kind: ClassVar[str] = "whatif"


@dataclass(frozen=True)
class Replan:
    """A re-plan of a plan as of a start date (`planner ws replan`)."""

    as_of: str
    change_cost: float | None = None
    kind: ClassVar[str] = "replan"


class Busy(Exception):
    """Another job is running: one at a time."""


class JobRunner:
    """Starts jobs in child processes and keeps their progress for the pages to show."""

    def __init__(
        self, url: str, options: SolveOptions, prepare: Callable[[list[int]], None] | None = None
    ) -> None:
        """`options`: the searches' settings (time limit, workers, seed); each job adds its own stop and
        progress hooks. `prepare`: called with the plans a job stored before it is said done (the app
        makes their page content then, so the page the job opens answers at once)."""
        self.url, self.options, self.prepare = url, options, prepare
        self._jobs: dict[int, Job] = {}
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def start(self, user: str, plan_id: int, asked: WhatIf | Replan) -> Job:
        """A new job; `Busy` while another one runs."""
        with self._lock:
            if sum(not job.finished for job in self._jobs.values()) >= MAX_RUNNING:
                raise Busy
            job = Job(next(self._numbers), asked.kind, user, plan_id, cancel=CONTEXT.RawValue("b", 0))
            self._jobs[job.id] = job
            finished = [j.id for j in self._jobs.values() if j.finished]
            for old in finished[: max(0, len(finished) - KEPT_FINISHED)]:
                del self._jobs[old]
        child = Child(run_job, self.url, user, plan_id, asked, self.options, job.cancel)
        child.start()
        threading.Thread(target=self._follow, args=(job, child), daemon=True).start()
        return job

    def get(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def cancel(self, job: Job) -> None:
        """Ask the job to stop; a job that has finished is left as it is."""
        if not job.finished:
            job.cancel.value = 1

    def wait(self, job: Job, timeout: float) -> bool:
        """For tests and shutdown: True once the job has finished."""
        deadline = time.monotonic() + timeout
        while not job.finished and time.monotonic() < deadline:
            time.sleep(0.05)
        return job.finished

    def shutdown(self) -> None:
        for job in list(self._jobs.values()):
            self.cancel(job)

    def _follow(self, job: Job, child: Child) -> None:
        """Follows the child's reports until it ends; a child that dies without a word failed."""
        if not child.follow(lambda report: self._take(job, report)) and not job.finished:
            job.state, job.message = "failed", "tiến trình giải đã dừng / the solve process died"
            job.elapsed = time.monotonic() - job.started

    def _take(self, job: Job, report: tuple[Any, ...]) -> bool:
        """One report of the child into the job; True for its final one."""
        kind = report[0]
        if kind == "progress":
            job.state = "running"
            job.best, job.bound, job.elapsed = _number(report[1]), _number(report[2]), report[3]
            return False
        if kind == "stage":
            job.state, job.step = "running", report[1]
            return False
        job.elapsed = time.monotonic() - job.started
        if kind == "done":
            if self.prepare is not None and report[1]:
                self.prepare(list(report[1]))
            job.made = list(report[1])
            job.state = "cancelled" if job.cancel.value and not job.made else "done"
        else:
            job.state, job.message = "failed", str(report[1])
        return True


def run_job(
    url: str,
    user: str,
    plan_id: int,
    asked: WhatIf | Replan,
    options: SolveOptions,
    cancel,
    queue,
) -> None:
    """The child process: the workspace's solve (`WhatIf`) or re-plan (`Replan`), its progress and
    outcome sent to `queue`."""
    queue.put(("progress", None, None, 0.0))
    stop = StopRequest()
    threading.Thread(target=_stop_when_cancelled, args=(cancel, stop), daemon=True).start()
    hooks = SolveHooks(
        on_progress=lambda p: queue.put(("progress", p.objective, p.comparable_bound, p.elapsed)),
        on_stage=lambda s: queue.put(("stage", f"{s.step_vi} / {s.step_en}")),
        stop=stop,
    )
    workspace = Workspace.open(url)
    try:
        if isinstance(asked, Replan):
            record, _ = workspace.replan(user, plan_id, asked.as_of, options, asked.change_cost, hooks=hooks)
            made = [record.id] if record is not None else []
        else:
            stored = workspace.solve(user, options, what_if=asked.what_if, from_plan=plan_id, hooks=hooks)
            made = [record.id for record in stored]
        if not made and not cancel.value:
            queue.put(("failed", "không tìm được phương án trong giới hạn / no plan found within the limit"))
            return
        queue.put(("done", made))
    except (WorkspaceError, InputError, PlanRejected) as error:
        queue.put(("failed", str(error)))
    except Exception as error:
        queue.put(("failed", f"lỗi nội bộ / internal error ({type(error).__name__})"))
    finally:
        workspace.dispose()


def _number(value: float | None) -> float | None:
    """A progress figure, None while there is none (a bound reported before the first solution comes
    with the objective NaN, which JSON cannot carry and a page would show as `nan`)."""
    return value if value is not None and math.isfinite(value) else None


def _stop_when_cancelled(cancel, stop: StopRequest) -> None:
    while not cancel.value:
        time.sleep(CANCEL_POLL_SECONDS)
    stop.request()
