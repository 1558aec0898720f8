"""Several plans from one `planner solve`: alternatives of the base scenario and of each rule variant.

`run_plan_set` is the whole workflow behind `planner solve`, as a library call: apply the what-if
changes, solve the base scenario and each variant into its best plan and alternatives, record the
what-ifs in every plan, pass every plan through the independent checker, and compare the best plan with
the plan of the scenario as written. It returns the plans and the text of their files; writing them
is the caller's (the CLI writes them all or none).

File names follow the `-o` path: `plan.json` is the best plan of the base scenario, `plan.alt2.json`,
`plan.alt3.json`... its alternatives, `plan.<variant>.json` a variant's best plan and
`plan.<variant>.alt2.json` its alternatives. Each plan records its variant and overrides
(`plan.variant`), its rank and gap (`plan.alternative`) and its what-ifs (`plan.what_if`), so every
file checks on its own.

Every plan records the content hash of the scenario as written (`scenario_hash`), the one a user later
checks it against, whatever variant or what-if it was solved under.

Interrupted (`hooks.stop` requested: Ctrl-C or SIGTERM in `planner solve`), the set holds the best
plan of the scenario found by then, marked `interrupted`, and nothing else: no alternative, no variant,
no comparison. When no plan with assignments was found, it holds no file at all, so that a stopped run
never leaves a half-made set behind.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from models.changes import Change, apply_changes
from models.loading import scenario_hash as content_hash
from models.plan import Plan, plan_json
from models.scenario import Scenario
from planner.analysis.alternatives import AlternativeSearch, search_alternatives
from planner.analysis.comparison import PlacementComparison, compare_placements
from planner.analysis.variants import VariantRun, variant_runs
from planner.analysis.whatif import PlanDiff, diff_plans
from planner.checker import Violation
from planner.checking import check_plan
from planner.hooks import NO_HOOKS, PlanStart, SolveHooks
from planner.solving import SolveOptions, solve
from planner.wording.steps import STAGE_WORDS


@dataclass(frozen=True)
class PlanFile:
    """One plan to write: where, what, and the scenario (overrides applied) it must be checked against."""

    path: Path
    plan: Plan
    scenario: Scenario
    variant: str | None


class PlanRejected(Exception):
    """The independent checker rejects a plan the solver made. That is a bug of the planner, never a
    property of the input: no file of the set may be written."""

    def __init__(self, file: PlanFile, violations: Sequence[Violation]) -> None:
        self.file = file
        self.violations = tuple(violations)
        broken = "; ".join(f"[{v.rule}] {v.message}" for v in self.violations)
        super().__init__(f"the independent checker rejects the solver's plan {file.path.name}: {broken}")


@dataclass(frozen=True)
class PlanSet:
    files: list[PlanFile]  # the base scenario's best plan first
    searches: list[tuple[str | None, AlternativeSearch]]  # per run: variant name, how its search ended
    #: The what-if changes every plan was solved under, and what they changed against the plan of the
    #: scenario as written (None without what-ifs).
    what_if: tuple[Change, ...] = ()
    what_if_diff: PlanDiff | None = None
    #: The run was stopped on request: `files` is the best plan found by then, or empty.
    interrupted: bool = False

    @property
    def best(self) -> PlanFile:
        return self.files[0]

    @property
    def contents(self) -> dict[Path, str]:
        """Each file's path and text, to be written all together or not at all."""
        return {file.path: plan_json(file.plan) for file in self.files}

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


