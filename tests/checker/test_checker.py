"""The independent checker, rule by rule: for each rule id a tiny scenario and a plan that breaks exactly
that rule (reported with the right cadre and slot), and a plan that respects it (not reported)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import yaml

from models.scenario import Scenario
from planner.checker import Violation, check_plan
from planner.checker.facts import categories_of, facts_by_cadre, retirement_of, term_limit_day
from planner.checker.rules import RULE_IDS, months_left, years_and_months
from tests.support.builders import cadre, plan_of, scenario_of, slot, tiny_scenario, with_rules
from tests.support.contract import contract_rule_ids
from tests.support.paths import EXAMPLE, ROOT

RULES_DOC = ROOT / "docs" / "rules.md"

Row = tuple[str, str, str | None]


def check(data: dict[str, Any], *rows: Row) -> list[Violation]:
    return check_plan(scenario_of(data), plan_of(*rows))


def rules_broken(data: dict[str, Any], *rows: Row) -> set[str]:
    return {v.rule for v in check(data, *rows)}


def where(rule: str, data: dict[str, Any], *rows: Row) -> list[tuple[str | None, str | None]]:
    """(cadre, slot) of each violation of `rule`."""
    return [(v.cadre, v.slot) for v in check(data, *rows) if v.rule == rule]


def test_base_scenario_and_plan_break_nothing():
    assert check(tiny_scenario(), ("C01", "d1.bi_thu", "2023-01-01")) == []


# --- unknown_reference -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (("C99", "d1.bi_thu", "2023-01-01"), ("C99", "d1.bi_thu")),
        (("C01", "nowhere.bi_thu", "2023-01-01"), ("C01", "nowhere.bi_thu")),
        (("C01", "d1.bi_thu", "2023-13-01"), ("C01", "d1.bi_thu")),
        (("C01", "d1.bi_thu", "2023-02-30"), ("C01", "d1.bi_thu")),
        (("C01", "d1.bi_thu", "01/01/2023"), ("C01", "d1.bi_thu")),
        (("C01", "d1.bi_thu", "20230101"), ("C01", "d1.bi_thu")),
        (("C01", "d1.bi_thu", None), ("C01", "d1.bi_thu")),
    ],
)
def test_unknown_reference(row: Row, expected: tuple[str, str]):
    assert rules_broken(tiny_scenario(), row) == {"unknown_reference"}
    assert where("unknown_reference", tiny_scenario(), row) == [expected]


def test_unknown_reference_reports_each_missing_part():
    violations = check(tiny_scenario(), ("C99", "nowhere.x", "soon"))
    assert [v.rule for v in violations] == ["unknown_reference"] * 3


def test_unresolved_assignment_counts_for_nothing():
    data = tiny_scenario(
        rules={"quota": {"min": 1}},
        cadres=[cadre("C01", must_rotate=True)],
    )
    assert rules_broken(data, ("C01", "nowhere.x", "2023-01-01")) == {
        "unknown_reference",
        "quota",
        "mandatory_rotation",
    }


# --- one_slot_per_cadre, one_cadre_per_slot, quota ---------------------------------------------------


def test_one_slot_per_cadre():
    rows = [("C01", "d1.bi_thu", "2023-01-01"), ("C01", "d2.pho_bi_thu", "2023-01-01")]
    assert rules_broken(tiny_scenario(), *rows) == {"one_slot_per_cadre"}
    assert where("one_slot_per_cadre", tiny_scenario(), *rows) == [("C01", None)]
    assert rules_broken(tiny_scenario(), rows[0], ("C02", "d2.pho_bi_thu", "2023-01-01")) == set()


def test_one_cadre_per_slot():
    rows = [("C01", "d1.bi_thu", "2023-01-01"), ("C02", "d1.bi_thu", "2023-04-01")]
    assert rules_broken(tiny_scenario(), *rows) == {"one_cadre_per_slot"}
    assert where("one_cadre_per_slot", tiny_scenario(), *rows) == [(None, "d1.bi_thu")]


def test_quota_min():
    data = with_rules(quota={"min": 2, "max": 3})
    assert where("quota", data, ("C01", "d1.bi_thu", "2023-01-01")) == [(None, None)]
    rows = [("C01", "d1.bi_thu", "2023-01-01"), ("C02", "d2.pho_bi_thu", "2023-01-01")]
    assert rules_broken(data, *rows) == set()


def test_quota_max():
    data = with_rules(quota={"min": 0, "max": 1})
    rows = [("C01", "d1.bi_thu", "2023-01-01"), ("C02", "d2.pho_bi_thu", "2023-01-01")]
    assert rules_broken(data, *rows) == {"quota"}
    assert rules_broken(data, rows[0]) == set()


def test_quota_without_max_has_no_upper_bound():
    data = with_rules(quota={"min": 0})
    rows = [("C01", "d1.bi_thu", "2023-01-01"), ("C02", "d2.pho_bi_thu", "2023-01-01")]
    assert rules_broken(data, *rows) == set()


# --- candidate, district_only, health ----------------------------------------------------------------


def test_candidate():
    outsider = cadre("C03", planning=[])
    data = tiny_scenario(cadres=[outsider])
    assert where("candidate", data, ("C03", "d1.pho_bi_thu", "2023-01-01")) == [("C03", "d1.pho_bi_thu")]
    assert rules_broken(data, ("C03", "d1.pho_bi_thu", "2023-01-01")) == {"candidate"}
    without_post = tiny_scenario(cadres=[cadre("C03", planning=[], current=None)])
    assert rules_broken(without_post, ("C03", "d1.pho_bi_thu", "2023-01-01")) == {"candidate"}


@pytest.mark.parametrize(
    "fields",
    [
        {"planning": ["x"]},
        {"planning": [], "district_experience": False},
        {"planning": [], "must_rotate": True},
        {"planning": [], "current": {"unit": "dep", "title": "giam_doc", "head_terms": 2}},
    ],
)
def test_candidate_categories(fields: dict[str, Any]):
    data = tiny_scenario(cadres=[cadre("C03", **fields)])
    assert "candidate" not in rules_broken(data, ("C03", "d1.bi_thu", "2023-01-01"))


def test_district_only():
    newcomer = cadre(
        "C03", planning=[], district_experience=False, current={"unit": "dep2", "title": "pho_giam_doc"}
    )
    data = tiny_scenario(cadres=[newcomer])
    assert rules_broken(data, ("C03", "dep.giam_doc", "2023-01-01")) == {"district_only"}
    assert where("district_only", data, ("C03", "dep.giam_doc", "2023-01-01")) == [("C03", "dep.giam_doc")]
    assert rules_broken(data, ("C03", "d1.pho_bi_thu", "2023-01-01")) == set()


def test_district_only_does_not_bind_a_cadre_in_planning_too():
    data = tiny_scenario(
        cadres=[cadre("C03", district_experience=False, current={"unit": "dep2", "title": "pho_giam_doc"})]
    )
    assert rules_broken(data, ("C03", "dep.giam_doc", "2023-01-01")) == set()


def test_health():
    data = tiny_scenario(cadres=[cadre("C01", health_ok=False)])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == {"health"}
    assert where("health", data, ("C01", "d1.bi_thu", "2023-01-01")) == [("C01", "d1.bi_thu")]


# --- remaining_service, min_duration (retirement) ----------------------------------------------------


MONTHLY_2032 = {"start": "2032-01-01", "end": "2033-12-31", "granularity": "month"}


def messages(rule: str, data: dict[str, Any], *rows: Row) -> list[str]:
    return [v.message for v in check(data, *rows) if v.rule == rule]


def test_remaining_service_contract_example():
    """CONTRACT §2: retiring on 2042-09-01, one works through 08/2042; a start on 2032-08-01 leaves
    120 whole months and meets a 10-year rule, a start on 2032-09-01 leaves 119 and does not."""
    data = tiny_scenario(period=MONTHLY_2032, cadres=[cadre("C01", retirement_date="2042-09-01")])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2032-07-01")) == set()
    assert rules_broken(data, ("C01", "d1.bi_thu", "2032-08-01")) == set()
    assert where("remaining_service", data, ("C01", "d1.bi_thu", "2032-09-01")) == [("C01", "d1.bi_thu")]
    assert rules_broken(data, ("C01", "d1.bi_thu", "2032-09-01")) == {"remaining_service"}
    (message,) = messages("remaining_service", data, ("C01", "d1.bi_thu", "2032-09-01"))
    assert "còn 9 năm 11 tháng công tác" in message and "9 years 11 months left" in message
    assert "08/2042" in message and "2042-08" in message


def test_remaining_service_guidance_06_example():
    """DOMAIN.md, Guidance 06-HD/BTCTW: a man born 02/1965 retires at 61y6m, end of 08/2026; in 08/2021
    exactly 5 years are left, a start in 09/2021 leaves 4 years 11 months."""
    data = tiny_scenario(
        period={"start": "2021-01-01", "end": "2021-12-31", "granularity": "month"},
        rules={"quota": {"min": 0}, "min_remaining_service_years": 5},
        cadres=[cadre("C01", birth_date="1965-02-10")],
    )
    assert facts_by_cadre(scenario_of(data))["C01"].retirement == date(2026, 9, 1)
    assert rules_broken(data, ("C01", "d1.bi_thu", "2021-08-01")) == set()
    (message,) = messages("remaining_service", data, ("C01", "d1.bi_thu", "2021-09-01"))
    assert "còn 4 năm 11 tháng công tác" in message and "4 years 11 months left" in message


def test_remaining_service_counts_one_month_less_than_adding_years():
    """A man born 12/1970 retires on 2033-01-01 (works through 12/2032): start + 10 years is exactly the
    retirement date, yet 2023-01-01 leaves 119 months, one short of the organising board's 120."""
    data = tiny_scenario(cadres=[cadre("C01", birth_date="1970-12-15")])
    assert where("remaining_service", data, ("C01", "d1.bi_thu", "2023-01-01")) == [("C01", "d1.bi_thu")]
    (message,) = messages("remaining_service", data, ("C01", "d1.bi_thu", "2023-01-01"))
    assert "9 years 11 months left" in message
    earlier = tiny_scenario(
        period={"start": "2022-10-01", "end": "2025-12-31"}, cadres=[cadre("C01", birth_date="1970-12-15")]
    )
    assert rules_broken(earlier, ("C01", "d1.bi_thu", "2022-10-01")) == set()


