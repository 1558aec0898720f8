"""What every rule of the checker reads: the scenario, the plan's assignments resolved against it, the
cadre facts, and the shape of a violation. Kept apart from `check.py` so that `rules.py` can use these
types without importing the code that runs the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from models.scenario import Cadre, Scenario, Slot, Title, Unit
from planner.checker.facts import CadreFacts


@dataclass(frozen=True)
class Violation:
    """One broken rule, as `planner check --json` prints it. Messages name ids, never people."""

    rule: str
    cadre: str | None
    slot: str | None
    message: str

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


def violation(rule: str, cadre: str | None, slot: str | None, vi: str, en: str) -> Violation:
    """A violation whose message is its Vietnamese and English halves, "vi / en"."""
    return Violation(rule=rule, cadre=cadre, slot=slot, message=f"{vi} / {en}")


def day_text(day: date) -> str:
    """A date as the newer messages give it, dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Placement:
    """An assignment whose cadre, slot and start all resolved against the scenario."""

    cadre: Cadre
    slot: Slot
    unit: Unit
    title: Title
    start: date
    #: The assignment's `after` as the plan file gives it (any JSON; None when absent), read only by
    #: `after_placement`. Not compared: a placement is the same placement whatever follows it.
    after: Any = field(default=None, compare=False)

    def broken(self, rule: str, vi: str, en: str) -> Violation:
        """A violation of this one assignment."""
        return violation(rule, self.cadre.id, self.slot.id, vi, en)


@dataclass(frozen=True)
class Unresolved:
    """An assignment naming something the scenario does not have; it takes part in no other rule.

    `missing` lists which of "cadre", "slot" and "start" failed to resolve.
    """

    cadre: str
    slot: str
    start: str | None
    missing: tuple[str, ...]


@dataclass(frozen=True)
class CheckContext:
    """The checker's whole input, built once by `check.build_context`."""

    scenario: Scenario
    placements: tuple[Placement, ...]
    unresolved: tuple[Unresolved, ...]
    facts: Mapping[str, CadreFacts]
    #: With `check --as-of DATE` (CONTRACT §4): placements starting before it are history, counted by the
    #: plan-wide rules but not judged again by the rules of a single placement.
    as_of: date | None = None

    @property
    def judged(self) -> tuple[Placement, ...]:
        """The placements the rules of a single placement judge: all of them, or without `as_of` those
        that start on or after it. Which placements are history follows from the date alone, never from
        a `history` mark in the file."""
        if self.as_of is None:
            return self.placements
        return tuple(p for p in self.placements if p.start >= self.as_of)
