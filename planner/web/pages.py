"""The pages people use: login, plans, a plan with its decisions, why/why not, what-if and re-plan jobs,
versions and their differences, reports, and the audit log.

Each route names its action (`allowed(Action...)`); a form posts its CSRF token and, after a write, the
browser is sent on (303) to the page that shows the result. The workspace's refusals become pages with
the status the API would give (`app.py`).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from planner import Change, explain_plan, write_report
from planner.analysis import parse_what_if
from planner.documents import approved_of, decisions_docx, statuses_of, submission_docx
from planner.replan import parse_as_of
from planner.web.access import Caller, Decider, Planner, Reader, Replanner, web_state
from planner.web.jobs import Busy, Replan, WhatIf
from planner.web.login import log_in, log_out, login_page
from planner.web.plan_view import plan_view
from planner.web.rendering import fragment, render
from planner.web.workbook import decision_table
from planner.wording import (
    audit_sentence,
    both,
    category_words,
    date_text,
    limits_text,
    parts_text,
    rule_text,
    score_text,
    yes_no,
)
from planner.workspace import ROLE_VI, Action, BadInput, DecisionInput, UnknownId, parse_pair

router = APIRouter()
#: The command line's bound on `--change-cost`.
MAX_CHANGE_COST = 1e6
Text = Annotated[str, Form(max_length=5000)]
Short = Annotated[str, Form(max_length=200)]


def _see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


# login ------------------------------------------------------------------------------------------------

router.add_api_route("/login", login_page, methods=["GET"], include_in_schema=False)
router.add_api_route("/login", log_in, methods=["POST"], include_in_schema=False)


@router.post("/logout")
def logout(request: Request, caller: Reader) -> Response:
    return log_out(request, caller, _see_other("/login"))


@router.get("/")
def home(caller: Reader) -> Response:
    return _see_other("/plans")


# plans ------------------------------------------------------------------------------------------------


@router.get("/plans")
def plans(request: Request, caller: Reader) -> Response:
    workspace = web_state(request).workspace
    summaries = list(reversed(workspace.plans()))
    return render(request, "plans.html", {"plans": summaries}, caller)


@router.get("/plans/{plan_id}")
def plan_page(
    request: Request, plan_id: int, caller: Reader, since: Annotated[int | None, Query()] = None
) -> Response:
    """The plan page; its body is rendered once per plan, workspace revision and kind of reader (a
    reader who may decide gets forms carrying their session's CSRF token, so theirs is their own)."""
    state = web_state(request)
    view = state.views.get(plan_id, lambda: plan_view(state.workspace, plan_id))
    deciding = caller.may(Action.comment)
    key = (
        plan_id,
        since,
        state.workspace.revision(),
        caller.role.name,
        caller.session.csrf if deciding else None,
        date.today(),  # the re-plan form's default date
    )
    main = state.fragments.get(key, lambda: _plan_body(state, view, plan_id, since, caller))
    title = f"Phương án {plan_id} / plan {plan_id} · {view.title}"
    return render(request, "plan.html", {"main": main, "title": title}, caller)


def _plan_body(state, view, plan_id: int, since: int | None, caller: Caller):
    placements = {p.cadre: p for p in state.workspace.placements(plan_id)}
    differences, moved = [], set()
    if since is not None:
        differences = state.workspace.diff_plans(since, plan_id)
        moved = {c for c, was, now in _compared(state.workspace, since, plan_id) if was != now}
    context = {
        "view": view,
        "placements": placements,
        "since": since,
        "differences": differences,
        "moved": moved,
        "today": date.today().isoformat(),
    }
    return fragment("plan_main.html", context, caller)


Place = tuple[str, str | None] | None


def _compared(workspace, first: int, second: int) -> list[tuple[str, Place, Place]]:
    """Every cadre either plan places, with its (slot, start) in each (None: not placed there)."""
    before, after = (
        {a.cadre: (a.slot, a.start) for a in workspace.plan(plan_id).plan.assignments}
        for plan_id in (first, second)
    )
    return [(c, before.get(c), after.get(c)) for c in sorted(before.keys() | after.keys())]


@router.post("/plans/{plan_id}/decisions")
def decide(
    request: Request,
    plan_id: int,
    caller: Decider,
    cadre: Short,
    decision: Short,
    reason: Text = "",
    ref: Short = "",
    decided_on: Short = "",
    scope: Short = "",
    until: Short = "",
    seen: Annotated[int | None, Form()] = None,
) -> Response:
    """A decision from the placement's form; the form sends a scope and a date with every button, so
    each is kept only for the decision it belongs to (a rejection's scope, a deferral's date)."""
    web_state(request).workspace.decide(
        caller.name,
        plan_id,
        cadre,
        DecisionInput(
            decision,
            reason,
            ref or None,
            decided_on or None,
            (scope or None) if decision == "reject" else None,
            (until or None) if decision == "defer" else None,
        ),
        seen=seen,
    )
    return _see_other(f"/plans/{plan_id}#p-{cadre}")


# why and why not --------------------------------------------------------------------------------------


@router.get("/plans/{plan_id}/cadres/{cadre}")
def cadre_page(request: Request, plan_id: int, cadre: str, caller: Reader) -> Response:
    stored = web_state(request).workspace.plan(plan_id)
    if cadre not in {c.id for c in stored.scenario.cadres}:
        raise UnknownId("không có cán bộ này", "no such cadre", "cadre", cadre)
    explanation = explain_plan(stored.scenario, stored.plan, cadre=cadre, why_not=False).cadre
    assert explanation is not None  # asked for, of a cadre the scenario has
    context = {"stored": stored, "e": explanation, **_explain_words(stored.scenario.rules)}
    return render(request, "cadre.html", context, caller)


@router.get("/plans/{plan_id}/slots/{slot}")
def slot_page(request: Request, plan_id: int, slot: str, caller: Reader) -> Response:
    stored = web_state(request).workspace.plan(plan_id)
    if slot not in {s.id for s in stored.scenario.slots}:
        raise UnknownId("không có vị trí này", "no such post", "slot", slot)
    explanation = explain_plan(stored.scenario, stored.plan, slot=slot, why_not=False).slot
    assert explanation is not None  # asked for, of a slot the scenario has
    shortlist = sorted((v for v in explanation.verdicts if v.eligible), key=lambda v: -v.score)
    excluded = [v for v in explanation.verdicts if not v.eligible]
    context = {
        "stored": stored,
        "e": explanation,
        "shortlist": shortlist,
        "excluded": excluded,
        **_explain_words(stored.scenario.rules),
    }
    return render(request, "slot.html", context, caller)


def _explain_words(rules) -> dict[str, object]:
    """`planner.wording`'s words for the why and why-not pages, as the console says them."""
    return {
        "rule": lambda rule_id: both(rule_text(rule_id, rules)),
        "parts": parts_text,
        "score": lambda v: score_text(v.score, v.scored_at),
        "limits": lambda v: limits_text(v.limited_by),
        "category": lambda c: both(category_words(c)),
        "yes_no": yes_no,
    }


# what-if, repairs, re-plan: background jobs ------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


@router.post("/plans/{plan_id}/whatif")
def what_if(
    request: Request,
    plan_id: int,
    caller: Planner,
    pins: Text = "",
    forbids: Text = "",
    waives: Text = "",
) -> Response:
    """Re-solve the plan's version with its what-ifs and these: pins `CADRE=SLOT[@DATE]`, forbids
    `CADRE=SLOT_OR_UNIT`, waivers `CADRE=RULE`, one per line (none: a plain re-solve)."""
    stored = web_state(request).workspace.plan(plan_id)
    added = parse_what_if(stored.scenario, _lines(pins), _lines(forbids), _lines(waives))
    return _start(request, caller, plan_id, WhatIf(_with(stored.plan.what_if, added)))


@router.post("/plans/{plan_id}/repairs/{index}")
def try_repair(request: Request, plan_id: int, index: int, caller: Planner) -> Response:
    """Solve again with one of the infeasible plan's repairs applied, as a what-if."""
    stored = web_state(request).workspace.plan(plan_id)
    if not 0 <= index < len(stored.plan.repairs):
        raise UnknownId("không có cách sửa này", "no such repair", "repair", index)
    change = stored.plan.repairs[index].change
    return _start(request, caller, plan_id, WhatIf(_with(stored.plan.what_if, [change])))


def _with(recorded: list[Change], added: list[Change]) -> tuple[Change, ...]:
    return (*recorded, *(c for c in added if c not in recorded))


@router.post("/plans/{plan_id}/replan")
def replan(
    request: Request,
    plan_id: int,
    caller: Replanner,
    as_of: Short,
    change_cost: Short = "",
) -> Response:
    """Re-plan as of a date with the workspace's events and decisions (`planner ws replan`)."""
    stored = web_state(request).workspace.plan(plan_id)  # 404 before a job starts
    parse_as_of(stored.scenario, as_of, "as_of")  # 422 before a job starts
    try:
        cost = float(change_cost) if change_cost.strip() else None
    except ValueError:
        raise BadInput("cần một số", "a number is needed", "change_cost", change_cost) from None
    if cost is not None and not (0 <= cost <= MAX_CHANGE_COST):
        raise BadInput(
            f"cần một số từ 0 đến {MAX_CHANGE_COST:g}",
            f"a number from 0 to {MAX_CHANGE_COST:g} is needed",
            "change_cost",
            change_cost,
        )
    return _start(request, caller, plan_id, Replan(as_of, cost))


def _start(request: Request, caller: Caller, plan_id: int, asked: WhatIf | Replan) -> Response:
    try:
        job = web_state(request).jobs.start(caller.name, plan_id, asked)
    except Busy:
        message = "đang có một lượt giải khác, chờ nó xong / another solve is running, wait for it to end"
        return render(request, "error.html", {"status": 409, "message": message}, caller, 409)
    return _see_other(f"/jobs/{job.id}")


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: int, caller: Planner) -> Response:
    job = web_state(request).jobs.get(job_id)
    if job is None:
        raise UnknownId("không có lượt giải này", "no such job", "job", job_id)
    return render(request, "job.html", {"job": job.as_json()}, caller)


