"""The CP-SAT planner against brute force on random small scenarios.

For every generated scenario, the solver must say OPTIMAL exactly when some plan passes the independent
checker, its objective must be the best such plan's, and its plan must pass the checker; when no plan
passes, it must say INFEASIBLE and name the rules in conflict.

The brute force shares no rule code with the model: a plan is feasible when `check_plan` finds nothing
wrong with it, and its objective is the sum of `Scoring.assignment_score` (scoring is not a rule). To stay
fast it only prunes with conditions that the rules obviously imply (see `BruteForce`), and then checks the
surviving plans best-objective-first, so the checker runs on few plans; `test_pruning_is_sound` compares
it with the plain enumeration of every plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import product
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings

from models.dates import add_months, period_starts, quarter_of
from models.plan import Plan
from models.references import find_reference_problems
from models.scenario import Scenario
from planner import SolveOptions, solve_or_diagnose
from planner.checker import check_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from tests.support.builders import plan_of, scenario_of
from tests.support.random_scenarios import LARGER, TINY, plan_count, random_scenario, scenarios

OPTIONS = SolveOptions(time_limit=20, workers=1, seed=0)
TOLERANCE = 1e-6

#: Rules whose violation can disappear when assignments are added (a missing opener, pinned pair or
#: mandatory cadre can be supplied, a quota minimum reached, a relative rotated out of the unit first).
#: Every other rule is "monotone": once a set of assignments breaks it, every plan containing that set
#: does too (per-assignment rules, one slot per cadre and cadre per slot, and the caps of `youth_heads`
#: and `pace`).
NON_MONOTONE = frozenset({"quota", "mandatory_rotation", "vacancy_chain", "pin", "kinship", "bench_strength"})

#: The rule of what follows each rotation, judged by `AfterBruteForce` alone.
AFTER_STAGE = "after_placement"

#: (cadre id, slot id, start index)
Triple = tuple[str, str, int]


@dataclass(frozen=True)
class Optimum:
    objective: float
    assignments: tuple[Triple, ...]


class BruteForce:
    """Every plan of one scenario, judged by the independent checker alone.

    `every_plan` enumerates all plans; `pruned_plans`, which `optimum` uses, skips plans that some
    obviously implied condition rules out:

    * a (cadre, slot, start) that breaks a monotone rule on its own (the checker on the one-assignment
      plan) is in no feasible plan;
    * the checker on the empty plan names the mandatory cadres (`mandatory_rotation`), who must be placed;
    * a pinned cadre takes its pinned slot (at the pinned start, if any), and no one else takes it;
    * the number of assignments stays within the quota, starts per calendar quarter within the pace cap,
      and young heads (found by the checker on a copy whose `youth.max_heads` is 0) within their cap;
    * a slot vacated by X is filled only with X placed, starting no later.

    Every plan that survives still goes through `check_plan` before it counts as feasible. Its plans are
    rotations alone: what follows each (`after_placement`, CONTRACT §6.4) is `AfterBruteForce`'s, so the
    missing `after`s of a scenario with `after_rotation` are not held against them here.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        period = scenario.period
        self.starts: list[date] = period_starts(period.start, period.end, period.granularity)
        self.cadre_ids = [c.id for c in scenario.cadres]
        self.slot_ids = [s.id for s in scenario.slots]
        scoring = Scoring(Eligibility(scenario))
        self.score: dict[Triple, float] = {
            (c, s, t): scoring.assignment_score(ci, si, t)
            for ci, c in enumerate(self.cadre_ids)
            for si, s in enumerate(self.slot_ids)
            for t in range(len(self.starts))
        }

    def plan(self, assignments: tuple[Triple, ...]) -> Plan:
        return plan_of(*((c, s, self.starts[t].isoformat()) for c, s, t in assignments))

    def feasible(self, assignments: tuple[Triple, ...]) -> bool:
        return all(v.rule == AFTER_STAGE for v in check_plan(self.scenario, self.plan(assignments)))

    def objective(self, assignments: tuple[Triple, ...]) -> float:
        return sum(self.score[a] for a in assignments)

    # --- enumeration -------------------------------------------------------------------------------
    def every_plan(self) -> Iterator[tuple[Triple, ...]]:
        """Every partial injective map cadre -> (slot, start), unpruned."""
        everything = {
            c: [(s, t) for s in self.slot_ids for t in range(len(self.starts))] for c in self.cadre_ids
        }
        yield from self._search(everything, lambda chosen, c, s, t: True, lambda chosen: True, set())

    def pruned_plans(self) -> Iterator[tuple[Triple, ...]]:
        """The plans that survive the obviously implied conditions of the class docstring."""
        scenario, rules = self.scenario, self.scenario.rules
        options = {
            c: [(s, t) for s in self.slot_ids for t in range(len(self.starts)) if self._alone_ok(c, s, t)]
            for c in self.cadre_ids
        }
        for pin in scenario.pins:
            pinned_start = None if pin.start is None else self.starts.index(pin.start)
            for c in self.cadre_ids:
                options[c] = [
                    (s, t)
                    for s, t in options[c]
                    if (c != pin.cadre or (s == pin.slot and pinned_start in (None, t)))
                    and (s != pin.slot or c == pin.cadre)
                ]
        empty = check_plan(scenario, self.plan(()))
        must_place = {v.cadre for v in empty if v.rule == "mandatory_rotation"} | {
            p.cadre for p in scenario.pins
        }
        young_head = self._young_heads()
        quota_max, quota_min = rules.quota.max, rules.quota.min
        pace_cap, youth_cap = rules.max_starts_per_quarter, rules.youth.max_heads
        vacated_by = {s.id: s.vacated_by for s in scenario.slots if s.vacated_by is not None}

        def may_add(chosen: list[Triple], c: str, s: str, t: int) -> bool:
            if quota_max is not None and len(chosen) >= quota_max:
                return False
            if pace_cap is not None:
                quarter = quarter_of(self.starts[t])
                if sum(quarter_of(self.starts[u]) == quarter for *_, u in chosen) >= pace_cap:
                    return False
            if youth_cap is not None and (c, s, t) in young_head:
                return sum(a in young_head for a in chosen) < youth_cap
            return True

        def complete(chosen: list[Triple]) -> bool:
            if len(chosen) < quota_min:
                return False
            start_of = {c: t for c, _, t in chosen}
            return all(
                vacated_by[s] in start_of and start_of[vacated_by[s]] <= t
                for _, s, t in chosen
                if s in vacated_by
            )

        yield from self._search(options, may_add, complete, must_place)

    def _search(
        self,
        options: dict[str, list[tuple[str, int]]],
        may_add: Callable[[list[Triple], str, str, int], bool],
        complete: Callable[[list[Triple]], bool],
        must_place: set[str],
    ) -> Iterator[tuple[Triple, ...]]:
        """Depth-first: each cadre in turn takes nothing or a free slot with one of its starts."""
        chosen: list[Triple] = []
        used: set[str] = set()

        def visit(i: int) -> Iterator[tuple[Triple, ...]]:
            if i == len(self.cadre_ids):
                if complete(chosen):
                    yield tuple(chosen)
                return
            c = self.cadre_ids[i]
            if c not in must_place:
                yield from visit(i + 1)
            for s, t in options[c]:
                if s in used or not may_add(chosen, c, s, t):
                    continue
                chosen.append((c, s, t))
                used.add(s)
                yield from visit(i + 1)
                used.discard(s)
                chosen.pop()

        yield from visit(0)

    def _alone_ok(self, c: str, s: str, t: int) -> bool:
        """The one-assignment plan breaks no monotone rule."""
        violations = check_plan(self.scenario, self.plan(((c, s, t),)))
        return all(v.rule in NON_MONOTONE or v.rule == AFTER_STAGE for v in violations)

    def _young_heads(self) -> set[Triple]:
        """Assignments that `youth_heads` counts: those the checker rejects when no young head is allowed."""
        rules = self.scenario.rules
        if rules.youth.max_heads is None:
            return set()
        no_young_heads = rules.model_copy(update={"youth": rules.youth.model_copy(update={"max_heads": 0})})
        probe = self.scenario.model_copy(update={"rules": no_young_heads})
        return {
            (c, s, t)
            for c in self.cadre_ids
            for s in self.slot_ids
            for t in range(len(self.starts))
            if any(v.rule == "youth_heads" for v in check_plan(probe, self.plan(((c, s, t),))))
        }

    # --- the optimum -------------------------------------------------------------------------------
    def optimum(self) -> Optimum | None:
        """The best plan the checker accepts, None when it accepts none.

        Candidates are checked best objective first: the first accepted one is optimal, and the checker
        runs on few plans.
        """
        ranked = sorted(((self.objective(p), p) for p in self.pruned_plans()), key=lambda item: -item[0])
        for value, assignments in ranked:
            if self.feasible(assignments):
                return Optimum(value, assignments)
        return None


