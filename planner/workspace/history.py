"""The workspace's history as a tree: scenario versions by parent, each with its events and plans.

Pure data for the command line to print: `HistoryNode`s, children in the order they were made, each
told in words (kinds, statuses, dates in Vietnam time) beside the ref the commands take.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.wording import date_text, number_text, plan_kind_words, status_label, time_text
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
        what += f" {date_text(event.date)}: {shown_changes(json.loads(event.changes))}"
        what += f" (số / ref {event.ref})" if event.ref else ""
    return (
        f"{what} · mã băm / hash {version.content_hash[:12]} · {names[version.created_by]} · "
        f"{time_text(version.created_at)}"
    )


def _plan_text(plan: PlanRecord, names: dict[int, str]) -> str:
    """`lời giải / solve · gốc / base · Tối ưu / Optimal · mục tiêu / objective 365 · version:1 · minh ·
    06/12/2026 20:13`: codes in words, the time in Vietnam's; the refs the commands take stay."""
    as_of = f" · từ / as of {date_text(plan.as_of)}" if plan.as_of else ""
    return (
        f"{plan_kind_words(plan.kind)} · {plan.label}{as_of} · {status_label(plan.status)} · "
        f"mục tiêu / objective {number_text(plan.objective)} · version:{plan.scenario_version_id}"
        f" · {names[plan.created_by]} · {time_text(plan.created_at)}"
    )
