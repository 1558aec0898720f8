"""Why-not answers use the plan's own numbers (issue 11): a forced alternative's score is the score the
forced plan gives that placement, earlier-start part included, and an alternative is forced only when it
can score above the placement as the plan scores it."""

from __future__ import annotations

import pytest

from models import AddPin
from models.loading import load_scenario
from planner.analysis.explain import explain_cadre
from planner.analysis.why_not import forced_alternatives, waiver_gains
from planner.eligibility.table import Eligibility
from planner.solving import SolveOptions, solve
from tests.support.paths import REFERENCE

OPTIONS = SolveOptions(time_limit=20, workers=1, seed=0)


@pytest.fixture(scope="module")
def solved():
    scenario = load_scenario(REFERENCE)
    return scenario, solve(scenario, OPTIONS)


def test_a_forced_alternative_is_scored_as_the_forced_plan_scores_it(solved) -> None:
    scenario, base = solved
    checked = 0
    for placement in base.assignments:
        for f in forced_alternatives(scenario, placement.cadre, base, OPTIONS, limit=1):
            if f.objective is None:
                continue
            pinned = next(
                a
                for a in solve_pinned(scenario, placement.cadre, f.slot).assignments
                if a.cadre == placement.cadre
            )
            assert f.start == pinned.start
            assert f.pair_score == pytest.approx(pinned.score)
            checked += 1
    assert checked, "some placement of the reference plan has a better-scoring alternative"


def solve_pinned(scenario, cadre: str, slot: str):
    return solve(AddPin(cadre=cadre, slot=slot).apply(scenario), OPTIONS)


def test_only_posts_that_can_beat_the_placement_as_the_plan_scores_it_are_forced(solved) -> None:
    """The floor is the placement's score in the plan (with its earlier-start part), and a post's best is
    its score at its first admissible start: the numbers `explain` prints."""
    scenario, base = solved
    eligibility = Eligibility(scenario)
    for placement in base.assignments[:2]:
        verdicts = {v.slot: v for v in explain_cadre(eligibility, placement.cadre).verdicts if v.eligible}
        forced = {f.slot for f in forced_alternatives(scenario, placement.cadre, base, OPTIONS, limit=50)}
        better = {s for s, v in verdicts.items() if s != placement.slot and v.score > placement.score}
        assert forced == better, placement.cadre


def test_the_waiver_search_says_how_far_it_went(solved) -> None:
    scenario, base = solved
    search = waiver_gains(scenario, base, OPTIONS, limit=2)
    assert search.tried == len(search.gains) <= 2
    assert search.stopped == ("limit" if search.candidates > 2 else "all")
    assert all(g.gain is not None and g.gain > 0 for g in search.raising)