def _triples(plan: Plan) -> list[tuple[str, str, str | None]]:
    return [(a.cadre, a.slot, a.start) for a in plan.assignments]


def _describe(data: dict[str, Any], plan: Plan, best: Optimum | None, brute: BruteForce) -> str:
    """Enough to reproduce a disagreement by hand: the scenario dict, the two answers."""
    expected = (
        "infeasible" if best is None else f"{best.objective} with {brute.plan(best.assignments).assignments}"
    )
    return (
        f"\nscenario = {data!r}\nexpected (brute force): {expected}\n"
        f"got (solver): {plan.status} {plan.objective} {_triples(plan)} conflicts={plan.conflicts}"
    )


# --- the main property -------------------------------------------------------------------------------


@pytest.mark.slow
@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenarios())
def test_solver_matches_brute_force(data: dict[str, Any]) -> None:
    """OPTIMAL iff some plan passes the checker, with the best such objective and a plan that passes;
    INFEASIBLE iff none does, with named conflicts. Derandomized, so that CI runs the same 300 cases."""
    scenario = scenario_of(data)
    assert find_reference_problems(scenario, "random") == []
    brute = BruteForce(scenario)
    best = brute.optimum()
    plan = solve_or_diagnose(scenario, OPTIONS)
    why = _describe(data, plan, best, brute)
    if best is None:
        event("infeasible")
        assert plan.status == "INFEASIBLE", why
        assert plan.assignments == [], why
        assert plan.conflicts, why
        assert all(conflict.rules for conflict in plan.conflicts), why
        return
    event(f"feasible, {len(best.assignments)} assignments")
    assert plan.status == "OPTIMAL", why
    assert check_plan(scenario, plan) == [], why
    assert plan.objective is not None
    assert abs(plan.objective - best.objective) <= TOLERANCE, why
    assert plan.best_bound is not None and abs(plan.best_bound - plan.objective) <= TOLERANCE, why
    starts = {d.isoformat(): t for t, d in enumerate(brute.starts)}
    solver_value = brute.objective(tuple((a.cadre, a.slot, starts[a.start or ""]) for a in plan.assignments))
    assert abs(solver_value - plan.objective) <= TOLERANCE, why


