"""The JSON API declares what it answers (pydantic response schemas), its routes take their gates from one
dependency module, and the workspace's field names reach the API as the body's fields (issue 22 item 4)."""

from __future__ import annotations

import typing

from fastapi.routing import APIRoute
from pydantic import BaseModel

from planner.web import access, api, pages
from planner.web.api import DecisionAnswer, PlanAnswer, PlanDetailAnswer, SessionAnswer
from tests.web.conftest import log_in


def _model_of(annotation) -> type | None:
    """The pydantic model a `response_model` names, itself or as the items of a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    (item,) = typing.get_args(annotation) or (None,)
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None


def test_every_api_answer_with_a_body_has_a_declared_schema():
    routes = [r for r in api.router.routes if isinstance(r, APIRoute)]
    assert routes
    for route in routes:
        if route.methods == {"DELETE"}:
            continue  # 204, no body
        assert _model_of(route.response_model) is not None, route.path


def test_the_routes_take_their_gates_from_the_dependency_module():
    for gate in ("Reader", "Decider", "Planner"):
        assert getattr(api, gate) is getattr(access, gate)
    for gate in ("Reader", "Decider", "Planner", "Replanner"):
        assert getattr(pages, gate) is getattr(access, gate)


def test_the_answers_validate_against_their_schemas(client):
    csrf = log_in(client, "hoa")
    SessionAnswer.model_validate(client.get("/api/session").json())
    (listed,) = client.get("/api/plans").json()
    assert PlanAnswer.model_validate(listed).label == "gốc / base"
    cadre = client.get("/api/plans/1").json()["placements"][0]["cadre"]
    taken = client.post(
        "/api/plans/1/decisions",
        json={"cadre": cadre, "decision": "approve", "reason": "đồng ý"},
        headers={"X-CSRF-Token": csrf},
    )
    assert taken.status_code == 201 and set(taken.json()) == {"cadre", "status", "version"}
    detail = PlanDetailAnswer.model_validate(client.get("/api/plans/1").json())
    (decided,) = [p for p in detail.placements if p.cadre == cadre]
    assert decided.decisions == [
        DecisionAnswer(
            decision="approve",
            by="hoa",
            role="approver",
            at=decided.decisions[0].at,
            reason="đồng ý",
            ref=None,
            date=None,
            scope=None,
            until=None,
        )
    ]


def test_the_workspace_field_reaches_the_api_as_the_body_field(client):
    csrf = log_in(client, "hoa")
    answer = client.post(
        "/api/plans/1/decisions",
        json={"cadre": "C01", "decision": "decided", "reason": "r", "ref": "QĐ 1", "date": "soon"},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status_code == 422 and answer.json()["field"] == "date"
    assert answer.json()["detail"].startswith("date: ")  # not the service's `decided_on`, nor `--date`
