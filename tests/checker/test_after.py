"""The checker's `after_placement` clause by clause (CONTRACT §6.4, §6.6), each at its day edges.

The scenario: C01 (deputy of `dep`, rank 3) is rotated to `d1.pho_bi_thu` on 01/01/2023 for 36 months, so
the rotation ends on 01/01/2026, before the horizon 31/12/2026; projected posts open around that day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.plan import Plan
from planner.checker import Violation, check_plan
from tests.support.builders import cadre, scenario_of, slot, tiny_scenario

END = "2026-01-01"


def post(post_id: str, unit: str, title: str, open_from: str) -> dict[str, str]:
    return {"id": post_id, "unit": unit, "title": title, "open_from": open_from}


def after_scenario(*, posts: list[dict[str, str]] | None = None, **overrides: Any) -> dict[str, Any]:
    """The tiny scenario with ranks, a 36-month rotation and `after_rotation`; keywords replace fields."""
    base = tiny_scenario()
    titles = {
        "bi_thu": {"name": "Bí thư quận ủy", "level": "head", "non_local": True, "rank": 4},
        "pho_bi_thu": {"name": "Phó Bí thư quận ủy", "level": "deputy", "rank": 3},
        "giam_doc": {"name": "Giám đốc sở", "level": "head", "rank": 4},
        "pho_giam_doc": {"name": "Phó Giám đốc sở", "level": "deputy", "rank": 3},
        "chanh_van_phong": {"name": "Chánh Văn phòng", "level": "deputy", "rank": 2},
    }
    default_posts = [
        post("dep.pgd@2026", "dep", "pho_giam_doc", END),
        post("dep2.pgd@2026", "dep2", "pho_giam_doc", "2026-04-01"),
    ]
    after = {"horizon": "2026-12-31", "window_months": 6, "posts": default_posts if posts is None else posts}
    data = tiny_scenario(
        rules=base["rules"] | {"min_duration_months": 36},
        titles=titles,
        after_rotation=after,
        slots=[
            slot("d1.bi_thu"),
            slot("d1.pho_bi_thu"),
            slot("d2.pho_bi_thu", may_stay=True),
            slot("dep.giam_doc"),
        ],
    )
    return data | overrides


def plan(*rows: tuple[str, str, str, Any], **extra: Any) -> Plan:
    """(cadre, slot, start, after) rows; `after` None leaves it out."""
    assignments = []
    for cadre_id, slot_id, start, after in rows:
        row: dict[str, Any] = {"cadre": cadre_id, "slot": slot_id, "start": start}
        if after is not None:
            row["after"] = after
        assignments.append(row | extra)
    return Plan.model_validate({"assignments": assignments})


def move(post_id: str, start: str = END) -> dict[str, str]:
    return {"post": post_id, "start": start}


STAY = {"stay": True}


def after_violations(data: dict[str, Any], *rows: tuple[str, str, str, Any], **kw: Any) -> list[Violation]:
    found = check_plan(scenario_of(data), plan(*rows), **kw)
    others = {v.rule for v in found} - {"after_placement"}
    assert not others, [v.message for v in found]
    return [v for v in found if v.rule == "after_placement"]


def broken(
    data: dict[str, Any], *rows: tuple[str, str, str, Any], **kw: Any
) -> list[tuple[str | None, str | None]]:
    return [(v.cadre, v.slot) for v in after_violations(data, *rows, **kw)]


def test_a_valid_post_and_a_valid_stay_break_nothing() -> None:
    data = after_scenario()
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("dep.pgd@2026"))) == []
    assert broken(data, ("C01", "d2.pho_bi_thu", "2023-01-01", STAY)) == []


def test_without_after_rotation_nothing_is_required() -> None:
    data = after_scenario()
    del data["after_rotation"]
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", None)) == []


# --- required where end <= horizon ------------------------------------------------------------------


@pytest.mark.parametrize(("horizon", "required"), [(END, True), ("2025-12-31", False), ("2026-12-31", True)])
def test_an_after_is_required_where_the_rotation_ends_by_the_horizon(horizon: str, required: bool) -> None:
    data = after_scenario()
    data["after_rotation"] = data["after_rotation"] | {"horizon": horizon}
    found = after_violations(data, ("C01", "d1.pho_bi_thu", "2023-01-01", None))
    assert [(v.cadre, v.slot) for v in found] == ([("C01", "d1.pho_bi_thu")] if required else [])
    if required:
        assert "01/01/2026" in found[0].message and " / " in found[0].message


def test_the_end_is_computed_from_rotation_months_and_a_written_end_is_information() -> None:
    data = after_scenario()
    data["rules"] = data["rules"] | {"rotation_months": 48}  # ends 01/01/2027, after the horizon
    written = Plan.model_validate(
        {
            "assignments": [
                {"cadre": "C01", "slot": "d1.pho_bi_thu", "start": "2023-01-01", "end": "2025-01-01"}
            ]
        }
    )
    assert [v for v in check_plan(scenario_of(data), written) if v.rule == "after_placement"] == []
    data["rules"] = data["rules"] | {"rotation_months": 47}  # ends 01/12/2026: required
    assert [v.rule for v in check_plan(scenario_of(data), written)] == ["after_placement"]


def test_rotation_months_defaults_to_min_duration_months() -> None:
    """`rotation_months` left out is `min_duration_months`, and that left out is its default 36 (the
    schema's reading everywhere; CONTRACT §6.6 would read 0, see `Rules.rotation_length`)."""
    data = after_scenario(posts=[post("dep.pgd@2023", "dep", "pho_giam_doc", "2023-01-01")])
    data["after_rotation"] = data["after_rotation"] | {"horizon": "2026-01-01"}
    rules = {k: v for k, v in data["rules"].items() if k != "min_duration_months"}
    # 36 months either way: the end is 01/01/2026, on the horizon, so an after is needed.
    for given in (data, data | {"rules": rules}):
        assert broken(given, ("C01", "d1.pho_bi_thu", "2023-01-01", None)) == [("C01", "d1.pho_bi_thu")]
    # rotation_months 48: the end is 01/01/2027, past the horizon.
    longer = data | {"rules": data["rules"] | {"rotation_months": 48}}
    assert broken(longer, ("C01", "d1.pho_bi_thu", "2023-01-01", None)) == []


# --- forms ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "after",
    [
        {"stay": False},
        {"stay": 1},
        {"stay": "true"},
        {},
        [],
        "stay",
        True,
        {"post": "dep.pgd@2026"},
        {"start": END},
        {"post": "dep.pgd@2026", "start": END, "note": "x"},
        {"stay": True, "post": "dep.pgd@2026", "start": END},
        {"post": 7, "start": END},
        {"post": "dep.pgd@2026", "start": 20260101},
    ],
)
def test_an_after_that_is_neither_form_breaks_the_rule(after: Any) -> None:
    data = after_scenario()
    found = after_violations(data, ("C01", "d2.pho_bi_thu", "2023-01-01", after))
    assert [(v.cadre, v.slot) for v in found] == [("C01", "d2.pho_bi_thu")]
    assert "neither" in found[0].message


