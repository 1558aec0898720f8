"""`kinship` (CONTRACT §6.2, §6.6) in every face: the model keeps it where breaking it would pay, the
checker reads the holdings exactly (half open, cut at retirement, current holdings alone never), a conflict
names the relatives with the scenario's numbers, `explain` says which relative blocks a post and until when,
and a scenario without relations gets nothing added to its model."""

from __future__ import annotations

from typing import Any

from models.plan import Plan
from planner import SolveOptions, explain_cadre, solve_or_diagnose
from planner.checker import check_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation.build import build_model
from planner.rules.rows import Row
from tests.rules.test_rules_solver import EARLY, placed, placed_at, scenario, scores, solved
from tests.support.builders import cadre, plan_of, scenario_of, slot

SPOUSES = [{"cadres": ["C01", "C02"], "kind": "spouse"}]

#: C01 serves in d1 now; C02, its spouse, would score 10 as d1's secretary; C01 may go to d2 at a loss.
INTO_CURRENT: dict[str, Any] = scenario(
    slots=[slot("d1.bi_thu"), slot("d2.pho_bi_thu")],
    cadres=[cadre("C01", current={"unit": "d1", "title": "pho_bi_thu", "head_terms": 0}), cadre("C02")],
    scores=scores(("C02", "d1.bi_thu", 10), ("C01", "d2.pho_bi_thu", -3)),
    relations=SPOUSES,
)


def _kinship(plan: Plan, data: dict[str, Any]) -> list[tuple[str | None, str | None, str]]:
    return [(v.cadre, v.slot, v.message) for v in check_plan(scenario_of(data), plan) if v.rule == "kinship"]


def test_a_relative_joins_a_unit_only_once_the_other_has_left() -> None:
    """Without the rule C02 alone goes to d1 (10); with it, C01 must leave d1 on or before C02's start, at
    a cost of 3: the rule binds by adding a rotation (it is not monotone)."""
    plan = solved(INTO_CURRENT)
    assert placed(plan) == {("C02", "d1.bi_thu"), ("C01", "d2.pho_bi_thu")}
    assert plan.objective == 7
    start = {a.cadre: a.start or "" for a in plan.assignments}
    assert start["C01"] <= start["C02"]
    unrelated = solved(INTO_CURRENT | {"relations": []})
    assert placed(unrelated) == {("C02", "d1.bi_thu")}


def test_a_holding_ends_at_retirement_and_a_start_on_that_day_does_not_overlap() -> None:
    """C01 (not a candidate: it cannot leave d1) retires on 2024-01-01: C02 joins d1 on that very day,
    the earliest start that does not overlap ([from, to) half open)."""
    data = INTO_CURRENT | {
        "objective": EARLY,
        "cadres": [
            cadre(
                "C01",
                planning=[],
                retirement_date="2024-01-01",
                current={"unit": "d1", "title": "pho_bi_thu", "head_terms": 0},
            ),
            cadre("C02"),
        ],
    }
    plan = solved(data)
    assert ("C02", "d1.bi_thu", "2024-01-01") in placed_at(plan)


def test_two_relatives_do_not_both_join_one_unit() -> None:
    """C01 (10) and C02 (10) would both join d1; one of them goes to d2 instead (4)."""
    data = scenario(
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu")],
        scores=scores(("C01", "d1.bi_thu", 10), ("C02", "d1.pho_bi_thu", 10), ("C02", "d2.pho_bi_thu", 4)),
        relations=SPOUSES,
    )
    plan = solved(data)
    assert placed(plan) == {("C01", "d1.bi_thu"), ("C02", "d2.pho_bi_thu")}
    assert plan.objective == 14


def test_the_checker_reads_holdings_half_open() -> None:
    """C02 joins d1 where C01 serves: a violation naming C02's assignment with its dates, unless C01 has
    left by then (the same day is a swap, allowed)."""
    late = plan_of(("C02", "d1.bi_thu", "2023-04-01"), ("C01", "d2.pho_bi_thu", "2023-07-01"))
    found = _kinship(late, INTO_CURRENT)
    assert [(c, s) for c, s, _ in found] == [("C02", "d1.bi_thu")]
    message = found[0][2]
    assert "C01 và C02 là vợ chồng" in message and "spouses" in message
    assert "01/04/2023" in message and "01/07/2023" in message
    assert (
        _kinship(
            plan_of(("C02", "d1.bi_thu", "2023-04-01"), ("C01", "d2.pho_bi_thu", "2023-04-01")), INTO_CURRENT
        )
        == []
    )
    assert len(_kinship(plan_of(("C02", "d1.bi_thu", "2023-04-01")), INTO_CURRENT)) == 1


