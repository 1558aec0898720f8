"""The workspace's history as a tree: scenario versions by parent, each with its events and plans.

Pure data for the command line to print: `HistoryNode`s, children in the order they were made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.workspace.diff import shown_changes
from planner.workspace.schema import Event, PlanRecord, ScenarioVersion
from planner.workspace.transaction import user_names


@dataclass
class HistoryNode:
    ref: str  # version:N or plan:N
    text: str
    at: str  # when it was made: children are listed in this order
    children: list[HistoryNode] = field(default_factory=list)


def history_tree(session: Session) -> list[HistoryNode]:
    names = user_names(session)
    events = {e.version_id: e for e in session.scalars(select(Event))}
    nodes: dict[str, HistoryNode] = {}
    roots: list[HistoryNode] = []
    for version in session.scalars(select(ScenarioVersion).order_by(ScenarioVersion.id)):
        node = HistoryNode(
            f"version:{version.id}", _version_text(version, events.get(version.id), names), version.created_at
        )
        nodes[node.ref] = node
        parent = nodes.get(f"version:{version.parent_id}")
        (parent.children if parent else roots).append(node)
    for plan in session.scalars(select(PlanRecord).order_by(PlanRecord.id)):
        node = HistoryNode(f"plan:{plan.id}", _plan_text(plan, names), plan.created_at)
        nodes[node.ref] = node
        # under the plan it was made from (an alternative, a variant, a re-plan), else under its version
        parent = nodes.get(f"plan:{plan.parent_id}") or nodes[f"version:{plan.scenario_version_id}"]
        parent.children.append(node)
    for node in nodes.values():
        node.children.sort(key=lambda child: child.at)
    return roots


def _version_text(version: ScenarioVersion, event: Event | None, names: dict[int, str]) -> str:
    what = {
        "import": f"nhập / import {version.source}",
        "replan": f"dữ kiện của phương án lập lại / a re-plan's facts, {version.source}",
    }.get(version.origin, "sự kiện / event")
    if event is not None:
        what += f" {event.date}: {shown_changes(json.loads(event.changes))}"
        what += f" (ref {event.ref})" if event.ref else ""
    return f"{what} · hash {version.content_hash[:12]} · {names[version.created_by]} · {version.created_at}"


def _plan_text(plan: PlanRecord, names: dict[int, str]) -> str:
    objective = "" if plan.objective is None else f" {plan.objective:g}"
    as_of = f" as-of {plan.as_of}" if plan.as_of else ""
    return (
        f"{plan.kind} {plan.label}{as_of} · {plan.status}{objective} · version:{plan.scenario_version_id}"
        f" · {names[plan.created_by]} · {plan.created_at}"
    )