def test_an_unknown_post_id_breaks_the_rule() -> None:
    found = after_violations(after_scenario(), ("C01", "d1.pho_bi_thu", "2023-01-01", move("nowhere@2026")))
    assert len(found) == 1 and "nowhere@2026" in found[0].message


def test_a_post_without_after_rotation_is_an_unknown_post() -> None:
    data = after_scenario()
    del data["after_rotation"]
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("dep.pgd@2026"))) == [
        ("C01", "d1.pho_bi_thu")
    ]


# --- the computed start -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("open_from", "written", "ok"),
    [
        ("2025-10-01", END, True),  # opened before the end: start at the end
        ("2025-10-01", "2025-10-01", False),
        ("2026-04-01", "2026-04-01", True),  # opens after the end: start on opening
        ("2026-04-01", END, False),
        ("2026-04-01", "2026-04-02", False),
        ("2026-04-01", "2026-4-1", False),
        ("2026-04-01", "01/04/2026", False),
        ("2026-04-01", "soon", False),
    ],
)
def test_the_start_is_the_later_of_the_end_and_the_opening(open_from: str, written: str, ok: bool) -> None:
    data = after_scenario(posts=[post("dep.pgd", "dep", "pho_giam_doc", open_from)])
    found = after_violations(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("dep.pgd", written)))
    assert len(found) == (0 if ok else 1)


# --- the window -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("open_from", "ok"),
    [("2025-06-30", False), ("2025-07-01", True), (END, True), ("2026-07-01", True), ("2026-07-02", False)],
)
def test_the_window_is_inclusive_at_both_ends(open_from: str, ok: bool) -> None:
    data = after_scenario(posts=[post("dep.pgd", "dep", "pho_giam_doc", open_from)])
    start = max(END, open_from)
    found = after_violations(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("dep.pgd", start)))
    assert len(found) == (0 if ok else 1)
    if not ok:
        assert "01/07/2025 - 01/07/2026" in found[0].message


def test_window_months_zero_takes_only_a_post_opening_on_the_end() -> None:
    data = after_scenario(
        posts=[post("a", "dep", "pho_giam_doc", END), post("b", "dep", "pho_giam_doc", "2026-01-02")]
    )
    data["after_rotation"] = data["after_rotation"] | {"window_months": 0}
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("a"))) == []
    assert len(broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("b", "2026-01-02")))) == 1