def test_both_holdings_made_by_the_plan_name_both_assignments() -> None:
    data = scenario(slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")], relations=SPOUSES)
    plan = plan_of(("C01", "d1.bi_thu", "2023-01-01"), ("C02", "d1.pho_bi_thu", "2025-10-01"))
    assert sorted((c, s) for c, s, _ in _kinship(plan, data)) == [
        ("C01", "d1.bi_thu"),
        ("C02", "d1.pho_bi_thu"),
    ]


def test_two_current_holdings_never_break_it() -> None:
    """C01 and C02 both serve in d1 now: leaving them there, or moving one away, is no violation."""
    here = {"unit": "d1", "title": "pho_bi_thu", "head_terms": 0}
    data = scenario(
        slots=[slot("d2.pho_bi_thu")],
        cadres=[cadre("C01", current=here), cadre("C02", current=here)],
        relations=SPOUSES,
    )
    assert _kinship(plan_of(), data) == []
    assert _kinship(plan_of(("C01", "d2.pho_bi_thu", "2023-07-01")), data) == []


def test_a_conflict_names_the_relatives_and_the_unit() -> None:
    """C02 is pinned to d1, where C01 serves and cannot leave: the conflict names kinship in words with
    the relation and the date C01's holding ends."""
    data = INTO_CURRENT | {
        "cadres": [
            cadre("C01", planning=[], current={"unit": "d1", "title": "pho_bi_thu", "head_terms": 0}),
            cadre("C02"),
        ],
        "pins": [{"cadre": "C02", "slot": "d1.bi_thu"}],
    }
    plan = solve_or_diagnose(scenario_of(data), SolveOptions(time_limit=10, workers=1, seed=0))
    assert plan.status == "INFEASIBLE"
    conflict = next(c for c in plan.conflicts if "kinship" in c.rules)
    assert "pin" in conflict.rules
    assert conflict.confirmed_by_checker is True
    words = f"{conflict.message} {conflict.message_en}"
    assert "C01 và C02 là vợ chồng" in words and "spouses" in words and "d1" in words
    assert "31/12/2025" in words


def test_explain_names_the_relative_that_blocks_a_post_and_until_when() -> None:
    """With a plan in which C01 leaves d1 on 2023-07-01, C02's verdict on d1.bi_thu says C01 blocks it
    until then; a plan in which C01 leaves on the first start leaves no limit."""
    loaded = scenario_of(INTO_CURRENT)
    plan = plan_of(("C01", "d2.pho_bi_thu", "2023-07-01"), ("C02", "d1.bi_thu", "2023-07-01"))
    leaves = "2023-07-01"
    verdict = next(v for v in explain_cadre(loaded, "C02", plan).verdicts if v.slot == "d1.bi_thu")
    limit = next(limit for limit in verdict.limited_by if limit.rule == "kinship")
    assert limit.free_from == leaves
    assert "C01" in limit.vi and "C01" in limit.en and "d1" in limit.en and "01/07/2023" in limit.en
    first = plan_of(("C01", "d2.pho_bi_thu", "2023-01-01"), ("C02", "d1.bi_thu", "2023-01-01"))
    verdict = next(v for v in explain_cadre(loaded, "C02", first).verdicts if v.slot == "d1.bi_thu")
    assert all(limit.rule != "kinship" for limit in verdict.limited_by)
    without_plan = explain_cadre(loaded, "C02")
    verdict = next(v for v in without_plan.verdicts if v.slot == "d1.bi_thu")
    assert any(limit.rule == "kinship" and limit.free_from is None for limit in verdict.limited_by)


def test_nothing_is_added_without_relations() -> None:
    """The rule adds no variable and no row to a model without relations, and rows under its key with."""
    sizes = {}
    for name, relations in (("without", []), ("with", SPOUSES)):
        eligibility = Eligibility(scenario_of(INTO_CURRENT | {"relations": relations}))
        ctx = build_model(eligibility, Scoring(eligibility))
        proto = ctx.model.proto
        sizes[name] = (len(proto.variables), len(proto.constraints))
        assert any(key[0] is Row.KINSHIP for key in ctx.rows) == bool(relations)
    eligibility = Eligibility(scenario_of({k: v for k, v in INTO_CURRENT.items() if k != "relations"}))
    proto = build_model(eligibility, Scoring(eligibility)).model.proto
    assert sizes["without"] == (len(proto.variables), len(proto.constraints))
    assert sizes["with"] > sizes["without"]
