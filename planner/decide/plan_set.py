"""Several plans from one `planner solve`: alternatives of the base scenario and of each rule variant.

File names follow the `-o` path: `plan.json` is the best plan of the base scenario, `plan.alt2.json`,
`plan.alt3.json`... its alternatives, `plan.<variant>.json` a variant's best plan and
`plan.<variant>.alt2.json` its alternatives. Each plan records its variant and overrides
(`plan.variant`) and its rank and gap (`plan.alternative`), so every file checks on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from models.plan import Plan
from models.scenario import Scenario
from planner.decide.alternatives import AlternativeSearch, search_alternatives
from planner.decide.comparison import PlacementComparison, compare_placements
from planner.decide.variants import VariantRun
from planner.solve import SolveOptions


@dataclass(frozen=True)
class PlanFile:
    """One plan to write: where, what, and the scenario (overrides applied) it must be checked against."""

    path: Path
    plan: Plan
    scenario: Scenario
    variant: str | None


@dataclass(frozen=True)
class PlanSet:
    files: list[PlanFile]  # the base scenario's best plan first
    searches: list[tuple[str | None, AlternativeSearch]]  # per run: variant name, how its search ended

    @property
    def best(self) -> PlanFile:
        return self.files[0]

    def comparison(self) -> PlacementComparison:
        """The plans with assignments compared, labelled by file name."""
        solved = [f for f in self.files if f.plan.assignments]
        return compare_placements([f.plan for f in solved], [f.path.name for f in solved])


def output_path(output: Path, variant: str | None, rank: int) -> Path:
    """`plan.json` -> `plan.json`, `plan.alt2.json`, `plan.quota-7.json`, `plan.quota-7.alt2.json`."""
    parts = ([variant] if variant else []) + ([f"alt{rank}"] if rank > 1 else [])
    if not parts:
        return output
    return output.with_name(".".join([output.stem, *parts]) + output.suffix)


def solve_plan_set(
    runs: Sequence[VariantRun],
    count: int,
    min_diff: int,
    options: SolveOptions,
    output: Path,
    scenario_hash: str | None = None,
) -> PlanSet:
    """Solve every run (base first) into its best plan and up to `count - 1` alternatives."""
    files, searches = [], []
    for run in runs:
        search = search_alternatives(run.scenario, count, min_diff, options, scenario_hash)
        searches.append((run.name, search))
        for rank, plan in enumerate(search.plans, start=1):
            if run.record is not None:
                plan = plan.model_copy(update={"variant": run.record})
            files.append(PlanFile(output_path(output, run.name, rank), plan, run.scenario, run.name))
    return PlanSet(files, searches)
