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

from models.categories import NO_DISTRICT_EXPERIENCE, PLANNING
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
        _edition3_base(ch, data)
        roles = _edition3_roles(ch, frame, data)
        _edition3_kinship(ch, frame, data, roles)
        _edition3_fit(ch, frame, data, roles)
        _edition3_bench(ch, frame, data, roles)
        _edition3_scarce(ch, data, roles)
    return data


#: Relation kinds (CONTRACT §6.2 names these; any code is accepted).
RELATION_KINDS = ("spouse", "sibling", "parent", "in_law")


@dataclass(frozen=True)
class _Role:
    """A target of one edition-3 rule: the cadre (position in `data["cadres"]`), the slot it is tempted to
    (position in `data["slots"]`) and the admissible starts of the pair before the edition-3 data, [lo, hi];
    the kinship target's relative, the bench target's tempting slot (which does not make it ready), the
    discipline target's last admissible start in any slot."""

    cadre: int
    slot: int
    lo: int
    hi: int
    relative: int | None = None
    tempting: int | None = None
    last: int | None = None

    @property
    def slots(self) -> tuple[int, ...]:
        """The slots the cadre is tempted to."""
        return (self.slot,) if self.tempting is None else (self.slot, self.tempting)


#: The edition-3 rules the generator makes bind, in the order they are given targets: `bench_strength`
#: first, on the cadre with the fewest other ways (its post kept from the others); the pair rules
#: gathered on as few cadres as their slots allow, so that a cadre is left for `discipline`, which also
#: needs one of its own; `kinship` once more last, where the `discipline` target can be the relative.
#: (Measured over 100 draws, tests/solving/test_solver_vs_bruteforce.py: this order binds the five
#: rules more often in total than `discipline` or a drawn rule first; `title_standards` and `kinship`
#: before `equivalent_rank` left the latter too few targets, `equivalent_rank` first the others.)
_ROLES = ("bench_strength", "title_standards", "equivalent_rank", "kinship", "discipline", "kinship")


