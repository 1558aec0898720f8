"""Random small scenarios for property tests: a hypothesis strategy and a seeded `random` twin.

Both draw through the same generator (`build_scenario`), written against a tiny `Chooser` interface, so
that hypothesis can shrink a failing scenario (every choice shrinks towards its first, simplest option:
features off, smallest numbers) while quick statistics over many examples can use plain seeded `random`
without hypothesis' example budget.

The scenarios are small enough for brute-force enumeration (`Sizes.max_plans` bounds the number of
partial assignments), and are built so that the rules that depend on dates actually bind: "old" cadres
retire around `period start + min_remaining_service_years` (or `+ min_duration_months`), "young" cadres
cross `youth.age_below` during the period, and windows, availability, pins and chains fall on or near
the period's start dates.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import comb, perm
from typing import Any, Protocol, TypeVar

from hypothesis import strategies as st

from models.dates import (
    add_months,
    from_month_index,
    month_index,
    period_starts,
    required_retirement_age_months,
)
from models.scenario import Scenario
from planner.eligibility.table import Eligibility
from tests.support.builders import tiny_scenario

T = TypeVar("T")

#: Waivable rule ids (docs/rules.md); waivers name these only. The edition-3 one (`equivalent_rank`) is
#: drawn with the fit data at the end (`_edition3_fit`), so that the edition-2 draws stay as they were.
WAIVABLE = ("remaining_service", "min_duration", "youth_heads", "non_locality", "equivalent_rank")
EDITION_2_WAIVABLE = WAIVABLE[:4]

#: The builders' title catalogue (head non-local, deputy, head, deputy) plus a non-local deputy title, so
#: that `non_locality` also meets deputy slots (and `head_only` interacts with it).
TITLES: dict[str, dict[str, Any]] = tiny_scenario()["titles"] | {
    "pho_chu_tich": {"name": "Phó Chủ tịch UBND", "level": "deputy", "non_local": True},
}
#: Slot titles, simplest first (a deputy post is the least constrained).
SLOT_TITLES = ("pho_giam_doc", "giam_doc", "bi_thu", "pho_bi_thu", "pho_chu_tich", "giam_doc")
UNIT_KINDS = ("district", "department", "party_committee")
#: A unit without slots (like the builders' `dep2`), where many cadres serve now: with few units, cadres
#: serving in a slot's unit would otherwise make `different_unit` exclude a third of all pairs.
HOME_UNIT = "home"


class Chooser(Protocol):
    """The random choices the generator needs; each shrinks towards its simplest outcome."""

    def integer(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi]; shrinks to lo."""
        ...

    def flag(self, percent: int) -> bool:
        """True with about `percent` % chance; shrinks to False."""
        ...

    def choice(self, options: Sequence[T]) -> T:
        """One of `options`; shrinks to the first."""
        ...


class HypothesisChooser:
    """Choices drawn from hypothesis, so that failing scenarios shrink."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def integer(self, lo: int, hi: int) -> int:
        return self._draw(st.integers(lo, hi))

    def flag(self, percent: int) -> bool:
        return self._draw(st.integers(0, 99)) >= 100 - percent

    def choice(self, options: Sequence[T]) -> T:
        return options[self._draw(st.integers(0, len(options) - 1))]


class RandomChooser:
    """Choices drawn from a seeded `random.Random`, for reproducible statistics over many scenarios."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def integer(self, lo: int, hi: int) -> int:
        return self._rng.randint(lo, hi)

    def flag(self, percent: int) -> bool:
        return self._rng.randrange(100) >= 100 - percent

    def choice(self, options: Sequence[T]) -> T:
        return self._rng.choice(list(options))


@dataclass(frozen=True)
class Sizes:
    """Ranges of the scenario's dimensions; `max_plans` caps the brute-force search space."""

    cadres: tuple[int, int] = (3, 5)
    slots: tuple[int, int] = (2, 4)
    units: tuple[int, int] = (2, 4)
    quarters: tuple[int, int] = (3, 5)
    months: tuple[int, int] = (3, 6)
    max_plans: int | None = 20_000


SMALL = Sizes()
#: For the exhaustive (unpruned) cross-check of the brute force's pruning: a few thousand plans at most.
TINY = Sizes(cadres=(2, 4), slots=(2, 3), units=(2, 3), quarters=(3, 4), months=(3, 4), max_plans=3_000)
#: Too big to enumerate, big enough for several solver workers to matter (determinism test).
LARGER = Sizes(cadres=(10, 14), slots=(7, 10), units=(4, 6), quarters=(6, 9), months=(8, 12), max_plans=None)