@pytest.mark.parametrize(
    ("retirement", "broken"),
    [("2042-09-01", False), ("2042-09-30", False), ("2042-08-31", True), ("2042-10-01", False)],
)
def test_remaining_service_ignores_the_day_of_an_overridden_retirement_date(retirement: str, broken: bool):
    """The last month of work is the month before the retirement date's month, whatever its day."""
    data = tiny_scenario(period=MONTHLY_2032, cadres=[cadre("C01", retirement_date=retirement)])
    found = rules_broken(data, ("C01", "d1.bi_thu", "2032-08-01"))
    assert found == ({"remaining_service"} if broken else set())


def test_remaining_service_of_zero_years_still_needs_a_month_of_work():
    """With a 0-year rule a start must still fall on or before the last month of work (start + 1 month
    <= retirement date): starting in the retirement month leaves -1 months."""
    waiver = {"rule": "min_duration", "by": "Ban Thường vụ Thành ủy"}
    data = tiny_scenario(
        period={"start": "2023-01-01", "end": "2025-12-31", "granularity": "month"},
        rules={"quota": {"min": 0}, "min_remaining_service_years": 0},
        cadres=[cadre("C01", retirement_date="2024-09-01", waivers=[waiver])],
    )
    assert rules_broken(data, ("C01", "d1.bi_thu", "2024-08-01")) == set()
    assert rules_broken(data, ("C01", "d1.bi_thu", "2024-09-01")) == {"remaining_service"}


