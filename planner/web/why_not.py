"""The cadre page's "why not the better post", worked out in the background and kept per plan and cadre.

The answer is the command line's (`planner explain`'s why-not): each eligible post that could score above
the cadre's placement (at most `planner.analysis` `MAX_ALTERNATIVES`, best first) is forced with a pin
and the plan solved again; what the plan gives up is the answer. That is several solves, too long for a
request, so it runs as a job: one at a time, in a process of its own (`planner.web.children`, as the
solve jobs do), the others waiting their turn in a queue. The
child reports each re-solve as it starts (which post, of how many), and the answer when done. A stored
plan never changes, so an answer is kept by (plan, cadre) for every reader after (the most recent
`KEPT` answers, in the server's memory): the next reader sees the table at once. A failed one may be
asked again. Nothing is written to the workspace.

The re-solves read the scenario the plan was made under (its variant's overrides and what-ifs,
`plan_scenario`) with the server's solve settings, so a re-solve stopped by its limit is said as such
(its status), never as the best.
"""

from __future__ import annotations

import queue as queues
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from planner import InputError, SolveOptions
from planner.analysis import ForcedAlternative, force_post, plan_scenario, posts_to_force
from planner.web.children import Child
from planner.workspace import Workspace, WorkspaceError

#: Answers (and jobs under way) kept, the most recently asked.
KEPT = 256
#: Jobs that may wait their turn at once; more is refused until some are done.
MAX_WAITING = 16


class TooMany(Exception):
    """`MAX_WAITING` jobs already wait their turn."""


@dataclass
class WhyNotJob:
    plan_id: int
    cadre: str
    state: str = "queued"  # queued | running | done | failed
    #: How many posts are forced in all (known once the job runs), how many are done, and the one now.
    total: int | None = None
    done: int = 0
    step: str | None = None
    started: float | None = None
    elapsed: float = 0.0
    base_objective: float | None = None
    forced: list[ForcedAlternative] = field(default_factory=list)
    message: str = ""

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    def seconds(self) -> float:
        """The seconds it ran (so far, while running)."""
        if self.started is not None and not self.finished:
            return time.monotonic() - self.started
        return self.elapsed

    def as_json(self) -> dict[str, object]:
        """Its progress, for the page's script: ids and numbers only."""
        return {
            "plan": self.plan_id,
            "cadre": self.cadre,
            "state": self.state,
            "total": self.total,
            "done": self.done,
            "step": self.step,
            "elapsed": round(self.seconds(), 1),
        }


class WhyNotRunner:
    """Runs the why-not jobs one at a time, in child processes, and keeps their answers."""

    def __init__(self, url: str, options: SolveOptions) -> None:
        self.url, self.options = url, options
        self._jobs: OrderedDict[tuple[int, str], WhyNotJob] = OrderedDict()
        self._waiting: queues.Queue[WhyNotJob | None] = queues.Queue()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._child: Child | None = None
        self._closed = False

    def get(self, plan_id: int, cadre: str) -> WhyNotJob | None:
        with self._lock:
            return self._jobs.get((plan_id, cadre))

    def start(self, plan_id: int, cadre: str) -> WhyNotJob:
        """The job of this plan and cadre: the one kept (done, under way or waiting), or a new one in the
        queue (none yet, or the last failed); `TooMany` when the queue is full."""
        key = (plan_id, cadre)
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.state != "failed":
                self._jobs.move_to_end(key)
                return job
            if sum(j.state == "queued" for j in self._jobs.values()) >= MAX_WAITING:
                raise TooMany
            job = WhyNotJob(plan_id, cadre)
            self._jobs[key] = job
            self._jobs.move_to_end(key)
            finished = [k for k, j in self._jobs.items() if j.finished]
            for old in finished[: max(0, len(self._jobs) - KEPT)]:
                del self._jobs[old]
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, daemon=True)
                self._worker.start()
        self._waiting.put(job)
        return job

    def wait(self, job: WhyNotJob, timeout: float) -> bool:
        """For tests: True once the job has finished."""
        deadline = time.monotonic() + timeout
        while not job.finished and time.monotonic() < deadline:
            time.sleep(0.05)
        return job.finished

    def shutdown(self) -> None:
        """No job starts after this; the one running is ended (it writes nothing)."""
        self._closed = True
        self._waiting.put(None)
        child = self._child
        if child is not None:
            child.terminate()

    def _work(self) -> None:
        while (job := self._waiting.get()) is not None and not self._closed:
            self._run(job)

    def _run(self, job: WhyNotJob) -> None:
        job.state, job.started = "running", time.monotonic()
        child = Child(run_why_not, self.url, job.plan_id, job.cadre, self.options)
        self._child = child
        child.start()
        try:
            if not child.follow(lambda report: _take(job, report)):
                job.state, job.message = "failed", "tiến trình tính đã dừng / the process died"
        finally:
            job.elapsed = time.monotonic() - job.started
            self._child = None


def _take(job: WhyNotJob, report: tuple[Any, ...]) -> bool:
    """One report of the child into the job; True for its final one (the answer, or a failure)."""
    kind = report[0]
    if kind == "total":
        job.total, job.base_objective = report[1], report[2]
        return False
    if kind == "step":
        job.done, job.step = report[1], report[2]
        return False
    if kind == "done":
        job.forced, job.done, job.step, job.state = list(report[1]), len(report[1]), None, "done"
    else:
        job.state, job.message = "failed", str(report[1])
    return True


def run_why_not(url: str, plan_id: int, cadre: str, options: SolveOptions, reports) -> None:
    """The child process: the posts to force, each re-solved in turn, reported to `reports`."""
    workspace = Workspace.open(url)
    try:
        stored = workspace.plan(plan_id)
        scenario = plan_scenario(stored.scenario, stored.plan, f"plan:{plan_id}")
        posts = posts_to_force(scenario, cadre, stored.plan)
        reports.put(("total", len(posts), stored.plan.objective))
        forced = []
        for done, (slot, score) in enumerate(posts):
            reports.put(("step", done, slot))
            forced.append(force_post(scenario, cadre, slot, score, stored.plan, options))
        reports.put(("done", forced))
    except (WorkspaceError, InputError) as error:
        reports.put(("failed", str(error)))
    except Exception as error:
        reports.put(("failed", f"lỗi nội bộ / internal error ({type(error).__name__})"))
    finally:
        workspace.dispose()