def plan_count(cadres: int, slots: int, starts: int) -> int:
    """Number of plans (partial injective maps cadre -> (slot, start)) a brute force has to consider."""
    return sum(comb(cadres, k) * perm(slots, k) * starts**k for k in range(min(cadres, slots) + 1))


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


@dataclass(frozen=True)
class _Frame:
    """The period and the dimensions every later choice refers to."""

    base: date  # first start date
    start: date  # period start (on or before `base`)
    end: date  # period end
    starts: list[date]
    step: int  # months between starts
    cadre_ids: list[str]
    slot_ids: list[str]
    unit_ids: list[str]


def _period(ch: Chooser, sizes: Sizes, n_cadres: int, n_slots: int) -> tuple[dict[str, Any], list[date], int]:
    """A period of a few quarters (or months), sometimes starting or ending off a boundary."""
    monthly = ch.flag(25)
    step = 1 if monthly else 3
    lo, hi = sizes.months if monthly else sizes.quarters
    if sizes.max_plans is not None:
        while hi > lo and plan_count(n_cadres, n_slots, hi) > sizes.max_plans:
            hi -= 1
    count = ch.integer(lo, hi)
    base = from_month_index(month_index(date(2023, 1, 1)) + step * ch.integer(0, 8))
    start = base - timedelta(days=ch.integer(5, 20)) if ch.flag(20) else base
    end = add_months(base, step * count) - timedelta(days=ch.integer(1, 25) if ch.flag(30) else 1)
    period = {"start": _iso(start), "end": _iso(end), "granularity": "month" if monthly else "quarter"}
    starts = period_starts(start, end, period["granularity"])
    assert len(starts) == count, (period, starts)
    return period, starts, step


def _service_rules(ch: Chooser) -> dict[str, int]:
    """Remaining service and minimum duration; either may be the binding one (half the time the
    duration is longer than the required remaining service, else usually shorter)."""
    if ch.flag(50):
        years = ch.integer(0, 3)
        return {"min_remaining_service_years": years, "min_duration_months": ch.integer(12 * years + 1, 60)}
    return {"min_remaining_service_years": ch.integer(0, 12), "min_duration_months": ch.integer(0, 60)}


def _rules(ch: Chooser) -> dict[str, Any]:
    quota_min = ch.choice((0, 0, 0, 0, 0, 1, 1, 2, 3))
    quota: dict[str, Any] = {"min": quota_min}
    if ch.flag(50):
        quota["max"] = quota_min + ch.integer(0, 3)
    return {
        "quota": quota,
        **_service_rules(ch),
        "max_consecutive_head_terms": ch.integer(2, 3),
        "youth": {"age_below": 40 + ch.integer(-2, 3), "max_heads": ch.choice((None, 0, 1, 0))},
        "max_starts_per_quarter": ch.choice((None, 1, 1, 2)),
        "mandatory_rotation": [c for c in ("term_limit", "local_key_post") if ch.flag(35)],
        "term_limit_years": ch.choice((8, 1, 2)),
        "only_scored_pairs": ch.flag(15),
    }


def _some_start(ch: Chooser, frame: _Frame, *, skip_first: bool = False) -> date:
    """A start date of the period, sometimes shifted by a few days so that `<=` edges get exercised."""
    options = frame.starts[1:] if skip_first and len(frame.starts) > 1 else frame.starts
    day = ch.choice(options)
    return day + timedelta(days=ch.choice((0, 0, -3, 10))) if ch.flag(30) else day


def _slot(ch: Chooser, frame: _Frame, index: int) -> dict[str, Any]:
    slot: dict[str, Any] = {
        "id": frame.slot_ids[index],
        "unit": ch.choice(frame.unit_ids),
        "title": ch.choice(SLOT_TITLES),
        "priority": ch.integer(0, 3),
    }
    open_from = min(_some_start(ch, frame, skip_first=True), frame.end) if ch.flag(20) else None
    if open_from is not None:
        slot["open_from"] = _iso(open_from)
    if ch.flag(20):
        later = [d for d in frame.starts if open_from is None or d >= open_from] or frame.starts[-1:]
        fill_by = ch.choice(later) + timedelta(days=ch.choice((0, 0, 5)))
        slot["fill_by"] = _iso(max(fill_by, open_from or fill_by))
    if ch.flag(35):
        slot["vacated_by"] = ch.choice(frame.cadre_ids)
    return slot