@router.post("/jobs/{job_id}/cancel")
def cancel_job(request: Request, job_id: int, caller: Planner) -> Response:
    jobs = web_state(request).jobs
    job = jobs.get(job_id)
    if job is None:
        raise UnknownId("không có lượt giải này", "no such job", "job", job_id)
    jobs.cancel(job)
    return _see_other(f"/jobs/{job_id}")


# versions, differences, reports --------------------------------------------------------------------------


@router.get("/versions")
def versions(request: Request, caller: Reader) -> Response:
    workspace = web_state(request).workspace
    context = {"tree": workspace.history(), "plans": {f"plan:{p.id}": p for p in workspace.plans()}}
    return render(request, "versions.html", context, caller)


@router.get("/diff")
def diff(
    request: Request,
    caller: Reader,
    a: Annotated[str, Query(max_length=40)],
    b: Annotated[str, Query(max_length=40)],
) -> Response:
    workspace = web_state(request).workspace
    first, second = parse_pair(a, b)  # refuses two refs of different kinds
    if first.kind == "plan":
        lines = workspace.diff_plans(first.id, second.id)
    else:
        lines = workspace.diff_versions(first.id, second.id)
    side_by_side = []
    if first.kind == "plan":
        for cadre, was, now in _compared(workspace, first.id, second.id):
            shown = [f"{place[0]} · {date_text(place[1])}" if place else "—" for place in (was, now)]
            side_by_side.append((cadre, *shown, was != now))
    context = {"a": a, "b": b, "lines": lines, "rows": side_by_side}
    return render(request, "diff.html", context, caller)


