"""Explanations agree with the independent checker, and the why / why-not / what-if answers hold up.

The pair verdicts that `planner explain` prints are compared, for every (cadre, slot) pair of the example
and the reference scenario, with what the checker says of that placement at each start date.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from models import AddPin, AddWaiver
from models.loading import load_scenario
from models.plan import Assignment, Plan
from planner.analysis.explain import explain_cadre, explain_slot, vacancy_chain
from planner.analysis.why_not import forced_alternatives, waiver_openings
from planner.checker import check_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.explaining import explain_plan
from planner.solving import SolveOptions, solve
from tests.cli.test_cli import EXAMPLE, ROOT, one_line, planner
from tests.eligibility.test_eligibility_vs_checker import PER_ASSIGNMENT_RULES
from tests.support.builders import scenario_of, slot, term_limited_native, tiny_scenario

REFERENCE = ROOT / "scenarios" / "can-tho-2022-2025.yaml"
OPTIONS = SolveOptions(time_limit=20, workers=1, seed=0)


def checker_rules_by_start(scenario, eligibility, cadre_id: str) -> list[dict[str, set[str]]]:
    """For each start: slot -> the per-assignment rules the checker reports for the cadre there."""
    found_by_start = []
    for start in eligibility.starts:
        plan = Plan(
            assignments=[
                Assignment(cadre=cadre_id, slot=s.id, start=start.isoformat()) for s in scenario.slots
            ]
        )
        found: dict[str, set[str]] = {s.id: set() for s in scenario.slots}
        for v in check_plan(scenario, plan):
            if v.rule in PER_ASSIGNMENT_RULES:
                for slot_id in [v.slot] if v.slot else list(found):
                    found[slot_id].add(v.rule)
        found_by_start.append(found)
    return found_by_start


@pytest.mark.parametrize("scenario_file", [EXAMPLE, pytest.param(REFERENCE, marks=pytest.mark.slow)])
def test_every_pair_verdict_is_the_checkers(scenario_file: Path) -> None:
    """Eligible exactly when the checker accepts some start, with the same first and last start; when
    excluded, the rules named are those the checker reports at every start (or, when no one rule closes
    every start, all the rules it reports)."""
    scenario = load_scenario(scenario_file)
    eligibility = Eligibility(scenario)
    disagreements = []
    for c in scenario.cadres:
        by_start = checker_rules_by_start(scenario, eligibility, c.id)
        for verdict in explain_cadre(eligibility, c.id).verdicts:
            per_start = [found[verdict.slot] for found in by_start]
            open_starts = [
                eligibility.starts[t].isoformat() for t, rules in enumerate(per_start) if not rules
            ]
            if verdict.eligible:
                expected = (open_starts[:1] + open_starts[-1:]) if open_starts else None
                if [verdict.first_start, verdict.last_start] != expected:
                    disagreements.append((c.id, verdict.slot, "starts", expected))
                continue
            everywhere = set.intersection(*per_start)
            expected_rules = everywhere or set.union(*per_start)
            if open_starts or set(verdict.excluded_by) != expected_rules:
                disagreements.append((c.id, verdict.slot, verdict.excluded_by, sorted(expected_rules)))
    assert not disagreements, disagreements[:10]


def test_slot_shortlist_ranks_eligible_cadres_and_names_the_first_rule() -> None:
    scenario = load_scenario(REFERENCE)
    eligibility = Eligibility(scenario)
    explanation = explain_slot(eligibility, "o_mon.chu_tich")
    eligible = [v for v in explanation.verdicts if v.eligible]
    excluded = [v for v in explanation.verdicts if not v.eligible]
    assert eligible and excluded
    assert [v.score for v in eligible] == sorted((v.score for v in eligible), reverse=True)
    assert explanation.verdicts[: len(eligible)] == eligible, "eligible cadres come first"
    order = list(__import__("planner.rules", fromlist=["RULES"]).RULES)
    for v in excluded:
        assert v.excluded_by == sorted(v.excluded_by, key=order.index), (
            "the first rule is the catalogue's first"
        )


def test_vacancy_chain_runs_from_the_opener_to_the_vacated_slot() -> None:
    """o_mon.chu_tich opens when C056 rotates: in the plan, C056's own destination comes first."""
    scenario = load_scenario(REFERENCE)
    eligibility = Eligibility(scenario)
    plan = solve(scenario, OPTIONS)
    placed = {a.cadre: a for a in plan.assignments}
    chain = vacancy_chain(eligibility, "o_mon.chu_tich", plan)
    assert "o_mon.chu_tich" in [link.slot for link in chain]
    assert chain[0].slot == placed["C056"].slot and chain[0].filled_by == "C056"
    vacated = next(link for link in chain if link.slot == "o_mon.chu_tich")
    assert vacated.opened_by == "C056"
    assert vacated.start is None or vacated.start >= placed["C056"].start
    assert vacancy_chain(eligibility, "so_y_te.pho_giam_doc", None) == []


