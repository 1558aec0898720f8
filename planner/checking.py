"""`check_plan` as the public API gives it: a verdict object, over the independent checker's list.

The checker (`planner.checker`) stays a list of `Violation`s, one function per rule and independent of the
solver on purpose; this wraps its answer once so that every caller reads the same `valid` and the same
`check --json` shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.plan import Plan
from models.scenario import Scenario
from planner.checker import Violation, recompute_bench
from planner.checker import check_plan as violations_of


@dataclass(frozen=True)
class CheckResult:
    """A plan judged against every rule of a scenario: valid exactly when no rule is broken."""

    violations: tuple[Violation, ...] = ()
    #: The bench recomputed from the scenario and the plan's assignments (CONTRACT §6.3), one line per pool
    #: title; None when the scenario has no `pool`.
    bench: tuple[dict[str, object], ...] | None = None
    #: True when the plan records a `bench` that differs from the recomputed one (reported, never trusted).
    bench_differs: bool = False

    @property
    def valid(self) -> bool:
        return not self.violations

    def to_dict(self) -> dict[str, object]:
        """What `planner check --json` prints (CONTRACT §5), and the recomputed bench where there is a pool."""
        verdict: dict[str, object] = {
            "valid": self.valid,
            "violations": [v.to_dict() for v in self.violations],
        }
        if self.bench is not None:
            verdict["bench"] = list(self.bench)
            verdict["bench_differs"] = self.bench_differs
        return verdict


def check_plan(scenario: Scenario, plan: Plan, as_of: date | None = None) -> CheckResult:
    """Every rule of the scenario against `plan`, by the independent checker.

    With `as_of`, the assignments starting before it are history (CONTRACT §4): counted by the rules over
    the whole plan, not judged again by the rules of a single placement."""
    bench, differs = recompute_bench(scenario, plan)
    return CheckResult(
        tuple(violations_of(scenario, plan, as_of)), None if bench is None else tuple(bench), differs
    )