# --- rank -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "step", "ok"),
    [
        ("chanh_van_phong", 0, False),  # rank 2 < 3: the way back is no lower
        ("pho_giam_doc", 0, True),
        ("giam_doc", 0, False),  # rank 4 > 3 + 0
        ("giam_doc", 1, True),
        ("chanh_van_phong", 1, False),
    ],
)
def test_the_way_back_is_no_lower_and_within_the_step(title: str, step: int, ok: bool) -> None:
    data = after_scenario(posts=[post("p", "dep2", title, END)])
    data["rules"] = data["rules"] | {"max_rank_step": step}
    found = after_violations(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("p")))
    assert len(found) == (0 if ok else 1)
    if not ok:
        assert "rank" in found[0].message


@pytest.mark.parametrize("title", ["chanh_van_phong", "giam_doc"])
def test_an_equivalent_rank_waiver_lifts_both_rank_bounds(title: str) -> None:
    waiver = {"rule": "equivalent_rank", "by": "Ban Thường vụ Thành ủy", "ref": "QĐ 1", "reason": "x"}
    data = after_scenario(posts=[post("p", "dep2", title, END)], cadres=[cadre("C01", waivers=[waiver])])
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("p"))) == []


def test_no_rank_bound_where_a_rank_is_missing() -> None:
    data = after_scenario(posts=[post("p", "dep2", "chanh_van_phong", END)])
    data["titles"] = data["titles"] | {"pho_giam_doc": {"name": "Phó Giám đốc sở", "level": "deputy"}}
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("p"))) == []


# --- non-locality, standards, retirement ------------------------------------------------------------


def test_a_non_local_title_is_not_taken_at_home_unless_waived() -> None:
    posts = [post("d2.bt", "d2", "bi_thu", END)]
    data = after_scenario(posts=posts, cadres=[cadre("C01", local_to=["d2"])])
    data["rules"] = data["rules"] | {"max_rank_step": 1}
    found = after_violations(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("d2.bt")))
    assert len(found) == 1 and "d2" in found[0].message
    waiver = {"rule": "non_locality", "by": "Ban Thường vụ Thành ủy", "ref": "QĐ 2", "reason": "x"}
    waived = after_scenario(posts=posts, cadres=[cadre("C01", local_to=["d2"], waivers=[waiver])])
    waived["rules"] = data["rules"]
    assert broken(waived, ("C01", "d1.pho_bi_thu", "2023-01-01", move("d2.bt"))) == []


@pytest.mark.parametrize(("held_from", "ok"), [("2026-04-01", True), ("2026-04-02", False), (None, True)])
def test_standards_are_held_on_the_computed_start(held_from: str | None, ok: bool) -> None:
    data = after_scenario(posts=[post("p", "dep2", "pho_giam_doc", "2026-04-01")])
    data["titles"]["pho_giam_doc"] = data["titles"]["pho_giam_doc"] | {"requires": ["llct_cao_cap"]}
    held = "llct_cao_cap" if held_from is None else {"code": "llct_cao_cap", "from": held_from}
    # C01's own qualification must cover the rotated slot's title too: d1.pho_bi_thu requires nothing.
    data["cadres"] = [cadre("C01", qualifications=[held]), cadre("C02")]
    found = after_violations(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("p", "2026-04-01")))
    assert len(found) == (0 if ok else 1)
    if not ok:
        assert "llct_cao_cap" in found[0].message and "02/04/2026" in found[0].message


def test_standards_missing_altogether() -> None:
    data = after_scenario(posts=[post("p", "dep2", "pho_giam_doc", END)])
    data["titles"]["pho_giam_doc"] = data["titles"]["pho_giam_doc"] | {"requires": ["dai_hoc"]}
    found = after_violations(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("p")))
    assert len(found) == 1 and "dai_hoc" in found[0].message


@pytest.mark.parametrize(
    ("retires", "ok"), [("2026-04-01", False), ("2026-04-02", True), ("2026-03-31", False)]
)
def test_the_start_is_strictly_before_retirement(retires: str, ok: bool) -> None:
    data = after_scenario(
        posts=[post("p", "dep2", "pho_giam_doc", "2026-04-01")],
        cadres=[cadre("C01", retirement_date=retires), cadre("C02")],
    )
    waivers = [
        {"rule": r, "by": "BTV", "ref": "QĐ 3", "reason": "x"} for r in ("remaining_service", "min_duration")
    ]
    data["cadres"][0]["waivers"] = waivers
    found = after_violations(data, ("C01", "d1.pho_bi_thu", "2023-01-01", move("p", "2026-04-01")))
    assert len(found) == (0 if ok else 1)