def test_remaining_service_when_retired_before_the_start():
    waiver = {"rule": "min_duration", "by": "Ban Thường vụ Thành ủy"}
    data = tiny_scenario(cadres=[cadre("C01", retirement_date="2024-01-01", waivers=[waiver])])
    (message,) = messages("remaining_service", data, ("C01", "d1.bi_thu", "2024-04-01"))
    assert "không còn thời gian công tác" in message and "no service left" in message


@pytest.mark.parametrize(
    ("months", "vi", "en"),
    [
        (0, "0 tháng", "0 months"),
        (1, "1 tháng", "1 month"),
        (12, "1 năm", "1 year"),
        (13, "1 năm 1 tháng", "1 year 1 month"),
        (119, "9 năm 11 tháng", "9 years 11 months"),
        (120, "10 năm", "10 years"),
    ],
)
def testyears_and_months(months: int, vi: str, en: str):
    assert years_and_months(months) == (vi, en)


@pytest.mark.parametrize(
    ("start", "retirement", "left"),
    [
        (date(2032, 8, 1), date(2042, 9, 1), 120),
        (date(2032, 9, 1), date(2042, 9, 1), 119),
        (date(2021, 8, 1), date(2026, 9, 1), 60),
        (date(2021, 9, 1), date(2026, 9, 1), 59),
        (date(2026, 8, 1), date(2026, 9, 1), 0),
        (date(2026, 9, 1), date(2026, 9, 1), -1),
    ],
)
def test_months_left(start: date, retirement: date, left: int):
    assert months_left(start, retirement) == left


def test_remaining_service_uses_retirement_override():
    data = tiny_scenario(cadres=[cadre("C01", retirement_date="2033-01-31")])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == {"remaining_service"}
    data = tiny_scenario(cadres=[cadre("C01", retirement_date="2033-02-01")])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == set()