def _edition3_roles(ch: Chooser, frame: _Frame, data: dict[str, Any]) -> dict[str, _Role]:
    """One design for the three edition-3 parts: each rule, drawn in turn, gets a target, a pair (cadre,
    slot) open under the edition-2 rules. The target gets a high explicit score, so that the best plan
    without the rule takes it, and the rule's part of the data then rules it out: left out, the rule
    changes the optimum (or, where the target was the only way, feasibility).

    Small edition-2 draws leave few such pairs (most cadres are pinned, mandatory, too old, or in no
    slot's reach), so the cadres neither pinned nor mandatory are first made free to go (`_free_to_go`),
    and a quota maximum below the number of targets is raised to it. Targets of different rules are
    different pairs, and one cadre's targets have different titles; the `discipline` target (kept out of
    the period) and the `bench_strength` target (which must take its post, no one else's target) are
    targets of nothing else; the `kinship` target's relative holds a post in the slot's unit through the
    period: a cadre no rule makes a candidate, the `discipline` target, or the `bench_strength` target
    when its post is in that unit. With no cadre left for `discipline`, a cadre that keeps its post is
    made free to go and disciplined instead (`_kept_by_discipline`). Slots with a pin or a `vacated_by` are never targets (whether they
    can be filled depends on other cadres)."""
    cadres, slots = data["cadres"], data["slots"]
    eligibility = Eligibility(Scenario.model_validate(data))
    pinned = {p["cadre"] for p in data["pins"]} | {p["slot"] for p in data["pins"]}
    usable = [i for i, c in enumerate(cadres) if c["id"] not in pinned and not eligibility.facts[i].mandatory]
    turn = ch.integer(0, max(0, len(usable) - 1))
    usable = usable[turn:] + usable[:turn]
    keepers = [
        i
        for i in usable
        if not eligibility.facts[i].candidate and eligibility.facts[i].retirement >= frame.end
    ]
    movers = [i for i in usable if i not in keepers]
    convertible = [
        i
        for i in movers
        if eligibility.facts[i].categories <= {PLANNING, NO_DISTRICT_EXPERIENCE}
        and eligibility.facts[i].retirement >= frame.end
    ]
    if not keepers and convertible and len(movers) >= 2:
        keepers = [convertible[-1]]  # made no candidate by `_edition3_kinship`
        movers.remove(keepers[0])
    for i in movers:
        cadres[i] = _free_to_go(cadres[i])
    data["forbids"] = [f for f in data["forbids"] if f["cadre"] not in {cadres[i]["id"] for i in movers}]
    eligibility = Eligibility(
        Scenario.model_validate(data | {"rules": data["rules"] | {"only_scored_pairs": False}})
    )
    windows = {
        (i, j): eligibility.window(i, j)
        for i in movers
        for j, slot in enumerate(slots)
        if slot["id"] not in pinned and "vacated_by" not in slot
    }
    roles: dict[str, _Role] = {}

    def taken(i: int) -> int:
        return sum(role.cadre == i for role in roles.values())

    def open_slots(i: int) -> list[int]:
        """The cadre's open slots of titles none of its targets has (a title's rank and standards are
        the same in every slot, so the rules could not keep one of them out alone)."""
        used = {slots[j]["title"] for role in roles.values() if role.cadre == i for j in role.slots}
        bench = roles.get("bench_strength")  # the slot the bench target must take is no one else's
        return [
            j
            for j in range(len(slots))
            if slots[j]["title"] not in used
            and _open(windows.get((i, j)))
            and (bench is None or j != bench.slot)
        ]

    def role(i: int, j: int, **more: int) -> _Role:
        return _Role(i, j, *windows[i, j], **more)

    for name in _ROLES:
        if name in roles or not ch.flag(90):
            continue
        alone = {r.cadre for n, r in roles.items() if n in ("discipline", "bench_strength")}
        options = sorted(
            (i for i in movers if i not in alone), key=lambda i: (-taken(i), -len(open_slots(i)))
        )
        if name in ("discipline", "bench_strength"):
            options = sorted((i for i in options if not taken(i)), key=lambda i: len(open_slots(i)))
        for i in options:
            open_to = open_slots(i)
            if name == "bench_strength":
                targeted = {j for role in roles.values() for j in role.slots}
                giving = [j for j in open_to if _GIVES.get(slots[j]["title"]) and j not in targeted]
                if not giving:
                    continue
                gives = ch.choice(giving)
                tempting = [
                    j for j in open_to if _GIVES.get(slots[j]["title"]) != _GIVES[slots[gives]["title"]]
                ]
                if tempting and ch.flag(60):
                    roles[name] = role(i, gives, tempting=ch.choice(tempting))
                else:
                    roles[name] = role(i, gives)
                break
            if name == "kinship":
                wanted = [j for j in open_to if slots[j]["unit"] != _unit_of(cadres[i])]
                keeping = [*keepers, *(r.cadre for n, r in roles.items() if n == "discipline")]
                pairs = [
                    (j, r)
                    for j in wanted
                    for r in keeping
                    if not _discipline_in(roles, r, slots[j]["unit"], slots)
                ]
                bench = roles.get("bench_strength")  # or the bench target, which must join the unit
                if bench is not None and bench.cadre != i:
                    pairs += [
                        (j, bench.cadre) for j in wanted if slots[j]["unit"] == slots[bench.slot]["unit"]
                    ]
                if pairs:
                    slot, relative = ch.choice(pairs)
                    roles[name] = role(i, slot, relative=relative)
                    break
            elif name == "discipline" and open_to:
                # The cadre's last admissible start in any slot, which the discipline covers.
                last = max(hi for (c, _), (lo, hi) in windows.items() if c == i and lo <= hi)
                roles[name] = role(i, ch.choice(open_to), last=last)
                break
            elif open_to:
                roles[name] = role(i, ch.choice(open_to))
                break
    if "discipline" not in roles and keepers and ch.flag(90):
        kept = _kept_by_discipline(ch, data, roles, keepers, pinned)
        if kept is not None:
            roles["discipline"] = kept
    for name, target in roles.items():
        cadre_id = cadres[target.cadre]["id"]
        if target.tempting is not None:
            # The post that makes the cadre ready scores little; the tempting one, which does not, much.
            _score(data, cadre_id, slots[target.slot]["id"], ch.integer(1, 8))
            _score(data, cadre_id, slots[target.tempting]["id"], ch.integer(40, 70))
        elif name == "bench_strength":
            # Without a tempting post: the posts that make the cadre ready are ones it would rather not take.
            for j, slot in enumerate(slots):
                if _open(eligibility.window(target.cadre, j)) and _GIVES.get(slot["title"]):
                    _score(data, cadre_id, slot["id"], -ch.integer(60, 75) if j == target.slot else -90)
        else:
            _score(data, cadre_id, slots[target.slot]["id"], ch.integer(40, 70))
    quota = data["rules"]["quota"]
    if quota.get("max") is not None and quota["max"] < len(roles):  # room for the targets
        data["rules"]["quota"] = quota | {"max": len(roles)}
    return roles