def _offset(ch: Chooser, frame: _Frame) -> int:
    """Months from the first start to a date near the period: half the time exactly a start date, so
    that the `<=` edges of the date rules (a start exactly N years before retirement, a birthday on the
    start date) get exercised."""
    if ch.flag(50):
        return frame.step * ch.integer(0, len(frame.starts) - 1)
    return ch.integer(-6, frame.step * len(frame.starts) + 3)


def _birth_and_retirement(
    ch: Chooser, frame: _Frame, rules: dict[str, Any], gender: str
) -> tuple[str, dict[str, Any]]:
    """A profile, and a birth date (sometimes a retirement override) that makes the date rules bind.

    Profiles: "mid" (mid-career, usually unconstrained), "old" (retires around a start date plus the
    required remaining service or duration, so that only early starts qualify), "young" (turns
    `youth.age_below` around a start date, so that young-at-start depends on the start).
    """
    profile = ch.choice(("mid", "old", "young", "old", "young"))
    if profile == "mid":
        birth = add_months(frame.base, -12 * ch.integer(41, 50) - ch.integer(0, 11))
        return profile, {"birth_date": _iso(birth.replace(day=ch.integer(1, 28)))}
    offset = _offset(ch, frame)
    day = 1 if ch.flag(50) else ch.integer(1, 28)
    if profile == "young":
        birth = add_months(frame.base, offset - 12 * rules["youth"]["age_below"]).replace(day=day)
        return profile, {"birth_date": _iso(birth)}
    needs = sorted((12 * rules["min_remaining_service_years"], rules["min_duration_months"]), reverse=True)
    need = needs[1] if ch.flag(25) else needs[0]  # the binding rule, or the other (for waivers)
    # Remaining service counts whole months to the month before retirement: its edge is a month later.
    target = add_months(frame.base, need + offset + (1 if ch.flag(50) else 0)).replace(day=day)
    if ch.flag(20):
        birth = add_months(target, -12 * 58).replace(day=ch.integer(1, 28))
        return profile, {"birth_date": _iso(birth), "retirement_date": _iso(target)}
    # The roadmap retires on the first day of the month after the month the required age is reached.
    age_months = required_retirement_age_months(gender, target.year)
    birth = from_month_index(month_index(target) - 1 - age_months).replace(day=ch.integer(1, 28))
    return profile, {"birth_date": _iso(birth)}


def _head_since(ch: Chooser, frame: _Frame, rules: dict[str, Any]) -> date:
    """A tenure that reaches `term_limit_years` near a start date (so that the deadline binds), before
    the period, or after its end; never after the period start (that is bad input)."""
    years = rules["term_limit_years"]
    after_first = frame.step * ch.integer(1, max(1, len(frame.starts) - 1)) - ch.choice((0, 0, 1))
    reached = add_months(frame.base, ch.choice((after_first, after_first, _offset(ch, frame), 12 * 3)))
    since = add_months(reached, -12 * years).replace(day=ch.choice((1, 1, 15)))
    return min(since, frame.start)


#: Waivers a profile is likely to rely on; they get a higher chance, so that waivers matter.
_LIKELY_WAIVERS = {"old": ("remaining_service", "min_duration"), "young": ("youth_heads",), "mid": ()}


def _cadre(ch: Chooser, frame: _Frame, rules: dict[str, Any], index: int) -> dict[str, Any]:
    gender = ch.choice(("male", "female"))
    profile, dates = _birth_and_retirement(ch, frame, rules, gender)
    cadre: dict[str, Any] = {
        "id": frame.cadre_ids[index],
        "name": f"Cán bộ {index + 1}",
        "gender": gender,
        **dates,
        "local_to": [u for u in frame.unit_ids if ch.flag(25)],
        "planning": ["pool"] if ch.flag(65) else [],
        "district_experience": ch.flag(50),
        "health_ok": not ch.flag(5),
        "must_rotate": ch.flag(5),
    }
    if ch.flag(80):
        cadre["current"] = {
            "unit": HOME_UNIT if ch.flag(50) else ch.choice(frame.unit_ids),
            "title": ch.choice(SLOT_TITLES),
            "head_terms": ch.choice((0, 0, 0, 0, 0, 1, 1, 2, 3)),
        }
        if TITLES[cadre["current"]["title"]]["level"] == "head" and ch.flag(40):
            cadre["current"]["head_since"] = _iso(_head_since(ch, frame, rules))
    if ch.flag(20):
        cadre["available_from"] = _iso(_some_start(ch, frame, skip_first=True))
    likely = {*_LIKELY_WAIVERS[profile], *(["non_locality"] if cadre["local_to"] else [])}
    waived = [rule for rule in EDITION_2_WAIVABLE if ch.flag(35 if rule in likely else 5)]
    waivers = [{"rule": rule, "by": "Ban Thường vụ Thành ủy"} for rule in waived]
    if waivers:
        cadre["waivers"] = waivers
    return cadre