def test_remaining_service_waived():
    waiver = {"rule": "remaining_service", "by": "Ban Thường vụ Thành ủy"}
    data = tiny_scenario(cadres=[cadre("C01", retirement_date="2030-01-01", waivers=[waiver])])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == set()


def test_min_duration():
    waiver = {"rule": "remaining_service", "by": "Ban Thường vụ Thành ủy"}
    data = tiny_scenario(cadres=[cadre("C01", retirement_date="2026-01-01", waivers=[waiver])])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == set()
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-04-01")) == {"min_duration"}
    assert where("min_duration", data, ("C01", "d1.bi_thu", "2023-04-01")) == [("C01", "d1.bi_thu")]


def test_min_duration_by_month():
    waiver = {"rule": "remaining_service", "by": "Ban Thường vụ Thành ủy"}
    data = tiny_scenario(
        period={"start": "2023-01-01", "end": "2025-12-31", "granularity": "month"},
        cadres=[cadre("C01", retirement_date="2026-02-01", waivers=[waiver])],
    )
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-02-01")) == set()
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-03-01")) == {"min_duration"}


def test_min_duration_waived():
    waivers = [{"rule": rule, "by": "Ban Thường vụ"} for rule in ("remaining_service", "min_duration")]
    data = tiny_scenario(cadres=[cadre("C01", retirement_date="2024-01-01", waivers=waivers)])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == set()


# --- non_locality, different_unit --------------------------------------------------------------------


def test_non_locality():
    data = tiny_scenario(cadres=[cadre("C01", local_to=["d1"])])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == {"non_locality"}
    assert where("non_locality", data, ("C01", "d1.bi_thu", "2023-01-01")) == [("C01", "d1.bi_thu")]
    assert rules_broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01")) == set()
    assert rules_broken(data, ("C01", "d2.pho_bi_thu", "2023-01-01")) == set()


def test_non_locality_waived():
    waiver = {"rule": "non_locality", "by": "Ban Thường vụ Thành ủy"}
    data = tiny_scenario(cadres=[cadre("C01", local_to=["d1"], waivers=[waiver])])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == set()


def test_different_unit():
    assert rules_broken(tiny_scenario(), ("C01", "dep.giam_doc", "2023-01-01")) == {"different_unit"}
    assert where("different_unit", tiny_scenario(), ("C01", "dep.giam_doc", "2023-01-01")) == [
        ("C01", "dep.giam_doc")
    ]


# --- mandatory_rotation, head_only -------------------------------------------------------------------

TERM_LIMITED = cadre("C03", planning=[], current={"unit": "dep", "title": "giam_doc", "head_terms": 2})
LOCAL_KEY = cadre("C04", planning=[], local_to=["d2"], current={"unit": "d2", "title": "bi_thu"})
MUST_ROTATE = cadre("C05", planning=[], must_rotate=True)


@pytest.mark.parametrize("mandatory", [TERM_LIMITED, LOCAL_KEY, MUST_ROTATE])
def test_mandatory_rotation(mandatory: dict[str, Any]):
    data = tiny_scenario(cadres=[cadre("C01"), mandatory])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == {"mandatory_rotation"}
    assert where("mandatory_rotation", data) == [(mandatory["id"], None)]
    assert rules_broken(data, (mandatory["id"], "d1.bi_thu", "2023-01-01")) == set()


@pytest.mark.parametrize(("mandatory", "listed"), [(TERM_LIMITED, ["local_key_post"]), (LOCAL_KEY, [])])
def test_mandatory_rotation_only_for_listed_categories(mandatory: dict[str, Any], listed: list[str]):
    data = tiny_scenario(cadres=[mandatory], rules={"mandatory_rotation": listed})
    assert rules_broken(data) == set()
    assert rules_broken(data, (mandatory["id"], "d1.pho_bi_thu", "2023-01-01")) == set()


def test_must_rotate_always_mandatory():
    data = tiny_scenario(cadres=[MUST_ROTATE], rules={"mandatory_rotation": []})
    assert rules_broken(data) == {"mandatory_rotation"}


@pytest.mark.parametrize("bound", [TERM_LIMITED, LOCAL_KEY])
def test_head_only(bound: dict[str, Any]):
    data = tiny_scenario(cadres=[bound])
    row = (bound["id"], "d1.pho_bi_thu", "2023-01-01")
    assert rules_broken(data, row) == {"head_only"}
    assert where("head_only", data, row) == [(bound["id"], "d1.pho_bi_thu")]


def test_must_rotate_alone_does_not_bind_to_heads():
    data = tiny_scenario(cadres=[MUST_ROTATE])
    assert rules_broken(data, ("C05", "d1.pho_bi_thu", "2023-01-01")) == set()


