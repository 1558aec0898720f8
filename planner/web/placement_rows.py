"""A plan page's placements as leadership reads them, a page at a time.

Each placement is one row: the cadre by name (the id beside it, small), the post by title and unit, the
start, the score and a short why (the cadre's first category and how many more); the stored explanation
in full is a click away (`details`), with the link to the why page. The merged city's 80 placements in
one table, each with its full explanation and decision form, made a page 31,857 px tall, so the rows are
shown `PAGE_SIZE` at a time and may be narrowed to one unit (a placement leaving it or arriving in it)
or one decision status. The rows are made once per plan (`plan_view`); the statuses are read on each
request, so the filter by status is applied then (`listing`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query

from models import Plan, Scenario
from planner.analysis import after_row_text, assignment_afters
from planner.replan import ChangeLine
from planner.report import explanation_text
from planner.wording import PLACEMENT_STATUS_WORDS, both, category_words, date_text
from planner.workspace import BadInput

#: Placements on one page of the plan page.
PAGE_SIZE = 20


@dataclass(frozen=True)
class PlacementRow:
    """One placement in the words of the plan page."""

    cadre: str
    name: str
    #: The cadre's current post, `title — unit` ('' for a cadre without one), and its unit's id.
    current: str
    from_unit: str | None
    slot: str
    #: The post's title and its unit's name and id.
    title: str
    unit: str
    to_unit: str
    start: str
    score: str
    #: The short why: the cadre's first category, and how many more it has.
    brief: str
    #: The stored explanation in full (`planner.report.explanation_text`).
    details: str
    #: How many posts the cadre was eligible for (None: not recorded).
    eligible_slots: int | None
    #: The rotation's end (start + `rules.rotation_months`, from the scenario) and the plan's placement
    #: after it in words ('' where there is none to show: see `PlanView.shows_afters`).
    end: str = ""
    after: str = ""


def _brief(categories: list[str]) -> str:
    if not categories:
        return ""
    first = both(category_words(categories[0]))
    more = len(categories) - 1
    return f"{first} (+{more})" if more else first


def _start_text(start: str | None) -> str:
    if not start:
        return ""
    try:
        return date_text(date.fromisoformat(start))
    except ValueError:
        return start


def placement_rows(scenario: Scenario, plan: Plan) -> list[PlacementRow]:
    """The plan's placements in plan order, named from `scenario` (an id it lacks stays an id)."""
    cadres = {c.id: c for c in scenario.cadres}
    slots = {s.id: s for s in scenario.slots}
    units = {u.id: u.name for u in scenario.units}
    rows = []
    for a, after in zip(plan.assignments, assignment_afters(scenario, plan), strict=True):
        cadre, slot = cadres.get(a.cadre), slots.get(a.slot)
        current = cadre.current if cadre is not None else None
        explanation = a.explanation
        rows.append(
            PlacementRow(
                cadre=a.cadre,
                name=cadre.name if cadre is not None else "",
                current=(
                    f"{scenario.titles[current.title].name} — {units.get(current.unit, current.unit)}"
                    if current is not None and current.title in scenario.titles
                    else ""
                ),
                from_unit=current.unit if current is not None else None,
                slot=a.slot,
                title=scenario.titles[slot.title].name if slot is not None else a.slot,
                unit=units.get(slot.unit, slot.unit) if slot is not None else "",
                to_unit=slot.unit if slot is not None else "",
                start=_start_text(a.start),
                score="" if a.score is None else f"{a.score:g}",
                brief=_brief(explanation.categories) if explanation is not None else "",
                details=explanation_text(explanation),
                eligible_slots=explanation.eligible_slots if explanation is not None else None,
                end=date_text(after.end) if after is not None else "",
                after=after_row_text(after) if after is not None else "",
            )
        )
    return rows


def post_names(scenario: Scenario) -> dict[str, str]:
    """Post id -> `title — unit`, the way the committee names a post."""
    units = {u.id: u.name for u in scenario.units}
    return {
        s.id: f"{scenario.titles[s.title].name} — {units.get(s.unit, s.unit)}"
        for s in scenario.slots
        if s.title in scenario.titles
    }


@dataclass(frozen=True)
class ChangeRow:
    """A re-plan's change on the page: before and after by post title, unit and date."""

    cadre: str
    before: str
    after: str
    why: str


