"""Export: the workspace as the contract's files, readable and checkable without the database.

`version-N.yaml` (a scenario file `planner validate` accepts), `plan-N.json` (a plan file `planner check
version-V.yaml plan-N.json` accepts; it is bound to its version by `scenario_hash`), `events.yaml` (the
events file of CONTRACT §4, each with the version it made) and `decisions.json` (each placement's status, its
`after` where the plan gives one, and its decisions). All are written, or none (`planner.data.atomic`).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.workspace.decisions import placement_decisions, plan_placements
from planner.workspace.schema import Event, PlanRecord, ScenarioVersion
from planner.workspace.transaction import user_names


def export_files(session: Session, folder: Path, plan_ids: list[int] | None = None) -> dict[Path, str]:
    """The text of every file to write in `folder` (only the given plans and their versions, if named)."""
    plans = list(session.scalars(select(PlanRecord).order_by(PlanRecord.id)))
    if plan_ids:
        plans = [p for p in plans if p.id in plan_ids]
    versions = list(session.scalars(select(ScenarioVersion).order_by(ScenarioVersion.id)))
    if plan_ids:
        wanted = {p.scenario_version_id for p in plans}
        versions = [v for v in versions if v.id in wanted]
    files = {folder / f"version-{v.id}.yaml": v.content for v in versions}
    files.update({folder / f"plan-{p.id}.json": p.content for p in plans})
    if not plan_ids:
        files[folder / "events.yaml"] = _events_text(session)
    files[folder / "decisions.json"] = _decisions_text(session, plans)
    return files


def _events_text(session: Session) -> str:
    events = []
    for event in session.scalars(select(Event).order_by(Event.id)):
        entry = {
            "date": event.date,
            "set": json.loads(event.changes),
            "note": event.note,
            "ref": event.ref,
            "source": event.source_document,
            "version": event.version_id,
        }
        events.append({k: v for k, v in entry.items() if v is not None})
    return yaml.safe_dump(events, allow_unicode=True, sort_keys=False, width=200)


def _afters(plan: PlanRecord) -> dict[str, object]:
    """Each placed cadre's `after` as the plan file gives it (CONTRACT §6.4), for the decisions file: what
    was decided on a placement is read beside where it leads."""
    content = json.loads(plan.content)
    return {
        a["cadre"]: a["after"]
        for a in content.get("assignments", [])
        if isinstance(a, dict) and a.get("after") is not None and isinstance(a.get("cadre"), str)
    }


def _decisions_text(session: Session, plans: list[PlanRecord]) -> str:
    names = user_names(session)
    out = []
    for plan in plans:
        afters = _afters(plan)
        for placement in plan_placements(session, plan):
            decisions = [
                {
                    "kind": d.kind,
                    "reason": d.reason,
                    "ref": d.ref,
                    "date": d.decided_on,
                    **({"scope": d.scope} if d.scope else {}),
                    **({"until": d.until} if d.until else {}),
                    "by": names[d.author_id],
                    "role": d.role,
                    "at": d.created_at,
                }
                for d in placement_decisions(session, placement)
            ]
            if decisions:
                out.append(
                    {
                        "plan": plan.id,
                        "cadre": placement.cadre,
                        "slot": placement.slot,
                        "start": placement.start,
                        "status": placement.status,
                        **({"after": after} if (after := afters.get(placement.cadre)) is not None else {}),
                        "decisions": decisions,
                    }
                )
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