def _edition3_base(ch: Chooser, data: dict[str, Any]) -> None:
    """The edition-2 part of a whole draw, made feasible more often: a draw infeasible before any
    edition-3 data stays so whatever the edition-3 rules say, so none of them can bind there (about 40
    of 100 small draws: mostly mandatory cadres with no slot in reach, then pins, quota minimums). The
    mandatory cadres are made free to go (`_free_to_go`) and no longer mandatory, the quota minimum is
    at most 1, and half the draws lose their pins. The infeasible draws come back by design, where the
    edition-3 rules cause them (`_edition3_scarce`)."""
    eligibility = Eligibility(Scenario.model_validate(data))
    cadres = data["cadres"]
    for i, facts in enumerate(eligibility.facts):
        if facts.mandatory:
            freed = _free_to_go(cadres[i]) | {"must_rotate": False}
            if "current" in freed:
                freed["current"] = {k: v for k, v in freed["current"].items() if k != "head_since"}
                freed["current"]["head_terms"] = 0
            cadres[i] = freed
    quota = data["rules"]["quota"]
    data["rules"]["quota"] = quota | {"min": min(quota["min"], 1)}
    if ch.flag(50):
        data["pins"] = []


def _kept_by_discipline(
    ch: Chooser, data: dict[str, Any], roles: dict[str, _Role], keepers: list[int], pinned: set[str]
) -> _Role | None:
    """No cadre left for `discipline`: a cadre that keeps its post anyway (the `kinship` relative first)
    is made free to go and disciplined instead, so that only the discipline keeps it."""
    kinship = roles.get("kinship")
    keeper = kinship.relative if kinship is not None and kinship.relative in keepers else keepers[0]
    assert keeper is not None
    cadres, slots = data["cadres"], data["slots"]
    cadres[keeper] = _free_to_go(cadres[keeper])
    eligibility = Eligibility(
        Scenario.model_validate(data | {"rules": data["rules"] | {"only_scored_pairs": False}})
    )
    windows = {j: eligibility.window(keeper, j) for j, slot in enumerate(slots) if slot["id"] not in pinned}
    unit = None if kinship is None or kinship.relative != keeper else slots[kinship.slot]["unit"]
    open_to = [j for j, window in windows.items() if _open(window) and slots[j]["unit"] != unit]
    if not open_to:
        return None
    slot = ch.choice(open_to)
    last = max(hi for lo, hi in windows.values() if lo <= hi)
    return _Role(keeper, slot, *windows[slot], last=last)