def change_rows(scenario: Scenario, plan: Plan, lines: list[ChangeLine]) -> list[ChangeRow]:
    """The re-plan's changes (`lines`: `change_lines(plan)`, in the same order) with their posts named."""
    posts = post_names(scenario)
    changes = plan.replan.changes if plan.replan is not None else []

    def placed(slot: str, start: str | None) -> str:
        shown = _start_text(start)
        return f"{posts.get(slot, slot)}{' · ' + shown if shown else ''}"

    return [
        ChangeRow(
            line.cadre,
            placed(change.before.slot, change.before.start) if change.before is not None else "—",
            placed(change.after.slot, change.after.start) if change.after is not None else "—",
            line.why,
        )
        for change, line in zip(changes, lines, strict=True)
    ]


def unit_choices(scenario: Scenario, rows: list[PlacementRow]) -> list[tuple[str, str, int]]:
    """The units placements leave or arrive in, by name: (id, name, how many placements touch it)."""
    names = {u.id: u.name for u in scenario.units}
    counts: dict[str, int] = {}
    for row in rows:
        for unit in {row.from_unit, row.to_unit} - {None, ""}:
            assert unit is not None
            counts[unit] = counts.get(unit, 0) + 1
    return sorted(((u, names.get(u, u), n) for u, n in counts.items()), key=lambda c: (c[1], c[0]))


@dataclass(frozen=True)
class Listing:
    """What the reader asked of the placements: one unit, one status, a page, or the page of a cadre
    (`show`: where a decision sends the reader back to)."""

    unit: str = ""
    status: str = ""
    page: int | None = None
    show: str = ""
    #: Every matching placement on one page (asked for to print them), not `PAGE_SIZE` at a time.
    every: bool = False

    @property
    def query(self) -> str:
        """The filters as a query string, for the pager's links ('' without any)."""
        return urlencode({k: v for k, v in (("unit", self.unit), ("status", self.status)) if v})


def asked_listing(
    unit: Annotated[str, Query(max_length=200)] = "",
    status: Annotated[str, Query(max_length=20)] = "",
    page: Annotated[int | None, Query()] = None,
    show: Annotated[str, Query(max_length=200)] = "",
    every: Annotated[bool, Query(alias="all")] = False,
) -> Listing:
    """The plan page's query (`?unit=U&status=S&page=N`, `?show=CADRE`, `?all=1`) as a `Listing`."""
    return Listing(unit, status, page, show, every)


@dataclass(frozen=True)
class Shown:
    """One page of the placements that pass the filters."""

    rows: list[PlacementRow]
    #: How many placements pass the filters, and how many the plan has.
    matching: int
    total: int
    page: int
    pages: int
    #: The index of the page's first row among the matching ones (0 when none match).
    first: int


def page_of(rows: list[PlacementRow], statuses: dict[str, str], asked: Listing, units: set[str]) -> Shown:
    """The page of `rows` the reader asked for: a unit (leaving or arriving) and a status, if given,
    then all of them (`asked.every`), or `asked.page`, or the page holding `asked.show`, else the first;
    a page past the last is the last. Raises `BadInput` for a unit no placement touches or a status that does not exist."""
    if asked.unit and asked.unit not in units:
        raise BadInput("không có đơn vị này trong phương án", "no such unit in the plan", "unit", asked.unit)
    if asked.status and asked.status not in PLACEMENT_STATUS_WORDS:
        raise BadInput("không có trạng thái này", "no such status", "status", asked.status)
    if asked.page is not None and asked.page < 1:
        raise BadInput("trang bắt đầu từ 1", "pages start at 1", "page", asked.page)
    matching = [
        row
        for row in rows
        if (not asked.unit or asked.unit in (row.from_unit, row.to_unit))
        and (not asked.status or statuses.get(row.cadre) == asked.status)
    ]
    if asked.every:
        return Shown(matching, len(matching), len(rows), 1, 1, 0)
    pages = max(1, math.ceil(len(matching) / PAGE_SIZE))
    if asked.page is not None:
        page = asked.page
    else:
        at = next((i for i, row in enumerate(matching) if row.cadre == asked.show), 0)
        page = at // PAGE_SIZE + 1
    page = min(page, pages)
    first = (page - 1) * PAGE_SIZE
    return Shown(matching[first : first + PAGE_SIZE], len(matching), len(rows), page, pages, first)