# --- youth_heads -------------------------------------------------------------------------------------

YOUNG = cadre("C01", birth_date="1983-01-02")  # 39 on 2023-01-01
YOUNG_TOO = cadre("C02", birth_date="1990-06-01")


def test_youth_heads():
    data = tiny_scenario(cadres=[YOUNG])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == {"youth_heads"}
    assert where("youth_heads", data, ("C01", "d1.bi_thu", "2023-01-01")) == [("C01", "d1.bi_thu")]
    assert rules_broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01")) == set()


def test_youth_is_age_at_start():
    data = tiny_scenario(cadres=[cadre("C01", birth_date="1983-01-01")])  # 40 on 2023-01-01
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == set()
    data = tiny_scenario(cadres=[cadre("C01", birth_date="1983-04-02")])  # 39 until 2023-04-02
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-04-01")) == {"youth_heads"}


def test_youth_max_heads():
    data = tiny_scenario(
        cadres=[YOUNG, YOUNG_TOO], rules={"youth": {"age_below": 40, "max_heads": 1}, "quota": {"min": 0}}
    )
    one = ("C01", "d1.bi_thu", "2023-01-01")
    two = ("C02", "dep.giam_doc", "2023-01-01")
    assert rules_broken(data, one) == set()
    assert where("youth_heads", data, one, two) == [("C01", "d1.bi_thu"), ("C02", "dep.giam_doc")]


def test_youth_without_max_heads_has_no_cap():
    data = tiny_scenario(cadres=[YOUNG], rules={"youth": {"age_below": 40, "max_heads": None}})
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == set()


def test_youth_heads_waived():
    waiver = {"rule": "youth_heads", "by": "Ban Thường vụ Thành ủy"}
    data = tiny_scenario(cadres=[YOUNG | {"waivers": [waiver]}])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == set()


# --- timing ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["2023-02-01", "2023-01-15", "2022-10-01", "2026-01-01"])
def test_timing_outside_quarter_starts(start: str):
    assert rules_broken(tiny_scenario(), ("C01", "d1.bi_thu", start)) == {"timing"}
    assert where("timing", tiny_scenario(), ("C01", "d1.bi_thu", start)) == [("C01", "d1.bi_thu")]


def test_timing_month_granularity():
    data = tiny_scenario(period={"start": "2023-01-01", "end": "2025-12-31", "granularity": "month"})
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-02-01")) == set()
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-02-02")) == {"timing"}


def test_timing_slot_window():
    data = tiny_scenario(slots=[slot("d1.bi_thu", open_from="2023-07-01", fill_by="2024-10-01")])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-04-01")) == {"timing"}
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-07-01")) == set()
    assert rules_broken(data, ("C01", "d1.bi_thu", "2024-10-01")) == set()
    assert rules_broken(data, ("C01", "d1.bi_thu", "2025-01-01")) == {"timing"}


def test_timing_available_from():
    data = tiny_scenario(cadres=[cadre("C01", available_from="2024-01-01")])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-10-01")) == {"timing"}
    assert rules_broken(data, ("C01", "d1.bi_thu", "2024-01-01")) == set()


# --- term limits by tenure, term_limit_deadline ----------------------------------------------------


def head(cadre_id: str, since: str | None, head_terms: int = 0, **fields: Any) -> dict[str, Any]:
    """A cadre heading `dep` (giam_doc) since `since`, in no other category."""
    current = {"unit": "dep", "title": "giam_doc", "head_terms": head_terms}
    if since is not None:
        current["head_since"] = since
    return cadre(cadre_id, planning=[], current=current, **fields)


def test_head_since_exactly_eight_years_before_the_period_end_is_term_limited():
    """The period ends 2025-12-31: head since 2017-12-31 reaches 8 years on that day (term-limited);
    head since 2018-01-01 reaches them on 2026-01-01, after the period (not term-limited)."""
    data = tiny_scenario(cadres=[head("C03", "2017-12-31"), head("C04", "2018-01-01")])
    facts = facts_by_cadre(scenario_of(data))
    assert facts["C03"].categories == {"term_limit"}
    assert facts["C04"].categories == frozenset()
    assert where("mandatory_rotation", data) == [("C03", None)]
    assert rules_broken(data, ("C03", "d1.bi_thu", "2023-01-01")) == set()
    assert rules_broken(data, ("C03", "d1.bi_thu", "2023-01-01"), ("C04", "d1.pho_bi_thu", "2023-01-01")) == {
        "candidate"
    }


def test_term_limit_by_tenure_binds_to_heads():
    data = tiny_scenario(cadres=[head("C03", "2015-06-01")])
    assert rules_broken(data, ("C03", "d1.pho_bi_thu", "2023-01-01")) == {"head_only"}


