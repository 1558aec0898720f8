"""The rules of fit for the post (CONTRACT §6.1, §6.6): `equivalent_rank`, `title_standards`,
`discipline`, and unit kind `commune` as a local unit, in every face: the solver keeps each where
breaking it would pay, the checker flags a plan that breaks it (with the scenario's ranks, codes and
dd/mm/yyyy dates), conflicts and repairs name it (a waiver for `equivalent_rank` only), explanations give
its numbers, and a re-plan after an event that breaks it names it as the reason.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.plan import Assignment, Plan
from planner import SolveOptions, explain_cadre, explain_slot, solve, solve_or_diagnose
from planner.checker import check_plan
from planner.eligibility.table import Eligibility
from planner.replan import Event, replan_as_of
from tests.support.builders import cadre, plan_of, scenario_of, slot, tiny_scenario
from tests.support.random_scenarios import random_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)
EXPLICIT: dict[str, Any] = {"explicit_scores_only": True}
EARLY: dict[str, Any] = {
    "explicit_scores_only": False,
    "weights": {"priority": 0, "development": 0, "allowance_cost": 0, "earlier_start": 1},
}
RULES: dict[str, Any] = {"quota": {"min": 0, "max": 5}, "youth": {"age_below": 40, "max_heads": 0}}
#: The builders' titles with ranks: a district deputy and a department deputy rank 3, heads rank 4;
#: the district secretary requires advanced political theory.
RANKED: dict[str, Any] = {
    "bi_thu": {
        "name": "Bí thư quận ủy",
        "level": "head",
        "non_local": True,
        "rank": 4,
        "requires": ["llct_cao_cap"],
    },
    "pho_bi_thu": {"name": "Phó Bí thư quận ủy", "level": "deputy", "rank": 3},
    "giam_doc": {"name": "Giám đốc sở", "level": "head", "rank": 4},
    "pho_giam_doc": {"name": "Phó Giám đốc sở", "level": "deputy", "rank": 3},
}
WAIVER = {"rule": "equivalent_rank", "by": "Ban Thường vụ Thành ủy", "ref": "QĐ 9-QĐ/TU"}


def scenario(*, rules: dict[str, Any] | None = None, objective: dict[str, Any] = EXPLICIT, **fields: Any):
    return tiny_scenario(rules=RULES | (rules or {}), objective=objective, titles=RANKED, **fields)


def scores(*entries: tuple[str, str, float]) -> list[dict[str, Any]]:
    return [{"cadre": c, "slot": s, "score": v} for c, s, v in entries]


def solved(data: dict[str, Any]) -> Plan:
    loaded = scenario_of(data)
    plan = solve(loaded, OPTIONS)
    assert plan.status == "OPTIMAL", plan.conflicts
    assert check_plan(loaded, plan) == []
    return plan


def placed_at(plan: Plan) -> set[tuple[str, str, str]]:
    return {(a.cadre, a.slot, a.start or "") for a in plan.assignments}


def violations(data: dict[str, Any], *assignments: tuple[str, str, str]) -> list[tuple[str, str]]:
    return [(v.rule, v.message) for v in check_plan(scenario_of(data), plan_of(*assignments))]


# --- equivalent_rank ---------------------------------------------------------------------------------


def _rank_case(**fields: Any) -> dict[str, Any]:
    """C01 (deputy, rank 3) scores best in the rank-4 department head post: the rule sends it to the
    rank-3 district deputy post instead."""
    return scenario(
        cadres=[cadre("C01", **fields)],
        slots=[slot("d1.pho_bi_thu"), slot("d2.giam_doc")],
        scores=scores(("C01", "d2.giam_doc", 10), ("C01", "d1.pho_bi_thu", 1)),
    )


def test_equivalent_rank_keeps_a_deputy_out_of_a_higher_post() -> None:
    data = _rank_case()
    assert {(a.cadre, a.slot) for a in solved(data).assignments} == {("C01", "d1.pho_bi_thu")}
    ((rule, message),) = violations(data, ("C01", "d2.giam_doc", "2023-01-01"))
    assert rule == "equivalent_rank"
    assert "rank 3 (pho_giam_doc)" in message and "d2.giam_doc is rank 4" in message and "bậc 4" in message


def test_max_rank_step_allows_one_rank_up_and_a_lower_post_is_always_allowed() -> None:
    step = _rank_case() | {"rules": RULES | {"max_rank_step": 1}}
    assert {(a.cadre, a.slot) for a in solved(step).assignments} == {("C01", "d2.giam_doc")}
    lower = {"unit": "dep", "title": "giam_doc", "head_terms": 0}
    assert violations(_rank_case(current=lower), ("C01", "d1.pho_bi_thu", "2023-01-01")) == []


def test_an_equivalent_rank_waiver_opens_the_higher_post_and_the_plan_relies_on_it() -> None:
    plan = solved(_rank_case(waivers=[WAIVER]))
    assert [(a.slot, a.waivers) for a in plan.assignments] == [("d2.giam_doc", ["equivalent_rank"])]


def test_a_missing_rank_binds_nothing() -> None:
    titles = {code: {k: v for k, v in t.items() if k != "rank"} for code, t in RANKED.items()}
    titles["giam_doc"]["rank"] = 9
    data = _rank_case() | {"titles": titles}
    assert {(a.cadre, a.slot) for a in solved(data).assignments} == {("C01", "d2.giam_doc")}


def test_the_repair_of_a_rank_conflict_is_the_waiver() -> None:
    """C01 must rotate and the only post is a rank above: the conflict names equivalent_rank with both
    ranks, and the one repair is its waiver."""
    data = _rank_case(must_rotate=True) | {"slots": [slot("d2.giam_doc")], "scores": []}
    plan = solve_or_diagnose(scenario_of(data), OPTIONS)
    assert plan.status == "INFEASIBLE"
    (conflict,) = plan.conflicts
    assert "equivalent_rank" in conflict.rules
    assert "C01 holds rank 3, d2.giam_doc is rank 4" in conflict.message
    assert [r.message_en for r in plan.repairs] == ["waive equivalent_rank for C01"]
    fixed = solve(plan.repairs[0].change.apply(scenario_of(data)), OPTIONS)
    assert fixed.status == "OPTIMAL" and fixed.assignments[0].waivers == ["equivalent_rank"]


# --- title_standards ---------------------------------------------------------------------------------


def _standards_case(qualifications: list[Any]) -> dict[str, Any]:
    """C01, already a district secretary's peer (rank 4 head), should start as early as possible in
    d1.bi_thu, which requires llct_cao_cap."""
    return scenario(
        objective=EARLY,
        cadres=[
            cadre(
                "C01",
                current={"unit": "dep", "title": "giam_doc", "head_terms": 0},
                qualifications=qualifications,
            )
        ],
        slots=[slot("d1.bi_thu")],
    )


@pytest.mark.parametrize(
    ("held_from", "first_start"),
    [("2024-06-30", "2024-07-01"), ("2024-07-01", "2024-07-01"), ("2024-07-02", "2024-10-01")],
)
def test_a_qualification_held_from_a_day_sets_the_first_start(held_from: str, first_start: str) -> None:
    """Held from that day on, the day included (CONTRACT §6.6)."""
    data = _standards_case([{"code": "llct_cao_cap", "from": held_from}, "dai_hoc"])
    assert placed_at(solved(data)) == {("C01", "d1.bi_thu", first_start)}


def test_the_checker_names_the_code_and_the_day_it_is_held() -> None:
    data = _standards_case([{"code": "llct_cao_cap", "from": "2024-06-30"}])
    ((rule, message),) = violations(data, ("C01", "d1.bi_thu", "2024-04-01"))
    assert rule == "title_standards"
    assert "llct_cao_cap (held from 30/06/2024)" in message and "01/04/2024" in message
    assert violations(data, ("C01", "d1.bi_thu", "2024-07-01")) == []
    ((_, never),) = violations(_standards_case([]), ("C01", "d1.bi_thu", "2024-07-01"))
    assert "llct_cao_cap (not held)" in never and "llct_cao_cap (chưa có)" in never


def test_a_title_standards_conflict_has_no_waiver_and_names_the_first_start() -> None:
    """C01 must rotate, the only post requires a code held only from 30/06/2024, and the post must be
    filled by 31/03/2024: the conflict says the first start C01 may take it; no waiver is offered."""
    data = _standards_case([{"code": "llct_cao_cap", "from": "2024-06-30"}])
    data["cadres"][0]["must_rotate"] = True
    data["slots"] = [slot("d1.bi_thu", fill_by="2024-03-31")]
    plan = solve_or_diagnose(scenario_of(data), OPTIONS)
    assert plan.status == "INFEASIBLE"
    assert any("title_standards" in c.rules for c in plan.conflicts)
    message = next(c.message for c in plan.conflicts if "title_standards" in c.rules)
    assert (
        "C01 holds llct_cao_cap from 30/06/2024: the first start it may take d1.bi_thu is 01/07/2024"
        in message
    )
    assert all("waive" not in r.message_en or "title_standards" not in r.message_en for r in plan.repairs)


# --- discipline --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("until", "first_start"), [("2023-06-30", "2023-07-01"), ("2023-07-01", "2023-10-01")]
)
def test_discipline_closes_every_start_on_or_before_its_last_day(until: str, first_start: str) -> None:
    data = scenario(
        objective=EARLY, cadres=[cadre("C01", disciplined_until=until)], slots=[slot("d1.pho_bi_thu")]
    )
    assert placed_at(solved(data)) == {("C01", "d1.pho_bi_thu", first_start)}
    ((rule, message),) = violations(data, ("C01", "d1.pho_bi_thu", "2023-04-01"))
    assert rule == "discipline"
    assert f"under discipline until {date.fromisoformat(until).strftime('%d/%m/%Y')}" in message


# --- commune -----------------------------------------------------------------------------------------


def test_a_commune_is_a_local_unit_for_district_only() -> None:
    """A cadre whose only category is 'no district experience' may go to a commune, not a department."""
    units = [
        {"id": "xa1", "name": "Xã Một", "kind": "commune"},
        {"id": "dep", "name": "Sở Một", "kind": "department"},
        {"id": "dep2", "name": "Sở Hai", "kind": "department"},
    ]
    only_district = cadre("C01", planning=[], district_experience=False)
    data = scenario(
        units=units,
        cadres=[only_district],
        slots=[slot("xa1.pho_bi_thu"), slot("dep2.pho_giam_doc")],
        scores=scores(("C01", "dep2.pho_giam_doc", 10), ("C01", "xa1.pho_bi_thu", 1)),
    )
    assert {(a.cadre, a.slot) for a in solved(data).assignments} == {("C01", "xa1.pho_bi_thu")}
    assert [rule for rule, _ in violations(data, ("C01", "dep2.pho_giam_doc", "2023-01-01"))] == [
        "district_only"
    ]
    assert violations(data, ("C01", "xa1.pho_bi_thu", "2023-01-01")) == []


# --- explanations ------------------------------------------------------------------------------------


def test_explanations_give_the_rank_the_missing_code_and_the_discipline() -> None:
    data = scenario(
        cadres=[
            cadre(
                "C01",
                qualifications=[{"code": "llct_cao_cap", "from": "2024-06-30"}],
                disciplined_until="2023-06-30",
            ),
        ],
        slots=[slot("d1.bi_thu"), slot("d2.pho_bi_thu")],
    )
    loaded = scenario_of(data)
    words = " | ".join(en for _, en in explain_cadre(loaded, "C01").fit)
    assert "C01 holds rank 3, d1.bi_thu is rank 4" in words
    assert (
        "C01 holds llct_cao_cap from 30/06/2024: the first start it may take d1.bi_thu is 01/07/2024" in words
    )
    assert "C01 is under discipline until 30/06/2023" in words
    horizon = {h.start: h.excluded_by for h in explain_cadre(loaded, "C01").horizon}
    assert horizon["2023-04-01"] == ["discipline"] and horizon["2023-07-01"] == []
    assert "d1.bi_thu is rank 4" in " ".join(en for _, en in explain_slot(loaded, "d1.bi_thu").fit)


# --- re-planning -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact", "value", "rule", "start"),
    [
        ("qualifications", [{"code": "llct_cao_cap", "from": "2024-06-30"}], "title_standards", "2024-07-01"),
        ("disciplined_until", "2024-03-31", "discipline", "2024-04-01"),
    ],
)
def test_a_replan_after_an_event_that_breaks_the_rule_names_it(
    fact: str, value: Any, rule: str, start: str
) -> None:
    """C01 was to start in d1.bi_thu on 01/01/2024; an event (a course not finished yet, a discipline)
    breaks the rule for that placement: the re-plan moves C01 and names the rule and the event."""
    data = scenario(
        objective=EARLY,
        cadres=[
            cadre(
                "C01",
                current={"unit": "dep", "title": "giam_doc", "head_terms": 0},
                qualifications=["llct_cao_cap"],
            )
        ],
        slots=[slot("d1.bi_thu")],
    )
    loaded = scenario_of(data)
    old = Plan(scenario="tiny", assignments=[Assignment(cadre="C01", slot="d1.bi_thu", start="2024-01-01")])
    assert check_plan(loaded, old) == []
    event = Event(date=date(2023, 5, 1), set={f"cadres[C01].{fact}": value}, ref="QĐ 7")
    new = replan_as_of(loaded, old, date(2023, 7, 1), [event], options=OPTIONS).plan
    (change,) = new.replan.changes
    assert change.cadre == "C01" and change.before.start == "2024-01-01"
    assert change.after is not None and (change.after.slot, change.after.start) == ("d1.bi_thu", start)
    assert [(r.rule, [e.ref for e in r.events]) for r in change.reasons] == [(rule, ["QĐ 7"])]


# --- the two readings agree --------------------------------------------------------------------------

#: The rules this module is about, and `district_only`, which communes now take part in.
FIT = {"equivalent_rank", "title_standards", "discipline", "district_only"}


@pytest.mark.parametrize("seed", range(60))
def test_the_checker_and_the_eligibility_table_agree_on_every_placement(seed: int) -> None:
    """Every (cadre, slot, start) of a random scenario with fit data, as a one-placement plan: the
    checker's fit violations are the rules the solver side's table names for it, and the plan's
    waivers are the ones the solver side says it relies on (so a mutated plan is judged the same way)."""
    loaded = scenario_of(random_scenario(seed))
    eligibility = Eligibility(loaded)
    for c, cadre_ in enumerate(eligibility.cadres):
        for s, slot_ in enumerate(eligibility.slots):
            for t, start in enumerate(eligibility.starts):
                plan = plan_of((cadre_.id, slot_.id, start.isoformat()))
                checked = {v.rule for v in check_plan(loaded, plan)} & FIT
                assert checked == set(eligibility.exclusions(c, s, t)) & FIT, (
                    seed,
                    cadre_.id,
                    slot_.id,
                    start,
                )
                if "equivalent_rank" in eligibility.relied_waivers(c, s, t):
                    unwaived = loaded.model_copy(
                        update={
                            "cadres": tuple(
                                x.model_copy(update={"waivers": ()}) if x.id == cadre_.id else x
                                for x in loaded.cadres
                            )
                        }
                    )
                    assert "equivalent_rank" in {v.rule for v in check_plan(unwaived, plan)}