def _scores_and_objective(ch: Chooser, frame: _Frame) -> dict[str, Any]:
    scores = []
    for cadre_id in frame.cadre_ids:
        for slot_id in frame.slot_ids:
            if ch.flag(30):
                value: float = ch.integer(-5, 15) + (0.5 if ch.flag(25) else 0)
                scores.append({"cadre": cadre_id, "slot": slot_id, "score": value})
    objective: dict[str, Any] = {"explicit_scores_only": ch.flag(25)}
    if ch.flag(50):
        objective["weights"] = {
            "priority": ch.integer(0, 10),
            "development": ch.integer(0, 10),
            "allowance_cost": ch.integer(0, 10),
            "earlier_start": ch.integer(0, 5),
        }
    return {"scores": scores, "objective": objective}


def _pins_and_forbids(ch: Chooser, frame: _Frame, cadres: list[dict[str, Any]]) -> dict[str, Any]:
    """At most one pin, usually of a healthy, available candidate serving in no slot's unit (a pin of a
    random cadre is mostly infeasible), and a few forbids."""
    pins = []
    if ch.flag(25):
        index = ch.integer(0, len(cadres) - 1)
        pin: dict[str, Any] = {"cadre": frame.cadre_ids[index], "slot": ch.choice(frame.slot_ids)}
        if ch.flag(50):
            pin["start"] = _iso(ch.choice(frame.starts))
        pins.append(pin)
        if not ch.flag(30):
            cadre = cadres[index] | {"planning": ["pool"], "health_ok": True}
            cadre.pop("available_from", None)
            if "current" in cadre:
                cadre["current"] = cadre["current"] | {"unit": HOME_UNIT}
            cadres[index] = cadre
    forbids: list[dict[str, Any]] = []
    for _ in range(ch.choice((0, 1, 1, 2))):
        cadre_id = ch.choice(frame.cadre_ids)
        forbid = (
            {"cadre": cadre_id, "unit": ch.choice(frame.unit_ids)}
            if ch.flag(40)
            else {"cadre": cadre_id, "slot": ch.choice(frame.slot_ids)}
        )
        if forbid not in forbids:  # a repeated forbid is an input error (models.references)
            forbids.append(forbid)
    return {"pins": pins, "forbids": forbids}


def build_scenario(
    ch: Chooser, sizes: Sizes = SMALL, edition3: bool = True, after_stage: bool = False
) -> dict[str, Any]:
    """A scenario dict that passes `Scenario.model_validate` and `models.references` unchanged; without
    `edition3`, the edition-2 scenario the same choices give (the edition-3 parts are drawn last); with
    `after_stage`, the same draw plus the way back (`_edition3_after`, drawn after everything else)."""
    data = _drawn_scenario(ch, sizes, edition3)
    if after_stage:
        _edition3_after(ch, data)
    return data


