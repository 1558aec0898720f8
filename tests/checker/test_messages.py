"""The checker's messages in words a planner reads: official category names, never raw ids inside a
sentence, and English plurals right."""

from __future__ import annotations

import re

from planner import SolveOptions, check_plan, load_scenario, solve
from tests.support.paths import EXAMPLE

CATEGORY_IDS = ("planning", "no_district_experience", "term_limit", "local_key_post", "must_rotate")


def test_a_mandatory_cadre_left_out_is_named_by_its_category_in_words() -> None:
    scenario = load_scenario(EXAMPLE)
    plan = solve(scenario, SolveOptions(time_limit=10, workers=1, seed=0))
    without = plan.model_copy(update={"assignments": [a for a in plan.assignments if a.cadre != "C05"]})
    messages = [v.message for v in check_plan(scenario, without).violations if v.rule == "mandatory_rotation"]
    assert messages and "C05" in messages[0]
    assert "giữ chức vụ cấp trưởng hai nhiệm kỳ liên tiếp" in messages[0]
    assert not any(re.search(rf"\b{c}\b", messages[0]) for c in CATEGORY_IDS)


def test_english_counts_take_the_plural_only_above_one() -> None:
    scenario = load_scenario(EXAMPLE)
    plan = solve(scenario, SolveOptions(time_limit=10, workers=1, seed=0))
    one = plan.model_copy(update={"assignments": plan.assignments[:1]})
    messages = [v.message for v in check_plan(scenario, one).violations if v.rule == "quota"]
    assert messages and "1 rotation," in messages[0] and "1 rotations" not in messages[0]