def test_term_limit_years_sets_the_tenure():
    data = tiny_scenario(
        rules={"quota": {"min": 0}, "term_limit_years": 5}, cadres=[head("C03", "2021-01-01")]
    )
    assert facts_by_cadre(scenario_of(data))["C03"].term_limit_day == date(2026, 1, 1)
    assert facts_by_cadre(scenario_of(data))["C03"].categories == frozenset()
    data["rules"]["term_limit_years"] = 4
    assert facts_by_cadre(scenario_of(data))["C03"].categories == {"term_limit"}


def test_limit_day_keeps_the_day_and_clamps_29_february():
    rules = scenario_of(tiny_scenario(rules={"term_limit_years": 5})).rules
    scenario = scenario_of(tiny_scenario(cadres=[head("C03", "2016-02-29"), head("C04", "2016-05-31")]))
    assert term_limit_day(scenario.cadres[0], rules) == date(2021, 2, 28)
    assert term_limit_day(scenario.cadres[1], rules) == date(2021, 5, 31)
    assert term_limit_day(scenario.cadres[0], scenario.rules) == date(2024, 2, 29)


def test_head_terms_alone_still_make_a_cadre_term_limited():
    data = tiny_scenario(cadres=[head("C03", None, head_terms=2), head("C04", "2020-01-01", head_terms=2)])
    facts = facts_by_cadre(scenario_of(data))
    assert facts["C03"].categories == facts["C04"].categories == {"term_limit"}
    assert facts["C03"].deadline is None and facts["C04"].deadline is None  # 2028: after the last start


@pytest.mark.parametrize(
    ("since", "deadline", "kept", "late"),
    [
        ("2016-05-15", "2024-07-01", "2024-07-01", "2024-10-01"),  # limit day 2024-05-15, mid-quarter
        ("2016-07-01", "2024-07-01", "2024-07-01", "2024-10-01"),  # limit day on a start date
        ("2016-07-02", "2024-10-01", "2024-10-01", "2025-01-01"),  # one day later: the next start
        ("2015-01-02", "2023-04-01", "2023-04-01", "2023-07-01"),  # limit day the day after the start
    ],
)
def test_term_limit_deadline(since: str, deadline: str, kept: str, late: str):
    data = tiny_scenario(cadres=[head("C03", since)])
    assert facts_by_cadre(scenario_of(data))["C03"].deadline == date.fromisoformat(deadline)
    assert rules_broken(data, ("C03", "d1.bi_thu", kept)) == set()
    assert rules_broken(data, ("C03", "d1.bi_thu", late)) == {"term_limit_deadline"}
    assert where("term_limit_deadline", data, ("C03", "d1.bi_thu", late)) == [("C03", "d1.bi_thu")]


def test_term_limit_deadline_message():
    data = tiny_scenario(cadres=[head("C03", "2016-05-15")])
    (message,) = messages("term_limit_deadline", data, ("C03", "d1.bi_thu", "2025-01-01"))
    assert message == (
        "Cán bộ C03 giữ chức cấp trưởng từ 2016-05-15, đủ 8 năm vào ngày 2024-05-15: phải bắt đầu luân "
        "chuyển chậm nhất ngày 2024-07-01, nhưng bắt đầu tại d1.bi_thu ngày 2025-01-01 / cadre C03, head "
        "since 2016-05-15, reaches 8 years as head on 2024-05-15: the rotation must start by 2024-07-01, "
        "but it starts at d1.bi_thu on 2025-01-01"
    )


def test_term_limit_deadline_by_month():
    data = tiny_scenario(
        period={"start": "2023-01-01", "end": "2025-12-31", "granularity": "month"},
        cadres=[head("C03", "2016-05-15")],
    )
    assert rules_broken(data, ("C03", "d1.bi_thu", "2024-06-01")) == set()
    assert rules_broken(data, ("C03", "d1.bi_thu", "2024-07-01")) == {"term_limit_deadline"}


@pytest.mark.parametrize(
    "since",
    [
        "2015-01-01",  # limit day 2023-01-01, the period start: over the limit already, no date binds
        "2010-03-01",  # limit day before the period
        "2017-10-02",  # limit day 2025-10-02, after the last start 2025-10-01
        "2017-12-31",  # limit day 2025-12-31, the period end
    ],
)
def test_term_limit_deadline_does_not_bind(since: str):
    data = tiny_scenario(cadres=[head("C03", since)])
    facts = facts_by_cadre(scenario_of(data))["C03"]
    assert facts.categories == {"term_limit"} and facts.deadline is None
    assert rules_broken(data, ("C03", "d1.bi_thu", "2025-10-01")) == set()


