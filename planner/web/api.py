"""The JSON API under `/api`: the same gate and the same workspace calls as the pages.

    POST   /api/session                  {"user", "password"} -> the session (cookie set)
    GET    /api/session                  -> {"user", "role", "csrf"}
    DELETE /api/session                  log out (X-CSRF-Token)
    GET    /api/plans                    -> the plans, newest last
    GET    /api/plans/{id}               -> {"plan": the contract's plan file, "placements": decisions}
    POST   /api/plans/{id}/decisions     {"cadre", "decision", "reason", "ref", "date", "scope", "until",
                                          "seen"} -> 201
    GET    /api/jobs/{id}                -> a re-solve's or re-plan's progress

Every answer's body is a schema below (`response_model`), so that what the API gives is declared in
one place and checked on the way out. Answers: 401 without a session, 403 for a role that may not or a
missing CSRF token (header `X-CSRF-Token`), 404 for an unknown plan, 409 when another decision came
first (`seen` is the placement's `version` the caller was shown), 422 with the `field` for bad input
(the workspace's field as the body names it), 429 for too many failed logins. A login needs a JSON body, which no other site's page can send without this server's
consent (CORS), so it needs no CSRF token of its own.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from planner.web.access import Decider, Planner, Reader, web_state
from planner.web.forms import stale_decision
from planner.web.login import FAILED, THROTTLED, attempt, clear_session_cookie, set_session_cookie
from planner.workspace import ConcurrentChange, DecisionInput, UnknownId

router = APIRouter(prefix="/api")


class Login(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1024)


class DecisionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cadre: str = Field(min_length=1, max_length=100)
    decision: str = Field(min_length=1, max_length=20)
    reason: str = Field(default="", max_length=5000)
    ref: str | None = Field(default=None, max_length=200)
    date: str | None = Field(default=None, max_length=10)
    #: A rejection's scope: "post" (the default) or "cadre" (not rotated at all in this plan).
    scope: str | None = Field(default=None, max_length=10)
    #: A deferral's date: no start of the cadre before it.
    until: str | None = Field(default=None, max_length=10)
    #: The placement's `version` the decider was shown; a decision taken since makes this one 409.
    seen: int | None = None


class SessionAnswer(BaseModel):
    user: str
    role: str | None
    csrf: str


class PlanAnswer(BaseModel):
    """A plan as the library lists it (`GET /api/plans`)."""

    id: int
    parent: int | None
    kind: str
    label: str
    status: str
    objective: float | None
    version: int
    as_of: str | None
    created_by: str
    created_at: str
    what_if: list[str]


class DecisionAnswer(BaseModel):
    decision: str
    by: str
    role: str
    at: str
    reason: str
    ref: str | None
    date: str | None
    scope: str | None
    until: str | None


class PlacementAnswer(BaseModel):
    cadre: str
    slot: str
    start: str | None
    status: str
    version: int
    parent_status: str | None
    same_as_parent: bool
    decisions: list[DecisionAnswer]


class PlanDetailAnswer(BaseModel):
    id: int
    kind: str
    version: int
    #: The contract's plan file, as `planner solve` writes it.
    plan: dict[str, Any]
    placements: list[PlacementAnswer]


class DecisionTaken(BaseModel):
    cadre: str
    status: str
    version: int


class JobAnswer(BaseModel):
    id: int
    kind: str
    plan: int
    state: str
    best: float | None
    bound: float | None
    elapsed: float
    #: The stage the search is in, in words ("dựng mô hình / building the model"); "" before the first.
    step: str
    made: list[int]
    message: str


@router.post("/session", response_model=SessionAnswer)
def log_in(request: Request, body: Login) -> Response:
    made, wait = attempt(request, body.user.strip(), body.password)
    if made is None:
        if wait:
            return JSONResponse(
                {"detail": THROTTLED.format(seconds=wait)},
                status_code=429,
                headers={"Retry-After": str(wait)},
            )
        return JSONResponse({"detail": FAILED}, status_code=401)
    session, cookie = made
    role = web_state(request).workspace.user_role(session.user)
    answer = SessionAnswer(user=session.user, role=role, csrf=session.csrf)
    response = JSONResponse(answer.model_dump())
    set_session_cookie(request, response, cookie)
    return response


@router.get("/session")
def session(request: Request, caller: Reader) -> SessionAnswer:
    return SessionAnswer(user=caller.name, role=caller.role.name, csrf=caller.session.csrf)


@router.delete("/session")
def log_out(request: Request, caller: Reader) -> Response:
    web_state(request).workspace.log_out(caller.session.id)
    response = Response(status_code=204)
    clear_session_cookie(response)
    return response


@router.get("/plans")
def plans(request: Request, caller: Reader) -> list[PlanAnswer]:
    return [
        PlanAnswer(
            id=s.id,
            parent=s.parent_id,
            kind=s.kind,
            label=s.label,
            status=s.status,
            objective=s.objective,
            version=s.version_id,
            as_of=s.as_of,
            created_by=s.created_by,
            created_at=s.created_at,
            what_if=list(s.what_if),
        )
        for s in web_state(request).workspace.plans()
    ]


@router.get("/plans/{plan_id}")
def plan(request: Request, plan_id: int, caller: Reader) -> PlanDetailAnswer:
    workspace = web_state(request).workspace
    stored = workspace.plan(plan_id)
    return PlanDetailAnswer(
        id=plan_id,
        kind=stored.summary.kind,
        version=stored.summary.version_id,
        plan=stored.plan.model_dump(mode="json"),
        placements=[
            PlacementAnswer(
                cadre=p.cadre,
                slot=p.slot,
                start=p.start,
                status=p.status,
                version=p.version,
                parent_status=p.parent_status,
                same_as_parent=p.same_as_parent,
                decisions=[
                    DecisionAnswer(
                        decision=d.kind,
                        by=d.author,
                        role=d.role,
                        at=d.at,
                        reason=d.reason,
                        ref=d.ref,
                        date=d.decided_on,
                        scope=d.scope,
                        until=d.until,
                    )
                    for d in p.decisions
                ],
            )
            for p in workspace.placements(plan_id)
        ],
    )


@router.post("/plans/{plan_id}/decisions", status_code=201)
def decide(request: Request, plan_id: int, body: DecisionBody, caller: Decider) -> DecisionTaken:
    workspace = web_state(request).workspace
    workspace.plan(plan_id)  # 404 for an unknown plan before the body's cadre is looked at
    try:
        workspace.decide(
            caller.name,
            plan_id,
            body.cadre,
            DecisionInput(body.decision, body.reason, body.ref, body.date, body.scope, body.until),
            seen=body.seen,
        )
    except ConcurrentChange as error:  # say who decided what, and when
        now = next((p for p in workspace.placements(plan_id) if p.cadre == body.cadre), None)
        raise ConcurrentChange(*stale_decision(now), error.field) from None
    placement = next(p for p in workspace.placements(plan_id) if p.cadre == body.cadre)
    return DecisionTaken(cadre=placement.cadre, status=placement.status, version=placement.version)


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: int, caller: Planner) -> JobAnswer:
    found = web_state(request).jobs.get(job_id)
    if found is None:
        raise UnknownId("không có lượt giải này", "no such job", "job", job_id)
    return JobAnswer(**found.as_json())