def _free_to_go(cadre: dict[str, Any]) -> dict[str, Any]:
    """The cadre as a target needs it: a candidate (planned), healthy, available from the start, serving
    now (if at all) in the unit without slots, and holding every edition-2 waiver (so that age and
    locality leave it most slots); its forbids are dropped (`_edition3_roles`)."""
    waived = {w["rule"] for w in cadre.get("waivers", ())}
    waivers = [*cadre.get("waivers", ())]
    waivers += [
        {"rule": rule, "by": "Ban Thường vụ Thành ủy"} for rule in EDITION_2_WAIVABLE if rule not in waived
    ]
    freed = cadre | {"health_ok": True, "planning": cadre["planning"] or ["pool"], "waivers": waivers}
    freed.pop("available_from", None)
    if "current" in cadre:
        freed["current"] = cadre["current"] | {"unit": HOME_UNIT}
    return freed


def _open(window: tuple[int, int] | None) -> bool:
    return window is not None and window[0] <= window[1]


def _unit_of(cadre: dict[str, Any]) -> str | None:
    return cadre.get("current", {}).get("unit")


def _discipline_in(roles: dict[str, _Role], cadre: int, unit: str, slots: list[dict[str, Any]]) -> bool:
    """The `discipline` target tempted to a slot of `unit`: it cannot both serve there now and go there."""
    target = roles.get("discipline")
    return target is not None and target.cadre == cadre and slots[target.slot]["unit"] == unit


def _edition3_kinship(ch: Chooser, frame: _Frame, data: dict[str, Any], roles: dict[str, _Role]) -> None:
    """The `kinship` target's relative serves now in the target slot's unit and keeps that post (it is no
    candidate, or the `discipline` target), or is the `bench_strength` target, which must take a post in
    that unit: the target may not join it. Now and then another pair of relatives among the cadres no
    rule targets, which may bind or not (both candidates: the rule then asks for an order of the starts,
    which is not monotone)."""
    cadres, slots = data["cadres"], data["slots"]
    relations: list[dict[str, Any]] = []
    target = roles.get("kinship")
    bench = roles.get("bench_strength")
    if (
        target is not None
        and target.relative is not None
        and (bench is None or target.relative != bench.cadre)
    ):
        relative = target.relative
        unit = slots[target.slot]["unit"]
        current = cadres[relative].get("current", {"title": "pho_giam_doc", "head_terms": 0}) | {"unit": unit}
        if TITLES.get(current["title"], {}).get("non_local") and unit in cadres[relative]["local_to"]:
            current = {k: v for k, v in current.items() if k != "head_since"} | {"title": "pho_giam_doc"}
        kept = cadres[relative] | {"current": current, "district_experience": True}
        if "discipline" not in roles or roles["discipline"].cadre != relative:
            kept["planning"] = []
        cadres[relative] = kept
    if target is not None and target.relative is not None:
        pair = [frame.cadre_ids[target.cadre], frame.cadre_ids[target.relative]]
        relations.append({"cadres": pair if ch.flag(50) else pair[::-1], "kind": ch.choice(RELATION_KINDS)})
    involved = {r.cadre for r in roles.values()} | {
        r.relative for r in roles.values() if r.relative is not None
    }
    others = [i for i in range(len(cadres)) if i not in involved]
    if len(others) >= 2 and ch.flag(40):
        first = ch.choice(others)
        second = ch.choice([i for i in others if i != first])
        pair = [frame.cadre_ids[first], frame.cadre_ids[second]]
        relations.append({"cadres": pair, "kind": ch.choice(RELATION_KINDS)})
    data["relations"] = relations


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