def test_service_horizon_matches_the_remaining_service_rule() -> None:
    """C124 (waived) aside, a cadre whose service runs out mid-period is closed from that start on."""
    scenario = load_scenario(REFERENCE)
    eligibility = Eligibility(scenario)
    years = scenario.rules.min_remaining_service_years
    for c in scenario.cadres[:60]:
        for h in explain_cadre(eligibility, c.id).horizon:
            closed = "remaining_service" in h.excluded_by
            if (
                not c.waives("remaining_service")
                and eligibility.facts[eligibility.cadre_index[c.id]].candidate
            ):
                assert closed == (h.years_left < years), (c.id, h)


def test_forced_alternatives_cost_what_the_pinned_solve_says() -> None:
    """Forcing a better-scoring slot never beats the optimum, and the cost is the pinned optimum's."""
    scenario = load_scenario(REFERENCE)
    base = solve(scenario, OPTIONS)
    cadre_id = "C098"
    forced = forced_alternatives(scenario, cadre_id, base, OPTIONS)
    assert forced, "C098 has better-scoring eligible slots than its placement"
    for f in forced:
        assert f.objective_lost is not None and f.objective_lost >= 0
        pinned = AddPin(cadre=cadre_id, slot=f.slot).apply(scenario)
        again = solve(pinned, OPTIONS)
        assert again.objective == f.objective
        assert (cadre_id, f.slot) in {(a.cadre, a.slot) for a in again.assignments}
        assert check_plan(pinned, again) == []
        assert all(m.cadre != cadre_id for m in f.others_moved)


def test_waiver_openings_open_what_the_waiver_opens() -> None:
    """Each opening found is closed now, and eligible once the cadre has the waiver."""
    scenario = load_scenario(REFERENCE)
    eligibility = Eligibility(scenario)
    openings = waiver_openings(eligibility)
    assert openings
    for (cadre_id, rule), slots in list(openings.items())[:15]:
        waived = Eligibility(AddWaiver(cadre=cadre_id, rule=rule).apply(scenario))
        ci = eligibility.cadre_index[cadre_id]
        for _, slot_id in slots:
            si = eligibility.slot_index[slot_id]
            assert waived.window(ci, si) != eligibility.window(ci, si)
            lo, hi = waived.window(ci, si)
            assert lo <= hi


def test_plan_file_explains_each_assignment() -> None:
    scenario = load_scenario(REFERENCE)
    plan = solve(scenario, OPTIONS)
    eligibility = Eligibility(scenario)
    scoring = Scoring(eligibility)
    for a in plan.assignments:
        e = a.explanation
        assert e is not None
        assert sum(e.components.values()) == pytest.approx(a.score)
        assert set(e.rules_checked) >= PER_ASSIGNMENT_RULES
        ci = eligibility.cadre_index[a.cadre]
        assert e.categories == sorted(eligibility.facts[ci].categories)
        assert e.retirement_date == eligibility.facts[ci].retirement.isoformat()
        assert e.eligible_slots == sum(1 for p in eligibility.pairs if p.cadre == ci)
        assert scoring.scale == 1


@pytest.mark.slow
def test_what_if_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "whatif.json"
    done = planner(
        "solve",
        EXAMPLE,
        "-o",
        out,
        "--workers",
        "1",
        "--pin",
        "C01=ninh_kieu.pho_chu_tich",
        "--waive",
        "C03=min_duration",
    )
    assert done.returncode == 0, done.stderr
    text = one_line(done.stdout)
    assert "What-if" in text and "Objective" in text and "must-rotate cadres left unplaced" in text
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert [r["kind"] for r in plan["what_if"]] == ["add_pin", "add_waiver"]
    assert ("C01", "ninh_kieu.pho_chu_tich") in {(a["cadre"], a["slot"]) for a in plan["assignments"]}
    checked = planner("check", EXAMPLE, out)
    assert checked.returncode == 0, checked.stdout


def test_bad_what_if_is_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "whatif.json"
    done = planner(
        "solve", EXAMPLE, "-o", out, "--pin", "C01=nowhere", "--waive", "C01=health", "--forbid", "X9=a"
    )
    assert done.returncode == 2
    assert "nowhere" in done.stderr and "health" in done.stderr and "X9" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


@pytest.mark.slow
def test_explain_cadre_why_not_from_the_command_line(tmp_path: Path) -> None:
    done = planner("explain", REFERENCE, "--cadre", "C098")
    assert done.returncode == 0, done.stderr
    text = one_line(done.stdout)
    assert "Why not elsewhere" in text and "Years left" in text


@pytest.mark.slow
def test_explain_waivers_lists_the_ledger_and_the_best_waiver() -> None:
    done = planner("explain", REFERENCE, "--waivers", "--time-limit", "5")
    assert done.returncode == 0, done.stderr
    text = one_line(done.stdout)
    assert "Waiver ledger" in text and "C124" in text and "remaining_service" in text
    assert "re-solved with each single waiver" in text  # what was tried and why it stopped, in words
    assert "+0" not in text  # a waiver gaining nothing is never offered