def _drawn_scenario(ch: Chooser, sizes: Sizes, edition3: bool) -> dict[str, Any]:
    """Every part of `build_scenario` but the way back."""
    n_cadres, n_slots = ch.integer(*sizes.cadres), ch.integer(*sizes.slots)
    n_units = ch.integer(*sizes.units)
    period, starts, step = _period(ch, sizes, n_cadres, n_slots)
    frame = _Frame(
        base=starts[0],
        start=date.fromisoformat(period["start"]),
        end=date.fromisoformat(period["end"]),
        starts=starts,
        step=step,
        cadre_ids=[f"C{i + 1}" for i in range(n_cadres)],
        slot_ids=[f"S{i + 1}" for i in range(n_slots)],
        unit_ids=[f"u{i + 1}" for i in range(n_units)],
    )
    rules = _rules(ch)
    units = [{"id": u, "name": f"Đơn vị {u}", "kind": ch.choice(UNIT_KINDS)} for u in frame.unit_ids]
    units.append({"id": HOME_UNIT, "name": "Đơn vị không có vị trí", "kind": "department"})
    cadres = [_cadre(ch, frame, rules, i) for i in range(n_cadres)]
    slots = [_slot(ch, frame, i) for i in range(n_slots)]
    _open_after_a_deadline(ch, frame, rules, cadres, slots)
    data = {
        "name": "random",
        "period": period,
        "rules": rules,
        "titles": TITLES,
        "units": units,
        "slots": slots,
        "cadres": cadres,
        **_scores_and_objective(ch, frame),
        **_pins_and_forbids(ch, frame, cadres),
    }
    if edition3:
        _edition3_kinship(ch, frame, data)
        _edition3_fit(ch, frame, data)
        _edition3_bench(ch, frame, data)
    return data


#: Relation kinds (CONTRACT §6.2 names these; any code is accepted).
RELATION_KINDS = ("spouse", "sibling", "parent", "in_law")


def _edition3_kinship(ch: Chooser, frame: _Frame, data: dict[str, Any]) -> None:
    """Most of the time a few pairs of relatives (`kinship`). In each, the first is a cadre with an eligible
    slot it is scored high for, and the second now serves in that slot's unit: the first may join it only
    once the second has left. The second is mostly a cadre who is no candidate (it never rotates, so the
    first is kept out until it retires, and nothing else changes for the other rules), sometimes a
    candidate (the rule then asks for a rotation first: not monotone); sometimes the second is scored high
    for another slot of that unit instead, so that both relatives want it. Pinned cadres and those with a
    tenure deadline stay out, and mandatory ones are never the second, so that the rule seldom hides what
    the other rules do; a cadre is moved to a new unit once."""
    cadres, slots = data["cadres"], data["slots"]
    if len(cadres) < 2 or not ch.flag(95):
        return
    eligibility = Eligibility(Scenario.model_validate(data))
    pinned = {p["cadre"] for p in data["pins"]}
    free = [
        i for i, c in enumerate(cadres) if c["id"] not in pinned and "head_since" not in c.get("current", {})
    ]
    open_to = {i: [s for j, s in enumerate(slots) if _in_window(eligibility, i, j)] for i in free}
    joiners = [i for i in free if open_to[i]]
    blockers = [i for i in free if not eligibility.facts[i].candidate]
    free = [i for i in free if not eligibility.facts[i].mandatory]
    moved: set[int] = set()
    relations: list[dict[str, Any]] = []
    for first in joiners:
        if not ch.flag(90):
            continue
        others = [i for i in (blockers if blockers and ch.flag(85) else free) if i != first]
        others = others or [i for i in range(len(cadres)) if i != first and cadres[i]["id"] not in pinned]
        if not others:
            continue
        second = ch.choice(others)
        pair = [frame.cadre_ids[first], frame.cadre_ids[second]]
        if any(set(pair) == set(r["cadres"]) for r in relations):
            continue  # a repeated pair is an input error (models.references)
        relations.append({"cadres": pair, "kind": ch.choice(RELATION_KINDS)})
        here = cadres[first].get("current", {}).get("unit")
        wanted_from = [s for s in open_to[first] if s["unit"] != here]
        if second in moved:
            wanted_from = [s for s in wanted_from if s["unit"] == cadres[second]["current"]["unit"]]
        if not wanted_from:
            continue
        wanted = ch.choice(wanted_from)
        _score(data, pair[0], wanted["id"], 60)
        there = cadres[second].get("current", {}).get("unit")
        both = [
            s for s in open_to.get(second, []) if s["unit"] == wanted["unit"] != there and s is not wanted
        ]
        if both and second not in moved and ch.flag(35):  # both relatives want the unit
            _score(data, pair[1], ch.choice(both)["id"], 60)
        else:  # the second serves there now
            current = cadres[second].get("current", {"title": "pho_giam_doc", "head_terms": 0})
            cadres[second] = cadres[second] | {"current": current | {"unit": wanted["unit"]}}
            if second in blockers:  # with a current post, district experience keeps it no candidate
                cadres[second]["district_experience"] = True
            moved.add(second)
    data["relations"] = relations