def _edition3_bench(ch: Chooser, frame: _Frame, data: dict[str, Any], roles: dict[str, _Role]) -> None:
    """A pool title (`bench_strength`, the readiness score): the district titles give `cap_huyen`,
    `giam_doc` gives `so`. With a target, the pool requires what the target's slot gives by a `ready_by`
    that one of the pair's starts reaches, the target is planned for it (`_edition3_roles` tempts it
    elsewhere or scores the posts that make it ready low), a few cadres no other rule targets are planned
    and already ready, and `min_ready` asks for one more: the target must take the post. Without one, now
    and then a pool, seldom with a `min_ready`. Shrinks to no pool at all."""
    target = roles.get("bench_strength")
    if target is None and not ch.flag(50):
        return
    slots = data["slots"]
    data["titles"] = {code: title | {"gives": _GIVES.get(code, [])} for code, title in data["titles"].items()}
    months = ch.choice((12, 0, 6, 24))
    data["rules"] = data["rules"] | {"experience_months": months}
    if target is not None:
        code = _GIVES[slots[target.slot]["title"]][0]
        last = frame.starts[ch.integer(target.lo, target.hi)]
    else:
        code = ch.choice(("cap_huyen", "so"))
        last = ch.choice(frame.starts[1:] or frame.starts)
    other = "so" if code == "cap_huyen" else "cap_huyen"
    pool: dict[str, Any] = {
        "id": POOL_ID,
        "name": "Chức danh nguồn",
        "requires_experience": [code, other] if ch.flag(15) else [code],
        "ready_by": _iso(add_months(last, months) + timedelta(days=ch.choice((0, 0, 20)))),
    }
    involved = {r.cadre for r in roles.values()} | {
        r.relative for r in roles.values() if r.relative is not None
    }
    ready = 0
    cadres = []
    for i, cadre in enumerate(data["cadres"]):
        if target is not None and i == target.cadre:
            cadre = cadre | {"planning": [*cadre["planning"], POOL_ID]}
            if len(pool["requires_experience"]) > 1:
                cadre["experience"] = [other]
        elif i not in involved and ch.flag(30 if target is not None else 60):
            cadre = cadre | {"planning": [*cadre["planning"], POOL_ID]}
            if target is not None or ch.flag(20):
                ready += 1
                cadre["experience"] = list(pool["requires_experience"])
        cadres.append(cadre)
    data["cadres"] = cadres
    if target is not None:
        pool["min_ready"] = ready + 1
    elif ch.flag(25):
        pool["min_ready"] = ready + ch.choice((1, 1, 2))
    data["pool"] = [pool]
    if ch.flag(85):  # often no readiness score, so that the optimum without the rule makes fewer ready
        objective = data["objective"]
        weight = 0 if ch.flag(80) else ch.integer(1, 20)
        data["objective"] = objective | {"weights": objective.get("weights", {}) | {"readiness": weight}}


def _edition3_scarce(ch: Chooser, data: dict[str, Any], roles: dict[str, _Role]) -> None:
    """In half the draws, only the targets can fill the quota: every cadre but the pinned ones and the
    `bench_strength` target is forbidden every slot it is not tempted to as a target, and the quota asks
    for one rotation more than the pins and the bench target give. Each rule then keeps its target out,
    so the draw is infeasible, and leaving any one of `equivalent_rank`, `title_standards`, `discipline`
    or `kinship` out lets its target fill the quota: infeasible draws in which every targeted rule
    changes the verdict (`bench_strength`, which forces a rotation, binds in the other half). This is
    what keeps feasibility near half once `_edition3_base` has made the edition-2 part feasible."""
    if not ch.flag(50):
        return
    cadres, slots = data["cadres"], data["slots"]
    pinned = {p["cadre"] for p in data["pins"]}
    bench = roles.get("bench_strength")
    allowed: dict[int, set[int]] = {}
    for name, role in roles.items():
        if name != "bench_strength":
            allowed.setdefault(role.cadre, set()).update(role.slots)
    if not allowed:
        return
    forbids = data["forbids"]
    for i, cadre in enumerate(cadres):
        if cadre["id"] in pinned or (bench is not None and i == bench.cadre):
            continue
        for j, slot in enumerate(slots):
            forbid = {"cadre": cadre["id"], "slot": slot["id"]}
            if j not in allowed.get(i, ()) and forbid not in forbids:
                forbids.append(forbid)
    least = len(pinned) + (bench is not None) + 1
    quota = data["rules"]["quota"]
    data["rules"]["quota"] = quota | {"min": least}
    if quota.get("max") is not None and quota["max"] < least:
        data["rules"]["quota"]["max"] = least


