"""The why pages: a cadre's (`/plans/N/cadres/C`) and a post's (`/plans/N/slots/S`), and the cadre page's
"why not the better post", asked for by a button and worked out in the background (`why_not.py`).

They say what `planner explain` says in the console, grouped as it groups: the excluded pairs one line
per set of rules with the posts (or cadres) they exclude, the eligible ones alike in starts, score and
limits in one row, the plan-wide limits every eligible pair shares said once. A signed-in reader reads
posts by title and unit and cadres by name and id (`naming.Names`). Long lists are paged (`PAGE_ROWS`
groups a page) and a group's long list of members shows its first `MEMBERS_SHOWN`, the rest a click away,
so that a shortlist of the 2022-2025 reference is not a page 12,000 pixels tall.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from models import Scenario
from planner import explain_plan
from planner.analysis import (
    eligible_groups,
    excluded_groups,
    plan_scenario,
    posts_to_force,
    shared_limits,
)
from planner.web.access import Reader, web_state
from planner.web.naming import Names
from planner.web.rendering import render
from planner.web.why_not import TooMany, WhyNotJob
from planner.wording import (
    WHY_NOT_STATE_WORDS,
    WHY_NOT_UNOFFERED_WORDS,
    both,
    category_words,
    dates_in_text,
    limit_line,
    limits_text,
    more_words,
    parts_text,
    rule_line,
    status_label,
    why_not_progress,
    yes_no,
)
from planner.workspace import UnknownId

router = APIRouter()
#: Groups (rows) a page of a long table shows.
PAGE_ROWS = 25
#: Members of a group shown before "and N more".
MEMBERS_SHOWN = 8
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a long table: its rows, its number (from 1), how many pages, how many rows in all."""

    rows: list[T]
    number: int
    count: int
    total: int