def _in_window(eligibility: Eligibility, cadre: int, slot: int) -> bool:
    lo, hi = eligibility.window(cadre, slot)
    return lo <= hi


def _score(data: dict[str, Any], cadre_id: str, slot_id: str, score: float) -> None:
    scores = data["scores"]
    scores[:] = [e for e in scores if (e["cadre"], e["slot"]) != (cadre_id, slot_id)]
    scores.append({"cadre": cadre_id, "slot": slot_id, "score": score})


def _open_after_a_deadline(
    ch: Chooser,
    frame: _Frame,
    rules: dict[str, Any],
    cadres: list[dict[str, Any]],
    slots: list[dict[str, Any]],
) -> None:
    """Now and then a head slot opens just after a term-limited cadre's deadline, so that the deadline
    decides where that cadre can go (`term_limit_deadline` would otherwise rarely bind)."""
    if "term_limit" not in rules["mandatory_rotation"] or not ch.flag(60):
        return
    last = {c["id"]: c["current"]["head_since"] for c in cadres if c.get("current", {}).get("head_since")}
    deadlines = []
    for since in last.values():
        reached = add_months(date.fromisoformat(since), 12 * rules["term_limit_years"])
        later = [d for d in frame.starts if d >= reached]
        if reached > frame.start and len(later) >= 2:
            deadlines.append(later[1])
    heads = [s for s in slots if TITLES[s["title"]]["level"] == "head"]
    if deadlines and heads:
        chosen = ch.choice(heads)
        chosen["open_from"] = _iso(ch.choice(deadlines))
        if "fill_by" in chosen and chosen["fill_by"] < chosen["open_from"]:
            del chosen["fill_by"]


#: The pool title of the random scenarios, and the experience codes the titles give (CONTRACT §6.3).
POOL_ID = "pk"
_GIVES = {
    "bi_thu": ["cap_huyen"],
    "pho_bi_thu": ["cap_huyen"],
    "pho_chu_tich": ["cap_huyen"],
    "giam_doc": ["so"],
}


def _edition3_bench(ch: Chooser, frame: _Frame, data: dict[str, Any]) -> None:
    """Now and then a pool title (`bench_strength`, the readiness score): the district titles give
    `cap_huyen`, `giam_doc` gives `so`; the pool title requires one of them (sometimes both) by a
    `ready_by` that only the first start or two reach, some cadres are planned for it and a few already have
    the experience, and `min_ready` asks for one or two more than those. Shrinks to no pool at all."""
    if not ch.flag(95):
        return
    data["titles"] = {code: title | {"gives": _GIVES.get(code, [])} for code, title in data["titles"].items()}
    months = ch.choice((12, 0, 6, 24))
    data["rules"] = data["rules"] | {"experience_months": months}
    # The last start that makes a cadre ready: one of the period's starts, so readiness depends on the start.
    last = ch.choice(frame.starts[1:] or frame.starts)
    pool: dict[str, Any] = {
        "id": POOL_ID,
        "name": "Chức danh nguồn",
        "requires_experience": ["cap_huyen", "so"] if ch.flag(15) else [ch.choice(("cap_huyen", "so"))],
        "ready_by": _iso(add_months(last, months) + timedelta(days=ch.choice((0, 0, 20)))),
    }
    planned = ready = 0
    cadres = []
    for cadre in data["cadres"]:
        if ch.flag(60):
            planned += 1
            cadre = cadre | {"planning": [*cadre["planning"], POOL_ID]}
            if ch.flag(20):
                ready += 1
                cadre["experience"] = list(pool["requires_experience"])
            elif len(pool["requires_experience"]) > 1 and ch.flag(60):
                cadre["experience"] = [ch.choice(pool["requires_experience"])]
        cadres.append(cadre)
    data["cadres"] = cadres
    _tempt_elsewhere(ch, data, pool)
    trainable = sum(_trainable(data, cadre, pool) for cadre in cadres)
    if trainable and ch.flag(90):  # someone only a rotation can make ready, and some post could
        pool["min_ready"] = ready + min(trainable, ch.choice((1, 2, 2, 3)))
    data["pool"] = [pool]
    if ch.flag(85):  # often no readiness score, so that the optimum without the rule makes fewer ready
        objective = data["objective"]
        weight = 0 if ch.flag(80) else ch.integer(1, 20)
        data["objective"] = objective | {"weights": objective.get("weights", {}) | {"readiness": weight}}