def run_plan_set(
    scenario: Scenario,
    output: Path,
    options: SolveOptions | None = None,
    *,
    what_if: Sequence[Change] = (),
    variants: Sequence[str] = (),
    overrides: Mapping[str, object] | None = None,
    alternatives: int = 1,
    min_diff: int = 1,
    scenario_hash: str | None = None,
    diagnose: bool = True,
    hooks: SolveHooks = NO_HOOKS,
) -> PlanSet:
    """The plans `planner solve` writes for `scenario` (as written: the what-ifs are applied here).

    `variants` names the scenario's variants to solve beside it (`all`: every one) and `overrides`
    (`--set` paths) apply to every run; each run gives its best plan and up to `alternatives - 1` more,
    differing in at least `min_diff` placements. An INFEASIBLE best plan names its conflicts and repairs
    unless `diagnose` is off. Every plan records `scenario_hash` (by default the content hash of
    `scenario`). Raises `InputError` for an unknown variant or an override that does not apply (before
    any solve), and `PlanRejected` when the independent checker rejects a plan.

    `hooks` hear the solves' progress and may stop them. Stopped by `hooks.stop`, the set is the best
    plan found by then, or no file (see the module docstring); it says so in `interrupted`.
    """
    options = options or SolveOptions()
    began = time.perf_counter()
    digest = scenario_hash or content_hash(scenario)
    changed = apply_changes(scenario, list(what_if))
    runs = variant_runs(changed, variants, dict(overrides or {}))
    solved = solve_plan_set(
        runs, alternatives, min_diff, options, output, digest, diagnose=diagnose, hooks=hooks
    )
    recorded = list(what_if)
    files = [replace(file, plan=file.plan.with_changes(what_if=recorded)) for file in solved.files]
    if hooks.stopped:
        return _interrupted(files, solved.searches, tuple(what_if))
    hooks.stage(STAGE_WORDS["check"], time.perf_counter() - began)
    for file in files:
        _reject_unchecked(file)
    diff = None
    if what_if:
        hooks.stage(STAGE_WORDS["compare"], time.perf_counter() - began)
        base = solve(scenario, options, hooks=hooks.quiet())
        diff = diff_plans(scenario, base, files[0].plan)
    return PlanSet(files, solved.searches, tuple(what_if), diff)


def _interrupted(
    files: list[PlanFile], searches: list[tuple[str | None, AlternativeSearch]], what_if: tuple[Change, ...]
) -> PlanSet:
    """The set a stopped run leaves: the base scenario's best plan if it has assignments (checked like
    any other, and marked `interrupted`), else nothing."""
    best = files[0] if files and files[0].variant is None else None
    if best is None or not best.plan.assignments:
        return PlanSet([], searches[:1], what_if, interrupted=True)
    best = replace(best, plan=best.plan.with_changes(interrupted=True))
    _reject_unchecked(best)
    return PlanSet([best], searches[:1], what_if, interrupted=True)


def _reject_unchecked(file: PlanFile) -> None:
    """Every plan with assignments passes the independent checker under the rules it was solved under."""
    if not file.plan.assignments:
        return
    result = check_plan(file.scenario, file.plan)
    if not result.valid:
        raise PlanRejected(file, result.violations)


def solve_plan_set(
    runs: Sequence[VariantRun],
    count: int,
    min_diff: int,
    options: SolveOptions,
    output: Path,
    scenario_hash: str | None = None,
    *,
    diagnose: bool = True,
    hooks: SolveHooks = NO_HOOKS,
) -> PlanSet:
    """Solve every run (base first) into its best plan and up to `count - 1` alternatives; with more
    than one plan to seek, `hooks.on_plan` hears each as it starts (plan k of at most n)."""
    files, searches = [], []
    began = time.perf_counter()
    total = len(runs) * count
    for index, run in enumerate(runs):
        if hooks.stopped:  # stopped during an earlier run: start no other
            break

        def starting(rank: int, index: int = index, name: str | None = run.name) -> None:
            if hooks.on_plan is not None and total > 1:
                elapsed = time.perf_counter() - began
                hooks.on_plan(PlanStart(index * count + rank, total, name, rank, elapsed))

        search = search_alternatives(
            run.scenario,
            count,
            min_diff,
            options,
            scenario_hash,
            diagnose=diagnose,
            hooks=hooks,
            on_rank=starting,
        )
        searches.append((run.name, search))
        for rank, plan in enumerate(search.plans, start=1):
            if run.record is not None:
                plan = plan.with_changes(variant=run.record)
            files.append(PlanFile(output_path(output, run.name, rank), plan, run.scenario, run.name))
    return PlanSet(files, searches)