# --- reproducibility ---------------------------------------------------------------------------------


#: The seconds on the clock a diagnosis records: timing, like the solver record, not content.
_DIAGNOSIS_TIMES = {
    "seconds": True,
    **{search: {"seconds"} for search in ("conflict", "repairs", "other_conflicts")},
}


def _outcome(plan: Plan) -> dict[str, Any]:
    """Everything in a plan but the timing record and the diagnosis' seconds."""
    return plan.model_dump(exclude={"solver": True, "diagnosis": _DIAGNOSIS_TIMES})


@pytest.mark.parametrize("workers", [1, 2])
@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(scenarios())
def test_same_seed_same_plan(workers: int, data: dict[str, Any]) -> None:
    """CONTRACT §4: the same scenario, seed and worker count give the same plan (conflicts included)."""
    scenario = scenario_of(data)
    options = SolveOptions(time_limit=20, workers=workers, seed=0)
    assert _outcome(solve_or_diagnose(scenario, options)) == _outcome(solve_or_diagnose(scenario, options))


@pytest.mark.parametrize(
    ("seed", "edition3", "status", "least"),
    [
        (6, False, "INFEASIBLE", 0),
        (11, False, "OPTIMAL", 6),
        (17, False, "OPTIMAL", 6),
        (18, False, "OPTIMAL", 6),
        (2, True, "INFEASIBLE", 0),
        (1, True, "OPTIMAL", 6),
        (5, True, "OPTIMAL", 5),
    ],
)
@pytest.mark.parametrize("workers", [1, 2])
def test_same_seed_same_plan_larger(workers: int, seed: int, edition3: bool, status: str, least: int) -> None:
    """Larger scenarios (10-14 cadres), where a search schedule that depended on thread timing would show.

    The edition-2 draws give plans of 6-8 assignments that CP-SAT proves optimal in a fraction of a
    second, and one infeasible scenario (its conflict must be reproducible too); the whole draws (with
    relatives, the fit data and a pool) give fewer, as those rules keep more plans out. The status and
    size checks notice when a change of the generator makes them trivial.
    """
    scenario = scenario_of(random_scenario(seed, LARGER, edition3=edition3))
    options = SolveOptions(time_limit=20, workers=workers, seed=seed)
    first, second = solve_or_diagnose(scenario, options), solve_or_diagnose(scenario, options)
    assert first.status == status
    assert len(first.assignments) >= least
    assert _outcome(first) == _outcome(second)


