"""The pages people use: login, plans, a plan with its decisions, what-if and re-plan jobs, versions and
their differences, reports, and the audit log (the why pages are `explain_pages.py`).

Each route names its action (`allowed(Action...)`); a form posts its CSRF token and, after a write, the
browser is sent on (303) to the page that shows the result. The workspace's refusals become pages with
the status the API would give (`app.py`).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from planner import Change, InputError, write_report
from planner.analysis import after_short, parse_what_if, plan_afters, shows_afters
from planner.documents import approved_of, decisions_docx, statuses_of, submission_docx
from planner.replan import parse_as_of
from planner.web.access import Caller, Decider, Planner, Reader, Replanner, web_state
from planner.web.forms import (
    ChooserRefused,
    FormError,
    chosen_lines,
    compare_choices,
    refusal,
    replan_date_refused,
    replan_dates,
    stale_decision,
    summary_name,
    today_in_vietnam,
    what_if_choices,
    what_if_message,
)
from planner.web.jobs import Busy, Replan, WhatIf
from planner.web.login import log_in, log_out, login_page
from planner.web.naming import Names
from planner.web.placement_rows import PAGE_SIZE, Listing, asked_listing, page_of
from planner.web.plan_view import plan_view
from planner.web.rendering import fragment, render
from planner.web.workbook import decision_table
from planner.wording import audit_sentence, both, date_text
from planner.workspace import (
    ROLE_VI,
    Action,
    BadInput,
    ConcurrentChange,
    DecisionInput,
    PermissionDenied,
    UnknownId,
    WorkspaceError,
    parse_pair,
)

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
    request: Request,
    plan_id: int,
    caller: Reader,
    listing: Annotated[Listing, Depends(asked_listing)],
    since: Annotated[int | None, Query()] = None,
) -> Response:
    """The plan page; its body is rendered once per plan, workspace revision, kind of reader (a
    reader who may decide gets forms carrying their session's CSRF token, so theirs is their own) and
    page of the placements asked for (`listing`)."""
    return _plan_page(request, plan_id, caller, listing, since)


def _plan_page(
    request: Request,
    plan_id: int,
    caller: Caller,
    listing: Listing,
    since: int | None = None,
    form: FormError | None = None,
    status: int = 200,
) -> Response:
    """The plan page; with `form`, a form the workspace refused, shown again with its message and what
    was typed (that body is the caller's alone, so it is not kept)."""
    state = web_state(request)
    view = state.views.get(plan_id, lambda: plan_view(state.workspace, plan_id))
    deciding = caller.may(Action.comment)
    today = today_in_vietnam()  # the re-plan form's default date
    key = (
        plan_id,
        since,
        state.workspace.revision(),
        caller.role.name,
        caller.session.csrf if deciding else None,
        today,
        listing,
    )
    if form is None:
        main = state.fragments.get(
            key, lambda: _plan_body(state, view, plan_id, since, caller, today, listing)
        )
    else:
        main = _plan_body(state, view, plan_id, since, caller, today, listing, form)
    title = f"Phương án {plan_id} / plan {plan_id} · {view.title}"
    return render(request, "plan.html", {"main": main, "title": title}, caller, status)


def _plan_body(
    state,
    view,
    plan_id: int,
    since: int | None,
    caller: Caller,
    today: date,
    listing: Listing,
    form: FormError | None = None,
):
    placements = {p.cadre: p for p in state.workspace.placements(plan_id)}
    statuses = {cadre: p.status for cadre, p in placements.items()}
    shown = page_of(view.placements, statuses, listing, {unit for unit, _, _ in view.units})
    differences, moved = [], set()
    if since is not None:
        differences = state.workspace.diff_plans(since, plan_id)
        moved = {c for c, was, now in _compared(state.workspace, since, plan_id) if was != now}
    context = {
        "view": view,
        "placements": placements,
        "shown": shown,
        "listing": listing,
        "page_size": PAGE_SIZE,
        "since": since,
        "differences": differences,
        "moved": moved,
        "form": form,
        "choices": None,
        "replan_dates": ([], ""),
    }
    if caller.may(Action.solve) or caller.may(Action.replan):  # the forms' choices, from the scenario
        choices = state.choices.get(plan_id, lambda: what_if_choices(state.workspace.plan(plan_id).scenario))
        context["choices"] = choices
        context["replan_dates"] = replan_dates(choices.starts, today)
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
    each is kept only for the decision it belongs to (a rejection's scope, a deferral's date).

    Refused, the plan page comes back with the message in the placement's form and what was typed in
    it; refused because someone decided on the placement since the page was drawn (409), it says who
    decided what, and when."""
    workspace = web_state(request).workspace
    typed = {"reason": reason, "ref": ref, "decided_on": decided_on, "scope": scope, "until": until}
    try:
        workspace.decide(
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
    except ConcurrentChange:
        now = next((p for p in workspace.placements(plan_id) if p.cadre == cadre), None)
        form = FormError(f"decide-{cadre}", both(stale_decision(now)), None, typed)
        return _plan_page(request, plan_id, caller, Listing(show=cadre), form=form, status=409)
    except (UnknownId, PermissionDenied):
        raise
    except WorkspaceError as error:
        message, field = refusal(error)
        form = FormError(f"decide-{cadre}", message, field, typed)
        return _plan_page(request, plan_id, caller, Listing(show=cadre), form=form, status=422)
    return _see_other(f"/plans/{plan_id}?{urlencode({'show': cadre})}#p-{quote(cadre)}")


# why and why not: `explain_pages.py`


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
    change: Short = "",
    cadre: Short = "",
    post: Short = "",
    unit: Short = "",
    rule: Short = "",
    start: Short = "",
) -> Response:
    """Re-solve the plan's version with its what-ifs and these: the one chosen in the form's selects
    (`change`: pin, forbid, forbid_unit or waive, with its cadre and post, unit or rule, a pin's start),
    and those typed one per line: pins `CADRE=SLOT[@DATE]`, forbids `CADRE=SLOT_OR_UNIT`, waivers
    `CADRE=RULE` (none: a plain re-solve). Refused, the plan page comes back with the form as it was sent."""
    stored = web_state(request).workspace.plan(plan_id)
    chosen = {"change": change, "cadre": cadre, "post": post, "unit": unit, "rule": rule, "start": start}
    typed = {**chosen, "pins": pins, "forbids": forbids, "waives": waives}
    try:
        more_pins, more_forbids, more_waives = chosen_lines(chosen)
        added = parse_what_if(
            stored.scenario,
            more_pins + _lines(pins),
            more_forbids + _lines(forbids),
            more_waives + _lines(waives),
        )
    except ChooserRefused as error:
        form = FormError("whatif", str(error), error.field, typed)
        return _plan_page(request, plan_id, caller, Listing(), form=form, status=422)
    except InputError as error:
        form = FormError("whatif", what_if_message(str(error)), None, typed)
        return _plan_page(request, plan_id, caller, Listing(), form=form, status=422)
    asked = WhatIf(_with(stored.plan.what_if, added))
    return _start(request, caller, plan_id, asked, FormError("whatif", "", None, typed))


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
    """Re-plan as of a date with the workspace's events and decisions (`planner ws replan`); refused
    (422, before a job starts), the plan page comes back with the form as it was sent."""
    stored = web_state(request).workspace.plan(plan_id)  # 404 before a job starts
    typed = {"as_of": as_of, "change_cost": change_cost}
    try:
        parse_as_of(stored.scenario, as_of, "as_of")
        cost = _change_cost(change_cost)
    except InputError:
        form = FormError("replan", replan_date_refused(as_of), "as_of", typed)
        return _plan_page(request, plan_id, caller, Listing(), form=form, status=422)
    except BadInput as error:
        form = FormError("replan", refusal(error)[0], "change_cost", typed)
        return _plan_page(request, plan_id, caller, Listing(), form=form, status=422)
    return _start(request, caller, plan_id, Replan(as_of, cost), FormError("replan", "", None, typed))


def _change_cost(text: str) -> float | None:
    """The re-plan's cost of a change (empty: none), as `--change-cost` bounds it."""
    try:
        cost = float(text) if text.strip() else None
    except ValueError:
        raise BadInput("cần một số", "a number is needed", "change_cost", text) from None
    if cost is not None and not (0 <= cost <= MAX_CHANGE_COST):
        raise BadInput(
            f"cần một số từ 0 đến {MAX_CHANGE_COST:g}",
            f"a number from 0 to {MAX_CHANGE_COST:g} is needed",
            "change_cost",
            text,
        )
    return cost


def _start(
    request: Request, caller: Caller, plan_id: int, asked: WhatIf | Replan, form: FormError | None = None
) -> Response:
    """The job's page once it has started; while another runs (409), the form it came from with what
    was sent in it (`form`: its name and values), or an error page for a button without a form."""
    try:
        job = web_state(request).jobs.start(caller.name, plan_id, asked)
    except Busy:
        message = "đang có một lượt giải khác, chờ nó xong / another solve is running, wait for it to end"
        if form is not None:
            busy = FormError(form.form, message, None, form.values)
            return _plan_page(request, plan_id, caller, Listing(), form=busy, status=409)
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
    summaries = workspace.plans()
    context = {
        "tree": workspace.history(),
        "plans": {f"plan:{p.id}": p for p in summaries},
        "compare": compare_choices(summaries),
    }
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
    if (
        first.kind == "plan"
    ):  # cadres by name and posts by title and unit, as the later plan's scenario has them
        said = Names(workspace.plan(second.id).scenario)
        afters = [_afters_of(workspace.plan(ref.id)) for ref in (first, second)]
        for cadre, was, now in _compared(workspace, first.id, second.id):
            shown = [
                f"{said.post(place[0])} · {date_text(place[1])}" if place else "—" for place in (was, now)
            ]
            after = [found.get(cadre, "") for found in afters]
            shown = [f"{text} → {then}" if then else text for text, then in zip(shown, after, strict=True)]
            side_by_side.append((said.cadre(cadre), *shown, was != now or after[0] != after[1]))
    names = [_ref_name(workspace, ref) for ref in (first, second)]
    context = {"a": names[0], "b": names[1], "lines": lines, "rows": side_by_side}
    return render(request, "diff.html", context, caller)


def _afters_of(stored) -> dict[str, str]:
    """Each rotated cadre's `after` in a few words (`after_short`), where the plan shows the way back."""
    if not shows_afters(stored.scenario, stored.plan):
        return {}
    return {r.cadre: after_short(r) for r in plan_afters(stored.scenario, stored.plan)}


def _ref_name(workspace, ref) -> str:
    """A compared plan by what it is ("Phương án 3 · gốc / plan 3 · base"), a version by its number."""
    if ref.kind == "plan":
        return summary_name(workspace.plan(ref.id).summary)
    return f"Phiên bản {ref.id} / version {ref.id}"


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