def paged(rows: list[T], number: int) -> Page[T]:
    """Page `number` of `rows` (a number past the last gives the last)."""
    count = max(1, -(-len(rows) // PAGE_ROWS))
    number = min(max(1, number), count)
    return Page(rows[(number - 1) * PAGE_ROWS : number * PAGE_ROWS], number, count, len(rows))


PageNumber = Annotated[int, Query(ge=1, le=100_000)]


def _stored(request: Request, plan_id: int, kind: str, key: str):
    stored = web_state(request).workspace.plan(plan_id)
    known = (
        {c.id for c in stored.scenario.cadres} if kind == "cadre" else {s.id for s in stored.scenario.slots}
    )
    if key not in known:
        if kind == "cadre":
            raise UnknownId("không có cán bộ này", "no such cadre", "cadre", key)
        raise UnknownId("không có vị trí này", "no such post", "slot", key)
    return stored


def judged(stored) -> Scenario:
    """The scenario the plan was made under: its variant's overrides and its what-ifs applied
    (`plan_scenario`), so that a what-if's forbid reads as the reason its post is closed, as
    `planner explain --plan --as-recorded` says it. A stored plan's own changes apply to its own version
    (the workspace applied them to solve it)."""
    return plan_scenario(stored.scenario, stored.plan, f"plan:{stored.summary.id}")


def _words(stored, scenario: Scenario) -> dict[str, object]:
    """`planner.wording`'s words for the why pages, as the console says them, and the names."""
    rules = scenario.rules
    return {
        "names": Names(stored.scenario),
        "rule": lambda rule_id: rule_line(rule_id, rules),
        "parts": parts_text,
        "limits": lambda limits, shared=(): dates_in_text(limits_text(limits, shared)),
        "limit_line": lambda limit: dates_in_text(limit_line(limit)),
        "category": lambda c: both(category_words(c)),
        "yes_no": yes_no,
        "more": more_words,
        "members_shown": MEMBERS_SHOWN,
    }


@router.get("/plans/{plan_id}/cadres/{cadre}")
def cadre_page(request: Request, plan_id: int, cadre: str, caller: Reader, page: PageNumber = 1) -> Response:
    stored = _stored(request, plan_id, "cadre", cadre)
    scenario = judged(stored)
    explanation = explain_plan(scenario, stored.plan, cadre=cadre, why_not=False).cadre
    assert explanation is not None  # asked for, of a cadre the scenario has
    shared = shared_limits(explanation.verdicts)
    placed = next(
        (v for v in explanation.verdicts if explanation.placed and v.slot == explanation.placed[0]), None
    )
    job = web_state(request).why_not.get(plan_id, cadre)
    context = {
        "stored": stored,
        "e": explanation,
        "placed_verdict": placed,
        "shared": shared,
        "eligible": paged(eligible_groups(explanation.verdicts, lambda v: v.slot, shared), page),
        "excluded": excluded_groups(explanation.verdicts, lambda v: v.slot),
        "excluded_count": sum(not v.eligible for v in explanation.verdicts),
        "why_not": _why_not_context(stored, scenario, cadre, job),
        **_words(stored, scenario),
    }
    return render(request, "cadre.html", context, caller)


@router.get("/plans/{plan_id}/slots/{slot}")
def slot_page(request: Request, plan_id: int, slot: str, caller: Reader, page: PageNumber = 1) -> Response:
    stored = _stored(request, plan_id, "slot", slot)
    scenario = judged(stored)
    explanation = explain_plan(scenario, stored.plan, slot=slot, why_not=False).slot
    assert explanation is not None  # asked for, of a slot the scenario has
    shared = shared_limits(explanation.verdicts)
    placed = next(
        (v for v in explanation.verdicts if explanation.placed and v.cadre == explanation.placed[0]), None
    )
    context = {
        "stored": stored,
        "e": explanation,
        "placed_verdict": placed,
        "shared": shared,
        "eligible_count": sum(v.eligible for v in explanation.verdicts),
        "eligible": paged(eligible_groups(explanation.verdicts, lambda v: v.cadre, shared), page),
        "excluded": excluded_groups(explanation.verdicts, lambda v: v.cadre, first_only=True),
        "excluded_count": sum(not v.eligible for v in explanation.verdicts),
        **_words(stored, scenario),
    }
    return render(request, "slot.html", context, caller)


# why not the better post: a background job -------------------------------------------------------------


def unoffered(stored) -> str | None:
    """Why the plan's cadre pages do not offer the why-not, or None when they do."""
    if stored.plan.objective is None:
        return both(WHY_NOT_UNOFFERED_WORDS["no_objective"])
    if stored.plan.replan is not None:
        return both(WHY_NOT_UNOFFERED_WORDS["replan"])
    return None


def _why_not_context(stored, scenario: Scenario, cadre: str, job: WhyNotJob | None) -> dict[str, object]:
    """The why-not section's facts: why it is not offered, the job kept, and, before anyone asked, how
    many posts it would force (none: the page says so at once, with no job to run)."""
    reason = unoffered(stored)
    to_force = None
    if reason is None and job is None:
        to_force = len(posts_to_force(scenario, cadre, stored.plan))
    return {
        "unoffered": reason,
        "to_force": to_force,
        "job": job,
        "progress": _progress(stored, job) if job is not None else "",
        "states": {state: both(words) for state, words in WHY_NOT_STATE_WORDS.items()},
        "status": status_label,
    }


def _progress(stored, job: WhyNotJob) -> str:
    step = Names(stored.scenario).post(job.step) if job.step else None
    return why_not_progress(job.state, job.done, job.total, step, job.seconds())


@router.post("/plans/{plan_id}/cadres/{cadre}/why-not")
def start_why_not(request: Request, plan_id: int, cadre: str, caller: Reader) -> Response:
    """Start (or find) the cadre's why-not job, then back to the cadre page, which follows it. It only
    reads and solves, writing nothing, so every reader may ask; one job runs at a time."""
    stored = _stored(request, plan_id, "cadre", cadre)
    reason = unoffered(stored)
    if reason is not None:
        return render(request, "error.html", {"status": 422, "message": reason}, caller, 422)
    try:
        web_state(request).why_not.start(plan_id, cadre)
    except TooMany:
        message = "đang có nhiều yêu cầu chờ, thử lại sau / too many questions waiting, try again later"
        return render(request, "error.html", {"status": 409, "message": message}, caller, 409)
    return RedirectResponse(f"/plans/{plan_id}/cadres/{cadre}#why-not", status_code=303)


@router.get("/api/plans/{plan_id}/cadres/{cadre}/why-not")
def why_not_state(request: Request, plan_id: int, cadre: str, caller: Reader) -> Response:
    """The why-not job's progress (`{"state": "none"}` before anyone asked), with its line in words."""
    stored = _stored(request, plan_id, "cadre", cadre)
    job = web_state(request).why_not.get(plan_id, cadre)
    if job is None:
        return JSONResponse({"plan": plan_id, "cadre": cadre, "state": "none"})
    return JSONResponse({**job.as_json(), "line": _progress(stored, job)})