def test_explain_waivers_of_an_infeasible_scenario_names_the_waiver_that_restores_a_plan(
    tmp_path: Path,
) -> None:
    data = tiny_scenario(
        rules={"quota": {"min": 0, "max": 5}, "youth": {"age_below": 40, "max_heads": 0}},
        cadres=[term_limited_native()],
        slots=[slot("d1.bi_thu"), slot("d1.pho_bi_thu")],
    )
    scenario_of(data)
    path = tmp_path / "s.yaml"
    path.write_text(__import__("yaml").safe_dump(data, allow_unicode=True), encoding="utf-8")
    done = planner("explain", path, "--waivers")
    assert done.returncode == 0, done.stderr
    assert "waive non_locality for C01" in one_line(done.stdout)


def test_what_if_pin_start_must_be_a_period_start(tmp_path: Path) -> None:
    out = tmp_path / "whatif.json"
    done = planner("solve", EXAMPLE, "-o", out, "--pin", "C01=ninh_kieu.pho_chu_tich@2023-02-01")
    assert done.returncode == 2
    assert "2023-02-01" in done.stderr and "start dates" in one_line(done.stderr)
    assert not out.exists()


def test_what_if_pin_replaces_the_cadres_own_pin() -> None:
    """C029 is pinned in the reference scenario; a what-if pin elsewhere moves it, not a clash of pins."""
    scenario = load_scenario(REFERENCE)
    moved = AddPin(cadre="C029", slot="thoi_lai.pho_bi_thu").apply(scenario)
    assert [(p.cadre, p.slot) for p in moved.pins if p.cadre == "C029"] == [("C029", "thoi_lai.pho_bi_thu")]
    plan = solve(moved, OPTIONS)
    assert ("C029", "thoi_lai.pho_bi_thu") in {(a.cadre, a.slot) for a in plan.assignments}


def test_the_explained_score_of_a_placement_is_the_plans() -> None:
    """Every placed cadre's verdict for its slot is scored at the plan's start: the same number as the
    plan (earlier-start part included), with parts that add up to it."""
    scenario = load_scenario(REFERENCE)
    plan = solve(scenario, OPTIONS)
    eligibility = Eligibility(scenario)
    for a in plan.assignments:
        verdict = next(v for v in explain_cadre(eligibility, a.cadre, plan).verdicts if v.slot == a.slot)
        assert verdict.scored_at == a.start
        assert verdict.score == pytest.approx(a.score), a.cadre


def test_a_young_head_is_eligible_but_limited_by_the_youth_cap_until_they_are_not_young() -> None:
    """An eligible head post of a cadre young at its first starts names the youth cap, and the first start
    from which the cadre no longer counts against it. The reference's titles without their ranks and
    standards (edition 3): with them, no young cadre there is fit for a head post yet."""
    reference = load_scenario(REFERENCE)
    titles = {
        code: t.model_copy(update={"rank": None, "requires": ()}) for code, t in reference.titles.items()
    }
    scenario = reference.model_copy(update={"titles": titles})
    eligibility = Eligibility(scenario)
    found = 0
    for c in scenario.cadres:
        for v in explain_cadre(eligibility, c.id).verdicts:
            limits = {limit.rule: limit for limit in v.limited_by}
            if v.eligible and "youth_heads" in limits:
                found += 1
                free = limits["youth_heads"].free_from
                ci = eligibility.cadre_index[c.id]
                first = eligibility.starts.index(date.fromisoformat(v.first_start))
                assert eligibility.young_at(ci, first)
                if free is not None:
                    assert not eligibility.young_at(ci, eligibility.starts.index(date.fromisoformat(free)))
    assert found, "the reference scenario has young cadres eligible for head posts"


def test_explain_plan_is_what_the_command_line_prints_and_the_web_renders() -> None:
    """One call answers every question `planner explain` asks: the cadre and post against a fresh solve,
    why not elsewhere (each forced by a pin), and the waivers the plan relies on and would gain from."""
    scenario = load_scenario(EXAMPLE)
    explained = explain_plan(scenario, cadre="C05", slot="o_mon.bi_thu", waivers=True, options=OPTIONS)
    base = explained.base
    assert base is not None and base.objective == solve(scenario, OPTIONS).objective
    eligibility = Eligibility(scenario)
    assert explained.cadre == explain_cadre(eligibility, "C05", base)
    assert explained.slot == explain_slot(eligibility, "o_mon.bi_thu", base)
    assert explained.why_not is not None and explained.why_not.base_objective == base.objective
    assert explained.why_not.forced == forced_alternatives(scenario, "C05", base, OPTIONS)
    assert explained.waivers is not None and explained.waivers.search is not None
    assert explained.waivers.base is base
    relied = {(a.cadre, rule): [a.slot] for a in base.assignments for rule in a.waivers}
    assert explained.waivers.relied == relied and explained.waivers.restoring == []


def test_explain_plan_of_a_stored_plan_solves_nothing_unless_asked() -> None:
    """The web's question (no why-not) of a plan without a plan: the plan is explained as it is."""
    scenario = load_scenario(EXAMPLE)
    stored = Plan(status="INFEASIBLE")
    explained = explain_plan(scenario, stored, cadre="C05", why_not=False)
    assert explained.base is stored and explained.why_not is None and explained.waivers is None
    assert explained.cadre is not None and explained.cadre.placed is None and explained.slot is None