def _trainable(data: dict[str, Any], cadre: dict[str, Any], pool: dict[str, Any]) -> bool:
    """A planned cadre not yet ready that some slot giving the pool's experience might take (a rough
    sieve of the obvious exclusions, so that `min_ready` makes fewer scenarios infeasible)."""
    if POOL_ID not in cadre["planning"] or not cadre.get("health_ok", True):
        return False
    missing = set(pool["requires_experience"]) - set(cadre.get("experience", []))
    if not missing:
        return False
    home = cadre.get("current", {}).get("unit")
    return any(
        missing <= set(_GIVES.get(s["title"], []))
        and s["unit"] != home
        and not (TITLES[s["title"]].get("non_local") and s["unit"] in cadre["local_to"])
        for s in data["slots"]
    )


def _tempt_elsewhere(ch: Chooser, data: dict[str, Any], pool: dict[str, Any]) -> None:
    """Give some planned cadres a high explicit score in a post that does not make them ready, so that
    the best plan without `bench_strength` often places them there and the rule changes the optimum."""
    useless = [
        s for s in data["slots"] if not set(pool["requires_experience"]) & set(_GIVES.get(s["title"], []))
    ]
    scores = {(e["cadre"], e["slot"]): e for e in data["scores"]}
    for cadre in data["cadres"]:
        home = cadre.get("current", {}).get("unit")
        open_to = [
            s["id"]
            for s in useless
            if s["unit"] != home
            and not (TITLES[s["title"]].get("non_local") and s["unit"] in cadre["local_to"])
        ]
        untaken = [slot for slot in open_to if slot not in {s for _, s in scores}] or open_to
        if POOL_ID in cadre["planning"] and "experience" not in cadre and open_to and ch.flag(90):
            pair = (cadre["id"], ch.choice(untaken))
            scores[pair] = {"cadre": pair[0], "slot": pair[1], "score": ch.integer(15, 30)}
    data["scores"] = list(scores.values())


#: Lower posts some cadres hold now (a current title need not be any slot's, CONTRACT §6.1).
LOWER_TITLES: dict[str, dict[str, Any]] = {
    "truong_phong": {"name": "Trưởng phòng", "level": "head", "rank": 3},
    "pho_truong_phong": {"name": "Phó Trưởng phòng", "level": "deputy", "rank": 2},
}
#: Qualification codes titles may require (CONTRACT §6.1).
QUALIFICATIONS = ("llct_cao_cap", "dai_hoc")


def _edition3_fit(ch: Chooser, frame: _Frame, data: dict[str, Any]) -> None:
    """Fit for the post (CONTRACT §6.1), each part off when its first choice is taken: ranks on the
    titles (deputies below heads, so that a deputy's step up to a head binds `equivalent_rank`), with
    `max_rank_step` mostly 0 and an `equivalent_rank` waiver now and then for a ranked cadre; `requires`
    on some titles, and cadres holding each code plain, from a day near a start (`title_standards` then
    moves the first start) or not at all; `disciplined_until` near a start; some units made communes
    (local units, as districts are for `district_only`)."""
    titles = {code: dict(title) for code, title in data["titles"].items()}
    if ch.flag(85):
        for title in titles.values():
            if ch.flag(90):
                title["rank"] = (2 if title["level"] == "deputy" else 3) + ch.choice((0, 1))
        data["rules"]["max_rank_step"] = ch.choice((0, 0, 0, 1))
        # Cadres serving now in lower posts, which no slot offers: every slot is a step up for them.
        titles |= LOWER_TITLES
        for cadre in data["cadres"]:
            current = cadre.get("current")
            if current is not None and ch.flag(35):
                lower = "truong_phong" if titles[current["title"]]["level"] == "head" else "pho_truong_phong"
                cadre["current"] = current | {"title": lower}
    if ch.flag(75):
        for title in titles.values():
            if ch.flag(60 if title["level"] == "head" else 30):
                title["requires"] = list(ch.choice((QUALIFICATIONS[:1], QUALIFICATIONS[1:], QUALIFICATIONS)))
        for cadre in data["cadres"]:
            held: list[Any] = []
            for code in QUALIFICATIONS:
                how = ch.choice(("plain", "from", "from", "from", "none"))
                if how == "plain":
                    held.append(code)
                elif how == "from":
                    held.append({"code": code, "from": _iso(_some_start(ch, frame, skip_first=True))})
            cadre["qualifications"] = held
    data["titles"] = titles
    for cadre in data["cadres"]:
        if ch.flag(30):
            day = _some_start(ch, frame, skip_first=True) - timedelta(days=ch.choice((1, 1, 0, 40)))
            cadre["disciplined_until"] = _iso(day)
        ranked = "rank" in titles.get(cadre.get("current", {}).get("title", ""), {})
        waived = {w["rule"] for w in cadre.get("waivers", ())}
        if ranked and "equivalent_rank" not in waived and ch.flag(10):
            waiver = {"rule": "equivalent_rank", "by": "Ban Thường vụ Thành ủy"}
            cadre["waivers"] = [*cadre.get("waivers", ()), waiver]
    for unit in data["units"]:
        if unit["id"] != HOME_UNIT and ch.flag(20):
            unit["kind"] = "commune"


