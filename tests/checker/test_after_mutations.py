"""The checker's `after_placement` against a brute-force reading of CONTRACT §6.4 on plans with broken
`after`s.

The reading here enumerates, for each rotation, every `after` the contract allows it (staying where the
slot or the cadre's category allows it; each projected post whose clauses all hold, from the later of the
end and its opening) and names an assignment whose `after` is not among them, one missing where the
rotation ends by the horizon, and every assignment taking a post another cadre's `after` takes too. Plans
are random rotations of the random scenarios with the way back, each given an `after` that is valid,
or mutated: another post, a start a day or a month off, staying, a wrong form, an unknown post, none,
or a post another cadre takes. The checker must name exactly the same assignments.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest

from models.dates import add_months, add_years, period_starts, retirement_date
from models.plan import Plan
from models.scenario import Cadre, Scenario
from planner.checker import check_plan
from tests.support.builders import scenario_of
from tests.support.random_scenarios import random_scenario

Row = tuple[str, str, date, Any]


def _months(scenario: Scenario) -> int:
    rules = scenario.rules
    if rules.rotation_months is not None:
        return rules.rotation_months
    return rules.min_duration_months if "min_duration_months" in rules.model_fields_set else 0


def _may_stay_anyway(cadre: Cadre, scenario: Scenario) -> bool:
    """Term-limited (by terms, or by tenure reached by the period end) or a native in a key local post."""
    current = cadre.current
    if current is None:
        return False
    rules = scenario.rules
    if current.head_terms >= rules.max_consecutive_head_terms:
        return True
    if (
        current.head_since is not None
        and add_years(current.head_since, rules.term_limit_years) <= scenario.period.end
    ):
        return True
    title = scenario.titles.get(current.title)
    return title is not None and title.non_local and current.unit in cadre.local_to


def _allowed(scenario: Scenario, cadre: Cadre, slot_id: str, end: date) -> list[dict[str, Any]]:
    """Every `after` the contract allows this rotation on its own."""
    slot = next(s for s in scenario.slots if s.id == slot_id)
    allowed: list[dict[str, Any]] = []
    if slot.may_stay or _may_stay_anyway(cadre, scenario):
        allowed.append({"stay": True})
    after = scenario.after_rotation
    assert after is not None
    retires = cadre.retirement_date or retirement_date(cadre.gender, cadre.birth_date)
    own_title = scenario.titles.get(cadre.current.title) if cadre.current is not None else None
    own = own_title.rank if own_title is not None else None
    for post in after.posts:
        title = scenario.titles[post.title]
        start = end if end >= post.open_from else post.open_from
        clauses = [
            add_months(end, -after.window_months) <= post.open_from <= add_months(end, after.window_months),
            own is None
            or title.rank is None
            or any(w.rule == "equivalent_rank" for w in cadre.waivers)
            or own <= title.rank <= own + scenario.rules.max_rank_step,
            not title.non_local
            or post.unit not in cadre.local_to
            or any(w.rule == "non_locality" for w in cadre.waivers),
            all(
                any(
                    q.code == code and (q.held_from is None or q.held_from <= start)
                    for q in cadre.qualifications
                )
                for code in title.requires
            ),
            start < retires,
        ]
        if all(clauses):
            allowed.append({"post": post.id, "start": start.isoformat()})
    return allowed


def _named(scenario: Scenario, rows: list[Row]) -> set[tuple[str, str]]:
    after = scenario.after_rotation
    assert after is not None
    cadres = {c.id: c for c in scenario.cadres}
    posts = {p.id for p in after.posts}
    named: set[tuple[str, str]] = set()
    taking: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cadre_id, slot_id, start, value in rows:
        end = add_months(start, _months(scenario))
        if value is None:
            if end <= after.horizon:
                named.add((cadre_id, slot_id))
            continue
        allowed = {json.dumps(a, sort_keys=True) for a in _allowed(scenario, cadres[cadre_id], slot_id, end)}
        if json.dumps(value, sort_keys=True) not in allowed:  # exactly: {"stay": 1} is not {"stay": true}
            named.add((cadre_id, slot_id))
        well_formed = (
            isinstance(value, dict) and set(value) == {"post", "start"} and isinstance(value["start"], str)
        )
        if well_formed and value["post"] in posts:
            taking[value["post"]].append((cadre_id, slot_id))
    for takers in taking.values():
        if len({cadre_id for cadre_id, _ in takers}) > 1:
            named.update(takers)
    return named


def _mutant(rng: random.Random, scenario: Scenario, cadre: Cadre, slot_id: str, end: date) -> Any:
    """A valid `after` now and then, else one broken in one of the ways a hand-made plan breaks it."""
    after = scenario.after_rotation
    assert after is not None
    allowed = _allowed(scenario, cadre, slot_id, end)
    posts = list(after.posts)
    post = rng.choice(posts) if posts else None
    right = None if post is None else max(end, post.open_from)
    kind = rng.choice(("valid", "valid", "valid", "post", "day", "month", "stay", "form", "unknown", "none"))
    if kind == "valid" and allowed:
        return rng.choice(allowed)
    if kind in ("post", "day", "month") and post is not None and right is not None:
        shift = {"post": timedelta(0), "day": timedelta(days=rng.choice((-1, 1)))}.get(kind)
        day = right + shift if shift is not None else add_months(right, rng.choice((-1, 1)))
        return {"post": post.id, "start": day.isoformat()}
    if kind == "form":
        return rng.choice(({"stay": False}, {"stay": 1}, {}, "stay", {"post": post.id if post else "P1"}))
    if kind == "unknown":
        return {"post": "P99", "start": end.isoformat()}
    if kind == "none":
        return None
    return {"stay": True}


def _on_the_edges(rng: random.Random, data: dict[str, Any]) -> dict[str, Any]:
    """The draw with some cadres retiring, and some holding a code every post's title requires, on a
    post's opening or a day before or after it, so that the strict and inclusive day edges are met."""
    posts = data["after_rotation"]["posts"]
    if not posts:
        return data
    titles = {
        code: t | {"requires": [*t.get("requires", []), "q_after"]} for code, t in data["titles"].items()
    }
    cadres = []
    for cadre in data["cadres"]:
        opening = date.fromisoformat(rng.choice(posts)["open_from"])
        day = opening + timedelta(days=rng.choice((-1, 0, 1)))
        if rng.random() < 0.5:
            retires = opening + timedelta(days=rng.choice((0, 0, 1)))
            cadre = cadre | {"retirement_date": retires.isoformat()}
        held = {"code": "q_after", "from": day.isoformat()} if rng.random() < 0.7 else "q_after"
        cadres.append(cadre | {"qualifications": [*cadre.get("qualifications", []), held]})
    return data | {"titles": titles, "cadres": cadres}