# --- staying ----------------------------------------------------------------------------------------


def test_staying_needs_may_stay_or_a_category_that_may_stay() -> None:
    data = after_scenario()
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", STAY)) == [("C01", "d1.pho_bi_thu")]
    assert broken(data, ("C01", "d2.pho_bi_thu", "2023-01-01", STAY)) == []


@pytest.mark.parametrize(
    "who",
    [
        cadre("C01", current={"unit": "dep", "title": "giam_doc", "head_terms": 2}),  # term-limited
        cadre("C01", current={"unit": "d2", "title": "bi_thu", "head_terms": 0}, local_to=["d2"]),  # key post
    ],
)
def test_term_limited_and_local_key_post_cadres_may_stay_whatever_mandatory_rotation_lists(who: Any) -> None:
    data = after_scenario(cadres=[who])
    data["rules"] = data["rules"] | {"mandatory_rotation": [], "max_rank_step": 1}
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", STAY)) == []


def test_an_after_given_where_none_is_needed_is_still_judged() -> None:
    data = after_scenario()
    data["after_rotation"] = data["after_rotation"] | {"horizon": "2025-06-30"}
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", STAY)) == [("C01", "d1.pho_bi_thu")]
    assert broken(data, ("C01", "d1.pho_bi_thu", "2023-01-01", None)) == []


# --- one post, one cadre ----------------------------------------------------------------------------


def test_two_cadres_taking_one_post_name_every_assignment_taking_it() -> None:
    data = after_scenario(cadres=[cadre("C01"), cadre("C02"), cadre("C03")])
    rows = (
        ("C01", "d1.pho_bi_thu", "2023-01-01", move("dep2.pgd@2026", "2026-04-01")),
        ("C02", "d2.pho_bi_thu", "2023-01-01", move("dep2.pgd@2026", "2026-04-01")),
        ("C03", "d1.bi_thu", "2023-01-01", move("dep2.pgd@2026", "2026-04-01")),
    )
    data["rules"] = data["rules"] | {"max_rank_step": 1}
    found = after_violations(data, *rows)
    assert sorted((v.cadre, v.slot) for v in found) == [
        ("C01", "d1.pho_bi_thu"),
        ("C02", "d2.pho_bi_thu"),
        ("C03", "d1.bi_thu"),
    ]
    assert all("C01" in v.message and "C02" in v.message and "C03" in v.message for v in found)
    one = after_violations(data, rows[0], ("C02", "d2.pho_bi_thu", "2023-01-01", STAY))
    assert one == []


# --- re-planning ------------------------------------------------------------------------------------


def test_with_as_of_a_history_after_is_not_judged_again() -> None:
    data = after_scenario(posts=[post("p", "dep2", "chanh_van_phong", END)])  # rank 2: now too low
    rows = (("C01", "d1.pho_bi_thu", "2023-01-01", move("p")),)
    assert len(broken(data, *rows)) == 1
    assert broken(data, *rows, as_of=date(2026, 4, 1)) == []  # the after started 01/01/2026
    assert len(broken(data, *rows, as_of=date(2026, 1, 1))) == 1  # it starts on the as-of date: judged
    stay = (("C01", "d1.pho_bi_thu", "2023-01-01", STAY),)
    assert broken(data, *stay, as_of=date(2026, 4, 1)) == []
    assert len(broken(data, *stay, as_of=date(2025, 10, 1))) == 1


def test_a_history_after_still_holds_its_post_against_a_new_one() -> None:
    data = after_scenario(cadres=[cadre("C01"), cadre("C02")])
    rows = (
        ("C01", "d1.pho_bi_thu", "2023-01-01", move("dep.pgd@2026")),
        ("C02", "d2.pho_bi_thu", "2023-04-01", move("dep.pgd@2026", "2026-04-01")),
    )
    found = check_plan(scenario_of(data), plan(*rows), as_of=date(2026, 4, 1))
    assert sorted(v.cadre for v in found if v.rule == "after_placement") == ["C01", "C02"]


def test_a_history_after_is_kept_even_where_its_post_has_left_the_facts() -> None:
    data = after_scenario()
    rows = (("C01", "d1.pho_bi_thu", "2023-01-01", move("gone@2026")),)
    assert len(broken(data, *rows, as_of=date(2026, 1, 1))) == 1  # starts on the as-of date: judged
    assert broken(data, *rows, as_of=date(2026, 4, 1)) == []
    del data["after_rotation"]
    assert broken(data, *rows, as_of=date(2026, 4, 1)) == []
