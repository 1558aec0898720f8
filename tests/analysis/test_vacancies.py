"""Projected vacancies (issue 26 item 3): each post the scenario's facts open, on the day of the fact
that opens it, and nothing the facts do not imply."""

from __future__ import annotations

from datetime import date

import pytest

from models.errors import InputError
from planner.analysis import projected_vacancies
from tests.support.builders import cadre, plan_of, scenario_of, slot, tiny_scenario


def _found(scenario, until: str, plan=None) -> list[tuple[str, str, str, str, str]]:
    """(id, unit.title, open_from, holder, reason) of each projected post."""
    return [
        (v.post.id, f"{v.post.unit}.{v.post.title}", v.post.open_from.isoformat(), v.cadre, v.reason)
        for v in projected_vacancies(scenario, date.fromisoformat(until), plan)
    ]


def test_a_retirement_opens_the_holders_post_on_the_retirement_day_inclusive() -> None:
    scenario = scenario_of(tiny_scenario(cadres=[cadre("C01", retirement_date="2026-07-01"), cadre("C02")]))
    assert _found(scenario, "2026-06-30") == []
    assert _found(scenario, "2026-07-01") == [
        ("dep.pho_giam_doc@2026-07", "dep.pho_giam_doc", "2026-07-01", "C01", "retirement")
    ]


def test_a_head_reaching_the_term_limit_opens_its_post_the_day_it_reaches_it() -> None:
    head = {"unit": "d1", "title": "bi_thu", "head_terms": 1, "head_since": "2018-04-01"}
    scenario = scenario_of(tiny_scenario(cadres=[cadre("C01", current=head, local_to=["d2"]), cadre("C02")]))
    assert _found(scenario, "2026-03-31") == []
    assert _found(scenario, "2026-04-01") == [
        ("d1.bi_thu@2026-04", "d1.bi_thu", "2026-04-01", "C01", "tenure")
    ]
    # the earliest fact opens it: retiring first, the post opens at the retirement
    retiring = cadre("C01", current=head, local_to=["d2"], retirement_date="2025-10-01")
    scenario = scenario_of(tiny_scenario(cadres=[retiring, cadre("C02")]))
    assert _found(scenario, "2030-01-01")[0][2:] == ("2025-10-01", "C01", "retirement")


def test_a_fact_before_the_period_opens_the_post_on_the_period_start() -> None:
    head = {"unit": "d1", "title": "bi_thu", "head_terms": 2, "head_since": "2012-01-01"}
    scenario = scenario_of(tiny_scenario(cadres=[cadre("C01", current=head, local_to=["d2"]), cadre("C02")]))
    (vacancy,) = projected_vacancies(scenario, date(2023, 1, 1))
    assert vacancy.post.open_from == date(2023, 1, 1) and vacancy.fact_day == date(2020, 1, 1)


def test_a_plan_opens_each_rotated_cadres_post_on_its_start_and_nothing_else() -> None:
    scenario = scenario_of(tiny_scenario(cadres=[cadre("C01"), cadre("C02", retirement_date="2027-01-01")]))
    assert _found(scenario, "2026-12-31") == []  # no fact opens anything by then without the plan
    plan = plan_of(("C02", "d2.pho_bi_thu", "2024-01-01"))
    # C02 leaves dep on its start; its retirement no longer opens dep (it has left), nor d2 (its after decides)
    assert _found(scenario, "2030-12-31", plan) == [
        ("dep.pho_giam_doc@2024-01", "dep.pho_giam_doc", "2024-01-01", "C02", "departure")
    ]


def test_a_chain_post_the_plan_fills_does_not_open() -> None:
    holder = cadre("C03", current={"unit": "d1", "title": "bi_thu", "head_terms": 2}, local_to=["d2"])
    slots = [slot("d1.bi_thu", vacated_by="C03"), slot("d2.pho_bi_thu"), slot("dep.giam_doc")]
    scenario = scenario_of(tiny_scenario(cadres=[cadre("C01"), cadre("C02"), holder], slots=slots))
    rotated = plan_of(("C03", "dep.giam_doc", "2023-04-01"))
    assert [row[3] for row in _found(scenario, "2030-12-31", rotated)] == ["C03"]
    filled = plan_of(("C03", "dep.giam_doc", "2023-04-01"), ("C01", "d1.bi_thu", "2023-04-01"))
    assert [row[3] for row in _found(scenario, "2030-12-31", filled)] == ["C01"]


def test_posts_opening_in_one_unit_and_month_get_ids_that_paste_as_they_are() -> None:
    scenario = scenario_of(tiny_scenario())
    plan = plan_of(("C01", "d1.pho_bi_thu", "2024-01-01"), ("C02", "d2.pho_bi_thu", "2024-01-01"))
    found = projected_vacancies(scenario, date(2030, 1, 1), plan)
    assert [v.post.id for v in found] == ["dep.pho_giam_doc@2024-01", "dep.pho_giam_doc@2024-01-2"]
    posts = [v.post.model_dump(mode="json") for v in found]
    pasted = scenario_of(tiny_scenario(after_rotation={"horizon": "2027-12-31", "posts": posts}))
    assert [p.id for p in pasted.after_rotation.posts] == [v.post.id for v in found]


def test_a_post_the_scenario_already_lists_keeps_its_id_and_is_marked() -> None:
    listed = {"id": "mine", "unit": "dep", "title": "pho_giam_doc", "open_from": "2026-07-01"}
    taken = {"id": "dep.pho_giam_doc@2025-01", "unit": "d1", "title": "bi_thu", "open_from": "2025-01-01"}
    scenario = scenario_of(
        tiny_scenario(
            cadres=[cadre("C01", retirement_date="2026-07-01"), cadre("C02", retirement_date="2025-01-01")],
            after_rotation={"horizon": "2027-12-31", "posts": [listed, taken]},
        )
    )
    found = projected_vacancies(scenario, date(2030, 1, 1))
    assert [(v.post.id, v.listed) for v in found] == [("dep.pho_giam_doc@2025-01-2", None), ("mine", "mine")]


def test_a_plan_start_that_is_no_date_is_bad_input_naming_the_assignment() -> None:
    scenario = scenario_of(tiny_scenario())
    with pytest.raises(InputError) as raised:
        projected_vacancies(
            scenario, date(2030, 1, 1), plan_of(("C01", "d1.pho_bi_thu", "soon")), "plan.json"
        )
    assert "plan.json: assignments[0].start" in str(raised.value)