# --- the brute force and the generator themselves ----------------------------------------------------


@pytest.mark.parametrize("seed", range(30))
def test_pruning_is_sound(seed: int) -> None:
    """The pruned search keeps every plan that the checker accepts, so its optimum is the true one."""
    scenario = scenario_of(random_scenario(seed, TINY))
    brute = BruteForce(scenario)
    accepted = {p for p in brute.every_plan() if brute.feasible(p)}
    assert accepted <= set(brute.pruned_plans())
    best = brute.optimum()
    if not accepted:
        assert best is None
    else:
        assert best is not None
        assert best.objective == max(brute.objective(p) for p in accepted)


def _without(rule: str, data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the scenario dict with `rule` switched off (or made vacuous); "waivers" drops them all."""
    rules = dict(data["rules"])
    if rule == "pace":
        return data | {"rules": rules | {"max_starts_per_quarter": None}}
    if rule == "youth_heads":
        return data | {"rules": rules | {"youth": rules["youth"] | {"max_heads": None}}}
    if rule == "remaining_service":
        return data | {"rules": rules | {"min_remaining_service_years": 0}}
    if rule == "min_duration":
        return data | {"rules": rules | {"min_duration_months": 0}}
    if rule == "quota":
        return data | {"rules": rules | {"quota": {"min": 0}}}
    if rule == "vacancy_chain":
        return data | {"slots": [{k: v for k, v in s.items() if k != "vacated_by"} for s in data["slots"]]}
    if rule == "timing":
        windows = ("open_from", "fill_by")
        return data | {
            "slots": [{k: v for k, v in s.items() if k not in windows} for s in data["slots"]],
            "cadres": [{k: v for k, v in c.items() if k != "available_from"} for c in data["cadres"]],
        }
    if rule == "mandatory_rotation":  # only the listed categories: `must_rotate` also makes a candidate
        return data | {"rules": rules | {"mandatory_rotation": []}}
    if rule == "waivers":
        return data | {"cadres": [{k: v for k, v in c.items() if k != "waivers"} for c in data["cadres"]]}
    if rule == "pin":
        return data | {"pins": []}
    if rule == "forbid":
        return data | {"forbids": []}
    if rule == "shortlist":
        return data | {"rules": rules | {"only_scored_pairs": False}}
    if rule == "term_limit_deadline":
        return data | {"cadres": [_limit_on_period_start(c, data) for c in data["cadres"]]}
    if rule == "kinship":
        return data | {"relations": []}
    if rule == "bench_strength":
        return data | {
            "pool": [{k: v for k, v in p.items() if k != "min_ready"} for p in data.get("pool", [])]
        }
    title_field = {"equivalent_rank": "rank", "title_standards": "requires"}.get(rule)
    if title_field is not None:
        titles = {
            code: {k: v for k, v in t.items() if k != title_field} for code, t in data["titles"].items()
        }
        return data | {"titles": titles}
    if rule == "discipline":
        return data | {
            "cadres": [{k: v for k, v in c.items() if k != "disciplined_until"} for c in data["cadres"]]
        }
    raise ValueError(rule)


def _limit_on_period_start(cadre: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A cadre term-limited by tenure within the period, made to reach the limit on the period start:
    still term-limited, but with no deadline."""
    current, years = cadre.get("current"), 12 * data["rules"]["term_limit_years"]
    if current is None or current.get("head_since") is None:
        return cadre
    start, end = (date.fromisoformat(data["period"][k]) for k in ("start", "end"))
    if not start < add_months(date.fromisoformat(current["head_since"]), years) <= end:
        return cadre
    return cadre | {"current": current | {"head_since": add_months(start, -years).isoformat()}}


#: Rules whose effect the generator must produce now and then (a rule that never binds is untested).
MUST_BIND = (
    "pace",
    "youth_heads",
    "vacancy_chain",
    "pin",
    "remaining_service",
    "min_duration",
    "quota",
    "timing",
    "forbid",
    "mandatory_rotation",
    "waivers",
    "term_limit_deadline",
    "shortlist",
    "kinship",
)


#: Edition-3 rules whose binding is measured on the whole scenarios (issue 25 asks for a third), with the
#: least number of the 100 draws in which each changes the verdict (measured, see the test).
EDITION_3_BINDING = {
    "equivalent_rank": 39,
    "title_standards": 50,
    "discipline": 51,
    "kinship": 35,
    "bench_strength": 37,
}


def _verdict(best: Optimum | None) -> tuple[bool, float | None]:
    return (best is not None, None if best is None else round(best.objective, 6))


@pytest.mark.slow
def test_generator_is_not_degenerate() -> None:
    """Over 100 seeded scenarios: all valid, feasible and infeasible ones occur, optima with several
    assignments occur (in the whole draws and in their edition-2 parts), each rule of `MUST_BIND` changes
    the brute-force verdict of the edition-2 part somewhere, and each edition-3 rule that of the whole
    draw in at least its measured share (`EDITION_3_BINDING`)."""
    seen: Counter[str] = Counter()
    for seed in range(100):
        data = random_scenario(seed)
        scenario = scenario_of(data)
        assert find_reference_problems(scenario, "random") == []
        brute = BruteForce(scenario)
        assert plan_count(len(brute.cadre_ids), len(brute.slot_ids), len(brute.starts)) <= 20_000
        best = brute.optimum()
        seen["feasible" if best else "infeasible"] += 1
        if best and len(best.assignments) >= 2:
            seen["several assignments"] += 1
        for rule in EDITION_3_BINDING:
            if _verdict(BruteForce(scenario_of(_without(rule, data))).optimum()) != _verdict(best):
                seen[f"binds: {rule}"] += 1
        # The edition-2 rules on the edition-2 part of the same draws: the edition-3 parts come last.
        edition2 = random_scenario(seed, edition3=False)
        best2 = BruteForce(scenario_of(edition2)).optimum()
        if best2 and len(best2.assignments) >= 2:
            seen["several assignments, edition-2 part"] += 1
        for rule in MUST_BIND:
            if _verdict(BruteForce(scenario_of(_without(rule, edition2))).optimum()) != _verdict(best2):
                seen[f"binds: {rule}"] += 1
    assert 40 <= seen["feasible"] <= 60, seen  # feasibility near half
    assert seen["infeasible"] >= 6, seen
    assert seen["several assignments, edition-2 part"] >= 12, seen
    assert seen["several assignments"] >= 20, seen
    for rule in MUST_BIND:
        assert seen[f"binds: {rule}"] >= 2, seen
    # Measured over these 100 whole draws (targets drawn by `_edition3_roles` on an edition-2 part made
    # feasible more often by `_edition3_base`, half of them scarce, `_edition3_scarce`): equivalent_rank
    # changes the verdict in 41, bench_strength in 39, discipline in 53, title_standards in 52, kinship in
    # 37; 53 are feasible, 23 with several assignments (asserted with a margin of two). The next 100 seeds
    # (not asserted) gave 42, 35, 57, 57 and 29 (kinship short of a third), 41 feasible.
    for rule, least in EDITION_3_BINDING.items():
        assert seen[f"binds: {rule}"] >= least, seen


# --- the after stage (CONTRACT §6.4) ------------------------------------------------------------------

#: An assignment's `after` as a plan file writes it, or None.
After = dict[str, Any] | None


@dataclass(frozen=True)
class AfterOptimum(Optimum):
    #: The `after` of each assignment, in the same order.
    afters: tuple[After, ...] = ()


class AfterBruteForce(BruteForce):
    """The brute force with the way back: for each set of rotations, the best `after`s the checker accepts.

    Its own reading of the contract gives only what the enumeration needs: a rotation ends at start +
    `rotation_months` (`min_duration_months` when absent, 0 when both are), it needs an `after` when that
    end is on or before the horizon, the candidates are staying and each projected post from the later of
    the end and its opening, and each post in the cadre's current unit scores `weights.after_home` (none
    with `explicit_scores_only`). Whether a candidate is allowed is the checker's alone: a candidate is
    kept for a rotation when the one-assignment plan with it has no `after_placement` violation (every
    clause but "one post, one cadre" judges one `after` alone), candidates of one plan take different
    posts (that clause), and a plan counts only when `check_plan` accepts it with its `after`s. A rotation
    that needs an `after` and has no candidate is in no feasible plan. The other rules do not read `after`
    (§6.4), so a set of rotations they reject is rejected whatever follows it. A rotation that needs no
    `after` gets none: the contract asks for none, and the solver writes none.
    """

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(scenario)
        rules, objective = scenario.rules, scenario.objective
        if rules.rotation_months is not None:
            self.months = rules.rotation_months
        else:
            self.months = rules.min_duration_months if "min_duration_months" in rules.model_fields_set else 0
        self.home_weight = 0 if objective.explicit_scores_only else objective.weights.after_home
        self.home = {c.id: c.current.unit if c.current is not None else None for c in scenario.cadres}
        self._candidates: dict[Triple, list[tuple[dict[str, Any], float]]] = {}

    def end(self, t: int) -> date:
        return add_months(self.starts[t], self.months)

    def needs(self, t: int) -> bool:
        after = self.scenario.after_rotation
        return after is not None and self.end(t) <= after.horizon

    def plan(self, assignments: tuple[Triple, ...], afters: tuple[After, ...] = ()) -> Plan:
        rows: list[dict[str, Any]] = []
        for i, (c, s, t) in enumerate(assignments):
            row: dict[str, Any] = {"cadre": c, "slot": s, "start": self.starts[t].isoformat()}
            if i < len(afters) and afters[i] is not None:
                row["after"] = afters[i]
            rows.append(row)
        return Plan.model_validate({"assignments": rows})

    def candidates(self, c: str, s: str, t: int) -> list[tuple[dict[str, Any], float]]:
        """The `after`s the checker accepts for the rotation alone, with their `after_home` score."""
        if (c, s, t) not in self._candidates:
            after, end = self.scenario.after_rotation, self.end(t)
            every: list[tuple[dict[str, Any], float]] = [({"stay": True}, 0.0)]
            for post in after.posts if after is not None else ():
                move = {"post": post.id, "start": max(end, post.open_from).isoformat()}
                every.append((move, float(self.home_weight) if post.unit == self.home[c] else 0.0))
            self._candidates[(c, s, t)] = [
                (candidate, value)
                for candidate, value in every
                if not any(
                    v.rule == AFTER_STAGE
                    for v in check_plan(self.scenario, self.plan(((c, s, t),), (candidate,)))
                )
            ]
        return self._candidates[(c, s, t)]

    def _alone_ok(self, c: str, s: str, t: int) -> bool:
        return super()._alone_ok(c, s, t) and (not self.needs(t) or bool(self.candidates(c, s, t)))

    def after_bound(self, assignments: tuple[Triple, ...]) -> float:
        """The most `after_home` the rotations can score, each alone."""
        return sum(
            max((value for _, value in self.candidates(*a)), default=0.0)
            for a in assignments
            if self.needs(a[2])
        )

    def after_choices(self, assignments: tuple[Triple, ...]) -> list[tuple[float, tuple[After, ...]]]:
        """Every way to give each rotation that needs one a candidate, posts all different, best first."""
        per: list[list[tuple[After, float]]] = [
            list(self.candidates(*a)) if self.needs(a[2]) else [(None, 0.0)] for a in assignments
        ]
        choices: list[tuple[float, tuple[After, ...]]] = []

        def visit(i: int, taken: set[str], chosen: list[After], value: float) -> None:
            if i == len(per):
                choices.append((value, tuple(chosen)))
                return
            for candidate, score in per[i]:
                post = candidate.get("post") if candidate is not None else None
                if post is not None and post in taken:
                    continue
                visit(i + 1, taken | {post} if post else taken, [*chosen, candidate], value + score)

        visit(0, set(), [], 0.0)
        return sorted(choices, key=lambda item: -item[0])

    def optimum(self) -> AfterOptimum | None:
        """The best plan, `after`s included, that the checker accepts; None when it accepts none.

        Sets of rotations are taken best bound first (their score plus the most `after_home` each could
        get); the search stops once no bound beats the best plan found."""
        ranked = sorted(
            ((self.objective(p) + self.after_bound(p), p) for p in self.pruned_plans()),
            key=lambda item: -item[0],
        )
        best: AfterOptimum | None = None
        for bound, assignments in ranked:
            if best is not None and bound <= best.objective + TOLERANCE:
                break
            others = check_plan(self.scenario, self.plan(assignments))
            if any(v.rule != AFTER_STAGE for v in others):
                continue
            for value, afters in self.after_choices(assignments):
                if not check_plan(self.scenario, self.plan(assignments, afters)):
                    total = self.objective(assignments) + value
                    if best is None or total > best.objective + TOLERANCE:
                        best = AfterOptimum(total, assignments, afters)
                    break
        return best

    def extends(self, assignments: tuple[Triple, ...]) -> bool:
        """Whether some `after`s make the rotations a plan the checker accepts."""
        return any(
            not check_plan(self.scenario, self.plan(assignments, a))
            for _, a in self.after_choices(assignments)
        )


def after_stage_binds(data: dict[str, Any]) -> str | None:
    """How the after stage changes the brute-force answer of a scenario dict, or None when it does not:
    "infeasible" (feasible without `after_rotation`, infeasible with it), "optimum" (the best rotations'
    own score differs), "plan" (the same score, but no optimal plan without the stage has valid `after`s:
    the stage moves a start or changes who goes where), or "after_home" (the same rotations may stay, but
    the best objective differs by the `after_home` score alone)."""
    scenario = scenario_of(data)
    plain = BruteForce(scenario_of({k: v for k, v in data.items() if k != "after_rotation"}))
    plain_best = plain.optimum()
    after = AfterBruteForce(scenario)
    best = after.optimum()
    if plain_best is None:
        return None
    if best is None:
        return "infeasible"
    if abs(plain.objective(best.assignments) - plain_best.objective) > TOLERANCE:
        return "optimum"
    optimal = (
        p
        for p in plain.pruned_plans()
        if abs(plain.objective(p) - plain_best.objective) <= TOLERANCE and plain.feasible(p)
    )
    if not any(after.extends(p) for p in optimal):
        return "plan"
    return "after_home" if abs(best.objective - plain_best.objective) > TOLERANCE else None


@pytest.mark.parametrize("seed", range(30))
def test_after_pruning_is_sound(seed: int) -> None:
    """With the way back, the pruned search and its best-first `after`s find the best of every plan
    with every combination of candidate `after`s (staying or any post, one per rotation that needs one)."""
    scenario = scenario_of(random_scenario(seed, TINY, edition3=seed % 2 == 0, after_stage=True))
    brute = AfterBruteForce(scenario)
    after = scenario.after_rotation
    assert after is not None
    every: list[dict[str, Any]] = [{"stay": True}]
    best_value: float | None = None
    for assignments in brute.every_plan():
        per: list[list[After]] = []
        for _, _, t in assignments:
            end = brute.end(t)
            moves = [{"post": p.id, "start": max(end, p.open_from).isoformat()} for p in after.posts]
            per.append([*every, *moves] if brute.needs(t) else [None])
        for afters in product(*per):
            if not check_plan(scenario, brute.plan(assignments, afters)):
                home = sum(
                    brute.home_weight
                    for (c, _, _), a in zip(assignments, afters, strict=True)
                    if a is not None and "post" in a and _post_unit(scenario, a["post"]) == brute.home[c]
                )
                value = brute.objective(assignments) + home
                best_value = value if best_value is None else max(best_value, value)
    best = brute.optimum()
    assert (best is None) == (best_value is None)
    if best is not None and best_value is not None:
        assert abs(best.objective - best_value) <= TOLERANCE
        assert not check_plan(scenario, brute.plan(best.assignments, best.afters))


def _post_unit(scenario: Scenario, post_id: str) -> str:
    after = scenario.after_rotation
    assert after is not None
    return next(p.unit for p in after.posts if p.id == post_id)


def _after_home_of(scenario: Scenario, plan: Plan) -> float:
    """The `after_home` part of a plan's objective, from the contract: the weight per `after` post in the
    cadre's current unit (none with `explicit_scores_only`)."""
    if scenario.objective.explicit_scores_only:
        return 0.0
    homes = {c.id: c.current.unit if c.current is not None else None for c in scenario.cadres}
    return float(
        sum(
            scenario.objective.weights.after_home
            for a in plan.assignments
            if isinstance(a.after, dict)
            and "post" in a.after
            and _post_unit(scenario, a.after["post"]) == homes[a.cadre]
        )
    )


def _solver_matches_after_brute_force(data: dict[str, Any]) -> None:
    scenario = scenario_of(data)
    assert find_reference_problems(scenario, "random") == []
    brute = AfterBruteForce(scenario)
    best = brute.optimum()
    plan = solve_or_diagnose(scenario, OPTIONS)
    why = _describe(data, plan, best, brute)
    if best is not None:
        why += f"\nexpected afters: {best.afters}\ngot afters: {[a.after for a in plan.assignments]}"
    if best is None:
        assert plan.status == "INFEASIBLE", why
        assert plan.assignments == [] and plan.conflicts, why
        return
    assert plan.status == "OPTIMAL", why
    assert check_plan(scenario, plan) == [], why
    assert plan.objective is not None and abs(plan.objective - best.objective) <= TOLERANCE, why
    starts = {d.isoformat(): t for t, d in enumerate(brute.starts)}
    rotations = brute.objective(tuple((a.cadre, a.slot, starts[a.start or ""]) for a in plan.assignments))
    assert abs(rotations + _after_home_of(scenario, plan) - plan.objective) <= TOLERANCE, why
    for a in plan.assignments:  # the solver writes an `after` exactly where one is needed
        assert (a.after is not None) == brute.needs(starts[a.start or ""]), why


@pytest.mark.parametrize("seed", range(40))
def test_solver_matches_brute_force_with_the_after_stage(seed: int) -> None:
    """The edition-2 part of the draws with the way back (`after_stage`): OPTIMAL with the brute force's
    objective (`after_home` included) and a plan the checker accepts, or INFEASIBLE with conflicts."""
    _solver_matches_after_brute_force(random_scenario(seed, edition3=False, after_stage=True))


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenarios(after_stage=True))
def test_solver_matches_brute_force_with_the_after_stage_on_whole_draws(data: dict[str, Any]) -> None:
    """The whole draws (edition 3) with the way back, shrinking on failure."""
    _solver_matches_after_brute_force(data)