@router.get("/plans/{plan_id}/report.{suffix}")
def report(request: Request, plan_id: int, suffix: str, caller: Reader) -> Response:
    """The plan's review report (`planner report`), as HTML or xlsx, to download; the workbook with
    each placement's recorded decisions."""
    if suffix not in ("html", "xlsx"):
        raise UnknownId("chỉ có html hoặc xlsx", "html or xlsx only", "suffix", suffix)
    workspace = web_state(request).workspace
    stored = workspace.plan(plan_id)
    decisions = decision_table(workspace, plan_id) if suffix == "xlsx" else None
    with tempfile.TemporaryDirectory(prefix="planner-report-") as folder:
        path = Path(folder, f"plan-{plan_id}.{suffix}")
        write_report(stored.scenario, stored.plan, stored.summary.label, path, False, decisions=decisions)
        body = path.read_bytes()
    media = (
        "text/html; charset=utf-8"
        if suffix == "html"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    headers = {"Content-Disposition": f'attachment; filename="plan-{plan_id}.{suffix}"'}
    return Response(body, media_type=media, headers=headers)


#: The documents a plan page downloads: the submission, and the draft decisions of its approved placements.
DOCUMENTS = {"submission": "to-trinh", "decisions": "du-thao-quyet-dinh"}


@router.get("/plans/{plan_id}/documents/{kind}.docx")
def document(request: Request, plan_id: int, kind: str, caller: Reader) -> Response:
    """The submission (each placement with its decision status) or the draft decisions (the approved
    placements only), as DOCX (`planner ws document`)."""
    if kind not in DOCUMENTS:
        raise UnknownId("chỉ có submission hoặc decisions", "submission or decisions only", "kind", kind)
    workspace = web_state(request).workspace
    stored = workspace.plan(plan_id)
    placements = workspace.placements(plan_id)
    if kind == "submission":
        body = submission_docx(stored.scenario, stored.plan, f"plan:{plan_id}", statuses_of(placements))
    else:
        body, _ = decisions_docx(stored.scenario, stored.plan, f"plan:{plan_id}", approved_of(placements))
    headers = {"Content-Disposition": f'attachment; filename="{DOCUMENTS[kind]}-plan-{plan_id}.docx"'}
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Response(body, media_type=media, headers=headers)


# audit --------------------------------------------------------------------------------------------------


@router.get("/audit")
def audit(
    request: Request,
    caller: Reader,
    user: Annotated[str, Query(max_length=100)] = "",
    cadre: Annotated[str, Query(max_length=100)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    workspace = web_state(request).workspace
    for name, value in (("since", since), ("until", until)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise BadInput(
                    "cần một ngày YYYY-MM-DD", "a date YYYY-MM-DD is needed", name, value
                ) from None
    entries = workspace.audit_log(user or None, cadre or None, since or None, until or None)
    report = workspace.verify_audit()
    names, posts = _names_of(workspace, entries)
    roles = {role.name: vi for role, vi in ROLE_VI.items()}
    context = {
        "entries": entries,
        "sentences": [
            audit_sentence(e.user_name, e.action, e.target, e.details, roles, names, posts) for e in entries
        ],
        "report": report,
        "filters": {"user": user, "cadre": cadre, "since": since, "until": until},
        "users": [shown.name for shown in workspace.users()],
    }
    return render(request, "audit.html", context, caller)


#: At most this many plans' scenarios are read for the cadres' names an audit page shows.
NAMED_PLANS = 8


def _names_of(workspace, entries) -> tuple[dict[str, str], dict[str, str]]:
    """The names of the cadres the decisions shown are about (a signed-in reader may see them; the
    console and the logs show ids only) and their posts' titles and units, from the scenarios of the
    newest `NAMED_PLANS` plans decided on."""
    plan_ids: list[int] = []
    for entry in entries:
        ref = entry.target.partition("/")[0] if entry.action == "decide" else ""
        number = ref.removeprefix("plan:")
        if number.isdigit() and int(number) not in plan_ids:
            plan_ids.append(int(number))
    names: dict[str, str] = {}
    posts: dict[str, str] = {}
    for plan_id in plan_ids[:NAMED_PLANS]:
        scenario = workspace.plan(plan_id).scenario
        for cadre in scenario.cadres:
            names.setdefault(cadre.id, cadre.name)
        units = {unit.id: unit.name for unit in scenario.units}
        for slot in scenario.slots:
            posts.setdefault(slot.id, f"{scenario.titles[slot.title].name} — {units[slot.unit]}")
    return names, posts