#: Lower posts some cadres hold now (a current title need not be any slot's, CONTRACT §6.1), one of each
#: rank below the slots' (deputies 2-3, heads 3-4), so that any slot can be a step up.
LOWER_TITLES: dict[str, dict[str, Any]] = {
    "truong_phong": {"name": "Trưởng phòng", "level": "head", "rank": 3},
    "pho_truong_phong": {"name": "Phó Trưởng phòng", "level": "deputy", "rank": 2},
    "chuyen_vien_chinh": {"name": "Chuyên viên chính", "level": "deputy", "rank": 1},
}
#: Qualification codes titles may require (CONTRACT §6.1).
QUALIFICATIONS = ("llct_cao_cap", "dai_hoc")
_WAIVER = {"rule": "equivalent_rank", "by": "Ban Thường vụ Thành ủy"}


def _edition3_fit(ch: Chooser, frame: _Frame, data: dict[str, Any], roles: dict[str, _Role]) -> None:
    """Fit for the post (CONTRACT §6.1), each part off when its first choice is taken and no target asks
    for it. Ranks on the titles (deputies below heads); the `equivalent_rank` target now holds a lower
    post (`LOWER_TITLES`) more than `max_rank_step` below its slot, other targets that would be kept
    out too get an `equivalent_rank` waiver, and some untargeted cadres hold lower posts. `requires` on
    some titles: the `title_standards` target lacks one code its slot requires until after the pair's
    last start (or for good), other targets hold what theirs require by their first start, the rest hold
    each code plain, from a day near a start, or not at all. The `discipline` target is disciplined until
    its last start or later (no rotation at all), some untargeted cadres until a day near a start. Some
    units made communes (local units, as districts are for `district_only`)."""
    cadres, slots = data["cadres"], data["slots"]
    titles = {code: dict(title) for code, title in data["titles"].items()}
    targets = {r.cadre for r in roles.values()}
    involved = targets | {r.relative for r in roles.values() if r.relative is not None}
    ranked = roles.get("equivalent_rank")
    if ranked is not None or ch.flag(50):
        for title in titles.values():
            if ch.flag(90):
                title["rank"] = (2 if title["level"] == "deputy" else 3) + ch.choice((0, 1))
        step = ch.choice((0, 0, 0, 1))
        titles |= LOWER_TITLES
        if ranked is not None:
            title = titles[slots[ranked.slot]["title"]]
            title.setdefault("rank", 2 if title["level"] == "deputy" else 3)
            step = min(step, title["rank"] - 2)
            lower = max(
                (c for c in LOWER_TITLES if LOWER_TITLES[c]["rank"] < title["rank"] - step), key=_rank_of
            )
            reach = LOWER_TITLES[lower]["rank"] + step
            for j in _other_slots(roles, ranked):  # the cadre's other targets stay within its reach
                other = titles[slots[j]["title"]]
                if other.get("rank", 0) > reach:
                    other["rank"] = reach
            cadre = cadres[ranked.cadre]
            current = cadre.get("current", {"unit": HOME_UNIT, "head_terms": 0}) | {"title": lower}
            if LOWER_TITLES[lower]["level"] == "deputy":
                current.pop("head_since", None)
            cadres[ranked.cadre] = cadre | {"current": current}
        data["rules"]["max_rank_step"] = step
        for i, cadre in enumerate(cadres):
            current = cadre.get("current")
            if i not in involved and current is not None and ch.flag(15):
                lower = "truong_phong" if titles[current["title"]]["level"] == "head" else "pho_truong_phong"
                cadres[i] = cadre | {"current": current | {"title": lower}}
        for target in roles.values():
            if (ranked is None or target.cadre != ranked.cadre) and _above(
                titles, step, cadres[target.cadre], slots, target
            ):
                cadres[target.cadre] = cadres[target.cadre] | {
                    "waivers": [*cadres[target.cadre].get("waivers", ()), _WAIVER]
                }
        for i, cadre in enumerate(cadres):
            has_rank = "rank" in titles.get(cadre.get("current", {}).get("title", ""), {})
            waived = {w["rule"] for w in cadre.get("waivers", ())}
            if i not in targets and has_rank and "equivalent_rank" not in waived and ch.flag(10):
                cadres[i] = cadre | {"waivers": [*cadre.get("waivers", ()), _WAIVER]}
    standards = roles.get("title_standards")
    if standards is not None or ch.flag(50):
        for title in titles.values():
            if ch.flag(60 if title["level"] == "head" else 30):
                title["requires"] = list(ch.choice((QUALIFICATIONS[:1], QUALIFICATIONS[1:], QUALIFICATIONS)))
        if standards is not None:
            title = titles[slots[standards.slot]["title"]]
            title.setdefault("requires", [ch.choice(QUALIFICATIONS)])
            missing = ch.choice(title["requires"])
            for j in _other_slots(roles, standards):  # the cadre's other targets do not need the code
                other = titles[slots[j]["title"]]
                if missing in other.get("requires", ()):
                    other["requires"] = [code for code in other["requires"] if code != missing]
        for i in range(len(cadres)):
            needed = {
                code
                for r in roles.values()
                if r.cadre == i
                for j in r.slots
                for code in titles[slots[j]["title"]].get("requires", ())
            }
            first = min((r.lo for r in roles.values() if r.cadre == i), default=0)
            held: list[Any] = []
            for code in QUALIFICATIONS:
                if standards is not None and i == standards.cadre and code == missing:
                    after = frame.starts[standards.hi] + timedelta(days=ch.choice((1, 1, 40)))
                    if ch.flag(70):
                        held.append({"code": code, "from": _iso(after)})
                    continue
                how = "plain" if code in needed else ch.choice(("plain", "plain", "from", "from", "none"))
                if how == "plain":
                    held.append(
                        code
                        if code not in needed or ch.flag(50)
                        else {"code": code, "from": _iso(frame.starts[first])}
                    )
                elif how == "from":
                    held.append({"code": code, "from": _iso(_some_start(ch, frame, skip_first=True))})
            cadres[i] = cadres[i] | {"qualifications": held}
    data["titles"] = titles
    disciplined = roles.get("discipline")
    for i, cadre in enumerate(cadres):
        if disciplined is not None and i == disciplined.cadre:
            assert disciplined.last is not None
            last = frame.starts[-1 if ch.flag(30) else disciplined.last]
            cadres[i] = cadre | {"disciplined_until": _iso(last + timedelta(days=ch.choice((0, 0, 10))))}
        elif i not in targets and ch.flag(10):
            day = _some_start(ch, frame, skip_first=True) - timedelta(days=ch.choice((1, 1, 0, 40)))
            cadres[i] = cadre | {"disciplined_until": _iso(day)}
    for unit in data["units"]:
        if unit["id"] != HOME_UNIT and ch.flag(20):
            unit["kind"] = "commune"


def _other_slots(roles: dict[str, _Role], target: _Role) -> list[int]:
    """The slots the target's cadre is tempted to by the other rules' targets."""
    return [
        j for role in roles.values() if role is not target and role.cadre == target.cadre for j in role.slots
    ]


def _rank_of(code: str) -> int:
    return int(LOWER_TITLES[code]["rank"])


def _above(
    titles: dict[str, Any], step: int, cadre: dict[str, Any], slots: list[dict[str, Any]], target: _Role
) -> bool:
    """The target's slot (or the bench target's tempting slot) ranks above the cadre's post + `step`."""
    own = titles.get(cadre.get("current", {}).get("title", ""), {}).get("rank")
    ranks = [titles[slots[j]["title"]].get("rank") for j in target.slots]
    return own is not None and any(rank is not None and rank > own + step for rank in ranks)


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