def test_term_limit_deadline_only_where_term_limit_is_listed():
    data = tiny_scenario(
        rules={"quota": {"min": 0}, "mandatory_rotation": ["local_key_post"]},
        cadres=[head("C03", "2016-05-15")],
    )
    assert facts_by_cadre(scenario_of(data))["C03"].deadline is None
    assert rules_broken(data, ("C03", "d1.bi_thu", "2025-10-01")) == set()
    assert rules_broken(data) == set()


def test_term_limit_deadline_does_not_require_the_rotation():
    """An unrotated cadre breaks `mandatory_rotation` only, not the deadline as well."""
    data = tiny_scenario(cadres=[head("C03", "2016-05-15")])
    assert rules_broken(data) == {"mandatory_rotation"}


def test_term_limit_deadline_with_a_later_period_start():
    """The first start date is the first quarter start within the period, not the period start itself."""
    data = tiny_scenario(
        period={"start": "2023-02-15", "end": "2025-12-31"}, cadres=[head("C03", "2015-02-20")]
    )
    assert facts_by_cadre(scenario_of(data))["C03"].deadline == date(2023, 4, 1)
    assert rules_broken(data, ("C03", "d1.bi_thu", "2023-07-01")) == {"term_limit_deadline"}


def test_term_limit_deadline_is_not_waivable():
    with pytest.raises(ValueError, match="waivers"):
        scenario_of(
            tiny_scenario(
                cadres=[head("C03", "2016-05-15", waivers=[{"rule": "term_limit_deadline", "by": "BTV"}])]
            )
        )


# --- shortlist ---------------------------------------------------------------------------------------

SCORED = [
    {"cadre": "C01", "slot": "d1.bi_thu", "score": 5},
    {"cadre": "C02", "slot": "d2.pho_bi_thu", "score": 0},
]


def test_shortlist():
    data = tiny_scenario(rules={"quota": {"min": 0}, "only_scored_pairs": True}, scores=SCORED)
    listed = [("C01", "d1.bi_thu", "2023-01-01"), ("C02", "d2.pho_bi_thu", "2023-01-01")]
    assert rules_broken(data, *listed) == set()
    assert rules_broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01")) == {"shortlist"}
    assert where(
        "shortlist", data, ("C01", "d1.pho_bi_thu", "2023-01-01"), ("C02", "d1.bi_thu", "2023-04-01")
    ) == [
        ("C01", "d1.pho_bi_thu"),
        ("C02", "d1.bi_thu"),
    ]


def test_shortlist_only_when_asked():
    data = tiny_scenario(scores=SCORED)
    assert rules_broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01")) == set()


def test_shortlist_without_scores_admits_no_pair():
    data = tiny_scenario(rules={"quota": {"min": 0}, "only_scored_pairs": True})
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == {"shortlist"}
    assert rules_broken(data) == set()


def test_shortlist_ignores_unresolved_assignments():
    data = tiny_scenario(rules={"quota": {"min": 0}, "only_scored_pairs": True})
    assert rules_broken(data, ("C99", "d1.bi_thu", "2023-01-01")) == {"unknown_reference"}


# --- pace --------------------------------------------------------------------------------------------


def test_pace_counts_calendar_quarters():
    data = tiny_scenario(
        period={"start": "2023-01-01", "end": "2025-12-31", "granularity": "month"},
        rules={"max_starts_per_quarter": 1},
    )
    same_quarter = [("C01", "d1.bi_thu", "2023-01-01"), ("C02", "d2.pho_bi_thu", "2023-03-01")]
    assert rules_broken(data, *same_quarter) == {"pace"}
    assert where("pace", data, *same_quarter) == [(None, None)]
    next_quarter = [("C01", "d1.bi_thu", "2023-03-01"), ("C02", "d2.pho_bi_thu", "2023-04-01")]
    assert rules_broken(data, *next_quarter) == set()


def test_pace_without_cap():
    rows = [("C01", "d1.bi_thu", "2023-01-01"), ("C02", "d2.pho_bi_thu", "2023-01-01")]
    assert rules_broken(tiny_scenario(), *rows) == set()


# --- vacancy_chain -----------------------------------------------------------------------------------


def vacancy_scenario() -> dict[str, Any]:
    return tiny_scenario(slots=[slot("d1.bi_thu", vacated_by="C02"), slot("d2.pho_bi_thu")])


def test_vacancy_chain_opener_absent():
    data = vacancy_scenario()
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == {"vacancy_chain"}
    assert where("vacancy_chain", data, ("C01", "d1.bi_thu", "2023-01-01")) == [("C01", "d1.bi_thu")]