@st.composite
def scenarios(draw: st.DrawFn, sizes: Sizes = SMALL, after_stage: bool = False) -> dict[str, Any]:
    """Hypothesis strategy of small scenario dicts (see module docstring)."""
    return build_scenario(HypothesisChooser(draw), sizes, after_stage=after_stage)


def random_scenario(
    seed: int, sizes: Sizes = SMALL, edition3: bool = True, after_stage: bool = False
) -> dict[str, Any]:
    """The same generator driven by `random.Random(seed)`: reproducible without hypothesis."""
    return build_scenario(RandomChooser(random.Random(seed)), sizes, edition3, after_stage)


def _edition3_after(ch: Chooser, data: dict[str, Any]) -> None:
    """The way back (CONTRACT §6.4), drawn after everything else so that the draws without it stay as they
    were: sometimes a `rotation_months` longer than `min_duration_months`; a horizon on the end of a
    rotation starting on the last start date (now and then the one before it, or a day earlier, so that a
    later start escapes the stage; one draw in ten before every end, which shrinks to no stage at all);
    a window of 0, 3 or 6 months; none to two projected posts, each opening on a rotation's end, on an edge
    of its window or a day or a month past it, mostly in a unit where some cadre serves now (`after_home`)
    and with a title some cadre holds now (the rank bounds), otherwise anywhere; `may_stay` on few slots
    (term-limited cadres and natives in key posts may stay anyway); sometimes another `after_home` weight.
    Measured in `tests/solving/test_solver_vs_bruteforce.py` (`AFTER_STAGE_BINDING`)."""
    rules, period = data["rules"], data["period"]
    if ch.flag(30):
        rules["rotation_months"] = rules["min_duration_months"] + ch.choice((3, 12, 0))
    months = rules.get("rotation_months", rules["min_duration_months"])
    first, last_day = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    ends = [add_months(start, months) for start in period_starts(first, last_day, period["granularity"])]
    last = len(ends) - 1
    reach = last - ch.choice((0, 0, 0, 1))  # rotations starting on starts[: reach + 1] need an after
    horizon = ends[reach] - timedelta(days=ch.choice((0, 0, 0, 1))) if ch.flag(90) else ends[0] - timedelta(1)
    window = ch.choice((3, 0, 6, 0))
    homes = [c["current"]["unit"] for c in data["cadres"] if "current" in c]
    held = [c["current"]["title"] for c in data["cadres"] if "current" in c]
    units = [u["id"] for u in data["units"]]
    posts = []
    for index in range(ch.choice((1, 2, 2, 0, 1))):
        end = ends[ch.integer(0, reach)]
        shift = ch.choice((0, 0, 0, -window, window, window + 1, -window - 1))
        open_from = add_months(end, shift) + timedelta(days=ch.choice((0, 0, 0, 1, -1)))
        posts.append(
            {
                "id": f"P{index + 1}",
                "unit": ch.choice(homes) if homes and ch.flag(70) else ch.choice(units),
                "title": ch.choice(held) if held and ch.flag(70) else ch.choice(list(data["titles"])),
                "open_from": _iso(open_from),
            }
        )
    for slot in data["slots"]:
        if ch.flag(5):
            slot["may_stay"] = True
    data["after_rotation"] = {"horizon": _iso(horizon), "window_months": window, "posts": posts}
    if ch.flag(40):
        objective = data["objective"]
        weight = ch.choice((0, 10, 1))
        data["objective"] = objective | {"weights": objective.get("weights", {}) | {"after_home": weight}}
