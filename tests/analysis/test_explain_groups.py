"""An explanation's verdicts grouped as the console and the web pages say them: excluded pairs one group a
set of rules, eligible pairs alike in one group, the limits every eligible pair shares apart; and the
why-not's re-solves, one by one (`posts_to_force`, `force_post`), answer as `forced_alternatives` does."""

from __future__ import annotations

from models.loading import load_scenario
from planner.analysis import (
    eligible_groups,
    excluded_groups,
    force_post,
    forced_alternatives,
    posts_to_force,
    shared_limits,
)
from planner.analysis.explain import explain_cadre, explain_slot
from planner.eligibility.table import Eligibility
from planner.solving import SolveOptions, solve
from tests.support.paths import EXAMPLE

OPTIONS = SolveOptions(time_limit=5, workers=1, seed=0)


def test_every_pair_is_in_exactly_one_group() -> None:
    scenario = load_scenario(EXAMPLE)
    eligibility = Eligibility(scenario)
    for cadre in scenario.cadres:
        verdicts = explain_cadre(eligibility, cadre.id).verdicts
        shared = shared_limits(verdicts)
        excluded = excluded_groups(verdicts, lambda v: v.slot)
        eligible = eligible_groups(verdicts, lambda v: v.slot, shared)
        members = [m for g in excluded for m in g.members] + [m for g in eligible for m in g.members]
        assert sorted(members) == sorted(v.slot for v in verdicts)
        for group in excluded:
            for slot in group.members:
                verdict = next(v for v in verdicts if v.slot == slot)
                assert tuple(verdict.excluded_by) == group.rules
        assert [len(g.members) for g in excluded] == sorted((len(g.members) for g in excluded), reverse=True)
        for group in eligible:
            for slot in group.members:
                verdict = next(v for v in verdicts if v.slot == slot)
                assert verdict.score_parts == group.verdict.score_parts
                assert verdict.first_start == group.verdict.first_start
        for limit in shared:
            assert all(limit in v.limited_by for v in verdicts if v.eligible)


def test_a_slot_groups_its_excluded_cadres_by_the_first_rule() -> None:
    scenario = load_scenario(EXAMPLE)
    verdicts = explain_slot(Eligibility(scenario), "phong_dien.chu_tich").verdicts
    groups = excluded_groups(verdicts, lambda v: v.cadre, first_only=True)
    assert all(len(g.rules) == 1 for g in groups)
    assert sum(len(g.members) for g in groups) == sum(not v.eligible for v in verdicts)


def test_the_why_not_one_post_at_a_time_is_the_whole_answer() -> None:
    scenario = load_scenario(EXAMPLE)
    base = solve(scenario, OPTIONS)
    for cadre in ("C05", "C10"):
        posts = posts_to_force(scenario, cadre, base)
        assert posts, cadre
        one_by_one = [force_post(scenario, cadre, slot, score, base, OPTIONS) for slot, score in posts]
        assert one_by_one == forced_alternatives(scenario, cadre, base, OPTIONS)