def test_vacancy_chain_opener_starts_later():
    data = vacancy_scenario()
    opener = ("C02", "d2.pho_bi_thu", "2023-04-01")
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01"), opener) == {"vacancy_chain"}
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-04-01"), opener) == set()
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-07-01"), opener) == set()


# --- pin, forbid -------------------------------------------------------------------------------------


def test_pin_without_start():
    data = tiny_scenario(pins=[{"cadre": "C01", "slot": "d1.pho_bi_thu"}])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == {"pin"}
    assert where("pin", data) == [("C01", "d1.pho_bi_thu")]
    assert rules_broken(data, ("C01", "d1.pho_bi_thu", "2024-07-01")) == set()


def test_pin_with_start():
    data = tiny_scenario(pins=[{"cadre": "C01", "slot": "d1.pho_bi_thu", "start": "2023-04-01"}])
    assert rules_broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01")) == {"pin"}
    assert rules_broken(data, ("C01", "d1.pho_bi_thu", "2023-04-01")) == set()


def test_forbid_by_slot():
    data = tiny_scenario(forbids=[{"cadre": "C01", "slot": "d1.bi_thu"}])
    assert rules_broken(data, ("C01", "d1.bi_thu", "2023-01-01")) == {"forbid"}
    assert where("forbid", data, ("C01", "d1.bi_thu", "2023-01-01")) == [("C01", "d1.bi_thu")]
    assert rules_broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01")) == set()
    assert rules_broken(data, ("C02", "d1.bi_thu", "2023-01-01")) == set()


def test_forbid_by_unit():
    data = tiny_scenario(forbids=[{"cadre": "C01", "unit": "d1"}])
    assert rules_broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01")) == {"forbid"}
    assert rules_broken(data, ("C01", "d2.pho_bi_thu", "2023-01-01")) == set()


# --- facts -------------------------------------------------------------------------------------------


def test_retirement_from_roadmap_and_override():
    scenario = scenario_of(tiny_scenario())
    woman = scenario.cadres[0].model_copy(update={"gender": "female", "birth_date": date(1972, 8, 20)})
    assert retirement_of(woman) == date(2031, 1, 1)
    overridden = woman.model_copy(update={"retirement_date": date(2040, 1, 1)})
    assert retirement_of(overridden) == date(2040, 1, 1)


def test_categories_of_a_term_limited_local_key_post_holder():
    holder = cadre("C03", local_to=["d2"], current={"unit": "d2", "title": "bi_thu", "head_terms": 2})
    scenario = scenario_of(tiny_scenario(cadres=[holder]))
    found = categories_of(scenario.cadres[0], scenario)
    assert found == {"planning", "term_limit", "local_key_post"}
    assert facts_by_cadre(scenario)["C03"].mandatory_reasons == ("local_key_post", "term_limit")


# --- the checker as a whole --------------------------------------------------------------------------


def test_registry_follows_the_rules_table():
    table = RULES_DOC.read_text(encoding="utf-8").split("### Each rule", 1)[1]
    assert re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE) == list(RULE_IDS)


def test_registry_follows_the_contract():
    """The checker's own ids, by plain string: the contract's table, in its order."""
    assert contract_rule_ids() == list(RULE_IDS)


def test_violations_sorted_deduplicated_and_without_names():
    data = tiny_scenario(
        cadres=[cadre("C01", health_ok=False, local_to=["d1"]), MUST_ROTATE],
        forbids=[{"cadre": "C01", "slot": "d1.bi_thu"}] * 2,
    )
    violations = check(data, ("C01", "d1.bi_thu", "2023-01-01"), ("C99", "d1.bi_thu", "2023-01-01"))
    assert [v.rule for v in violations] == [
        "unknown_reference",
        "health",
        "non_locality",
        "mandatory_rotation",
        "forbid",
    ]
    names = {c["name"] for c in data["cadres"]}
    assert all(" / " in v.message and not any(n in v.message for n in names) for v in violations)


def test_violation_to_dict():
    violation = Violation(rule="health", cadre="C01", slot="s", message="m / m")
    assert violation.to_dict() == {"rule": "health", "cadre": "C01", "slot": "s", "message": "m / m"}


def test_contract_example_c05_as_deputy_is_head_only():
    scenario = Scenario.model_validate(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    plan = plan_of(("C05", "o_mon.pho_chu_tich", "2023-01-01"))
    found = [(v.rule, v.cadre, v.slot) for v in check_plan(scenario, plan)]
    assert ("head_only", "C05", "o_mon.pho_chu_tich") in found