def _local_and_ranked(rng: random.Random, data: dict[str, Any]) -> dict[str, Any]:
    """The draw with ranks 1 to 5 on the titles, a step of 0 to 2, and cadres local to the posts' units
    (some with a `non_locality` or `equivalent_rank` waiver), so that the rank bounds and non-locality
    decide more `after`s."""
    units = [p["unit"] for p in data["after_rotation"]["posts"]]
    titles = {code: t | {"rank": rng.randint(1, 5)} for code, t in data["titles"].items()}
    cadres = []
    for cadre in data["cadres"]:
        local = sorted({*cadre["local_to"], *(u for u in units if rng.random() < 0.6)})
        waived = {w["rule"] for w in cadre.get("waivers", [])}
        extra = [
            {"rule": rule, "by": "Ban Thường vụ Thành ủy"}
            for rule in ("non_locality", "equivalent_rank")
            if rule not in waived and rng.random() < 0.15
        ]
        cadres.append(cadre | {"local_to": local, "waivers": [*cadre.get("waivers", []), *extra]})
    rules = data["rules"] | {"max_rank_step": rng.choice((0, 0, 1, 2))}
    return data | {"titles": titles, "cadres": cadres, "rules": rules}


@pytest.mark.parametrize("seed", range(90))
def test_the_checker_names_what_a_brute_force_reading_names(seed: int) -> None:
    rng = random.Random(seed)
    data = random_scenario(seed, edition3=seed % 2 == 0, after_stage=True)
    bent = {0: data, 1: _on_the_edges(rng, data), 2: _local_and_ranked(rng, data)}[seed % 3]
    scenario = scenario_of(bent)
    cadres = {c.id: c for c in scenario.cadres}
    period = scenario.period
    starts = period_starts(period.start, period.end, period.granularity)  # where the posts' openings are
    starts += [period.start + timedelta(days=d) for d in range(0, (period.end - period.start).days + 1, 30)]
    compared = 0
    for _ in range(8):
        rows: list[Row] = []
        for cadre_id in cadres:
            if rng.random() < 0.6:
                slot_id, start = rng.choice(scenario.slots).id, rng.choice(starts)
                end = add_months(start, _months(scenario))
                rows.append(
                    (cadre_id, slot_id, start, _mutant(rng, scenario, cadres[cadre_id], slot_id, end))
                )
        if len(rows) > 1 and rng.random() < 0.3:  # two cadres asking for one post
            first = next((r for r in rows if isinstance(r[3], dict) and "post" in r[3]), None)
            if first is not None:
                rows[-1] = (*rows[-1][:3], first[3]) if rows[-1][0] != first[0] else rows[-1]
        plan = Plan.model_validate(
            {
                "assignments": [
                    {"cadre": c, "slot": s, "start": d.isoformat()} | ({} if a is None else {"after": a})
                    for c, s, d, a in rows
                ]
            }
        )
        found = {(v.cadre, v.slot) for v in check_plan(scenario, plan) if v.rule == "after_placement"}
        assert found == _named(scenario, rows), (seed, rows)
        compared += bool(found)
    assert compared  # every seed's plans break the rule somewhere