#: Draws of 100 (`random_scenario(seed, edition3=..., after_stage=True)`) where the after stage changes the
#: brute-force answer (`after_stage_binds`). "binds" counts "infeasible", "optimum" and "plan": the stage
#: keeps out what the best plan without it does. Measured: on the edition-2 part, 19 (5 infeasible only
#: because of it, 14 a lower best score; 48 of the 100 are infeasible before the stage, and most of the
#: rest rotate nobody or only cadres who may stay), and 6 more by `after_home` alone. On the whole draws,
#: 14 (8 infeasible only because of it) and 1 by `after_home` with the edition-3 parts of before issue 25's
#: leftovers; 29 (20 infeasible only because of it, 9 a lower best score) and 2 by `after_home` with those
#: redrawn (lane gen25, merged), 31 (19 infeasible, 12 a lower best score) and 2 by `after_home` with the
#: edition-2 part made feasible and half the draws scarce (lane gen25b): the floor holds for all three.
#: The issue's third is reached on neither.
AFTER_STAGE_BINDING = {
    False: {"binds": 19, "infeasible": 5, "after_home": 6},
    True: {"binds": 10, "infeasible": 5},
}


@pytest.mark.slow
@pytest.mark.parametrize("edition3", [False, True])
def test_the_after_stage_binds(edition3: bool) -> None:
    """Over 100 draws with the way back: how often the stage makes a draw infeasible, changes the best
    rotations' score or the plan they need ("binds"), or changes the objective by `after_home` alone."""
    seen: Counter[str] = Counter()
    for seed in range(100):
        how = after_stage_binds(random_scenario(seed, edition3=edition3, after_stage=True))
        if how in ("infeasible", "optimum", "plan"):
            seen["binds"] += 1
        if how is not None:
            seen[how] += 1
    for kind, least in AFTER_STAGE_BINDING[edition3].items():
        assert seen[kind] >= least, seen
