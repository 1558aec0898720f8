"""Solve many scenarios or variants at once: in local processes, or on a Dask cluster.

Why processes: a solve is CPU-bound Python (eligibility, model building) plus CP-SAT, so threads would
share one interpreter lock; separate processes do not. Each job is solved exactly as `solve` would in
this process, with its own seed and worker count, so a job's plan does not depend on the backend, on
the other jobs, or on their order, even when its time limit stops it (a deterministic limit,
`planner.solving`); only a job the wall-clock cap stops may differ, and its plan says so.

On a cluster, the same call with `backend="dask"` sends the jobs to a `distributed.Client`: the one
given, or a `LocalCluster` of `max_workers` single-threaded worker processes. To use a real cluster,
start the scheduler and workers (`dask scheduler`, `dask worker tcp://HOST:8786 --nthreads 1` on each
machine, each with this package installed) and pass `client=Client("tcp://HOST:8786")`.

Plan file names (`plan_file_names`): each scenario's plan is `<stem>.plan.json`; scenarios whose files
share a stem (`a/s.yaml`, `b/s.yaml`) are told apart by the fewest parent folders that make every name
distinct, joined by `-` (`a-s.plan.json`, `b-s.plan.json`), so that no plan overwrites another. The same
file given twice, or names no folder can tell apart, are refused (`ClashingPlanNames`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from models.plan import Plan
from models.scenario import Scenario
from planner.infeasibility import solve_or_diagnose
from planner.solving import SolveOptions

Backend = Literal["processes", "dask"]


@dataclass(frozen=True)
class SweepJob:
    """One solve: a scenario (or a variant of one), optionally with its own options."""

    scenario: Scenario
    scenario_hash: str | None = None
    options: SolveOptions | None = None


def solve_job(job: SweepJob, options: SolveOptions) -> Plan:
    """Solve one job as `planner solve` would (an INFEASIBLE plan names its conflicts); module level so
    that worker processes can unpickle it."""
    return solve_or_diagnose(job.scenario, job.options or options, scenario_hash=job.scenario_hash)


def solve_many(
    jobs: Sequence[SweepJob | Scenario],
    options: SolveOptions | None = None,
    backend: Backend = "processes",
    max_workers: int | None = None,
    client: Any = None,
) -> list[Plan]:
    """The plans of `jobs`, in the order given, solved in parallel on `backend`.

    The options are pickled to the workers as they are (settings only); no hook (progress, stop) can
    cross a process boundary, so a sweep takes none.
    """
    sweep = [job if isinstance(job, SweepJob) else SweepJob(job) for job in jobs]
    shared = options or SolveOptions()
    if not sweep:
        return []
    if backend == "processes":
        with ProcessPoolExecutor(max_workers=max_workers) as pool:
            return list(pool.map(solve_job, sweep, [shared] * len(sweep)))
    if backend == "dask":
        return _on_dask(sweep, shared, max_workers, client)
    raise ValueError(f"unknown backend {backend!r}: use 'processes' or 'dask'")


def _on_dask(jobs: list[SweepJob], options: SolveOptions, max_workers: int | None, client: Any) -> list[Plan]:
    """The same jobs through a Dask `distributed` client (optional extra `dask`)."""
    from distributed import Client, LocalCluster

    if client is not None:
        futures = client.map(solve_job, jobs, [options] * len(jobs), pure=False)
        return client.gather(futures)
    with (
        LocalCluster(
            n_workers=max_workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as local,
    ):
        futures = local.map(solve_job, jobs, [options] * len(jobs), pure=False)
        return local.gather(futures)


class ClashingPlanNames(ValueError):
    """Scenario files whose plans cannot be given distinct file names: the same file twice, or paths no
    parent folder tells apart. `paths` are the files concerned, as given."""

    def __init__(self, paths: Sequence[Path], reason: str) -> None:
        self.paths, self.reason = tuple(paths), reason
        super().__init__(f"{reason}: {', '.join(map(str, self.paths))}")


def plan_file_names(scenarios: Sequence[Path]) -> list[str]:
    """The plan file name of each scenario file, in order: `<stem>.plan.json`, with as many parent folders
    before the stem (`a-s.plan.json`) as it takes to tell apart the files that share a name.

    The folders are those of the resolved path, so that `s.yaml` and `../b/s.yaml` differ too. Deterministic:
    the names depend on the paths alone. Raises `ClashingPlanNames` for the same file given twice (its plan
    would be written twice) or names that even the full paths cannot tell apart.
    """
    resolved = [Path(p).resolve() for p in scenarios]
    seen: dict[Path, Path] = {}
    for given, path in zip(scenarios, resolved, strict=True):
        if path in seen:
            raise ClashingPlanNames(
                [seen[path], given], "một tệp kịch bản nêu hai lần / the same scenario file is given twice"
            )
        seen[path] = given
    depth = [0] * len(resolved)
    while True:
        names = [_plan_name(path, d) for path, d in zip(resolved, depth, strict=True)]
        counts = Counter(names)
        clashing = [i for i, name in enumerate(names) if counts[name] > 1]
        if not clashing:
            return names
        deeper = [i for i in clashing if depth[i] < len(_folders(resolved[i]))]
        if not deeper:
            raise ClashingPlanNames(
                [scenarios[i] for i in clashing],
                "không thư mục nào phân biệt được / no folder tells these plans apart",
            )
        for i in deeper:
            depth[i] += 1


def _plan_name(path: Path, depth: int) -> str:
    """`<the last depth folders>-<stem>.plan.json` (the root itself never counts as a folder)."""
    folders = _folders(path)
    return "-".join([*folders[len(folders) - depth :], path.stem]) + ".plan.json"


def _folders(path: Path) -> tuple[str, ...]:
    return path.parent.parts[1:]
