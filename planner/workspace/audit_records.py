"""Do the rows the pages show agree with the audit entries that recorded them?

The chain (`audit.py`) proves the log was not changed; the pages read the tables. Each write records in
its entry what it wrote (`*_fields` below give the fields), so a verification can compare every user,
scenario version, event, plan, placement and decision row with its entry and name the row and field that
disagree, and the rows no entry records. Placements and re-planned copies of decisions are not recorded
one by one: a placement must be one of its plan's assignments with the status its decisions leave, and a
decision a re-plan carried must equal the one it copies on the parent plan.

Entries written before these fields were recorded (schema 0003 and older) cannot check everything: what
was not checked is said (`Note`), never passed over in silence.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.workspace.audit import Note, canonical_json
from planner.workspace.decisions import KINDS
from planner.workspace.schema import (
    AuditEntry,
    Decision,
    Event,
    Placement,
    PlanRecord,
    ScenarioVersion,
    User,
)


@dataclass(frozen=True)
class RowMismatch:
    """A row that disagrees with the log: its table, id and field, and the entry it was checked against."""

    table: str
    id: int | None  # None: the row an entry records is gone and its id was not recorded
    field: str
    seq: int | None
    vi: str
    en: str


def digest(text: str) -> str:
    """How an entry records a long text (a plan's or a version's content): its sha256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_fields(version: ScenarioVersion) -> dict[str, object]:
    return {"content": digest(version.content)}


def plan_fields(record: PlanRecord) -> dict[str, object]:
    return {"objective": record.objective, "content": digest(record.content), "label": record.label}


#: A decision's columns a `decide` entry records under another name; the others under their own, so
#: that a column added to decisions is recorded (and checked) from then on without more code here.
_DECISION_KEYS = {"id": "decision", "decided_on": "date"}
#: Checked through the entry itself: its target (plan and cadre), its user and its time.
_DECISION_BY_ENTRY = ("placement_id", "author_id", "created_at")


def decision_fields(decision: Decision) -> dict[str, object]:
    return {
        _DECISION_KEYS.get(column.key, column.key): getattr(decision, column.key)
        for column in Decision.__table__.columns
        if column.key not in _DECISION_BY_ENTRY
    }


def replan_fields(session: Session, record: PlanRecord, version: ScenarioVersion) -> dict[str, object]:
    """The version a re-plan was checked against, and how many decisions it carried from its parent."""
    copied = session.scalar(
        select(func.count(Decision.id))
        .join(Placement, Decision.placement_id == Placement.id)
        .where(Placement.plan_id == record.id)
    )
    return {"version_content": digest(version.content), "decisions_copied": copied or 0}


def event_fields(row: Event) -> dict[str, object]:
    return {"note": row.note, "source": row.source_document}


class _Check:
    """The comparison of one verification: the rows by id, the mismatches and notes found."""

    def __init__(self, session: Session) -> None:
        self.names: dict[int | None, str] = {u.id: u.name for u in session.scalars(select(User))}
        self.mismatches: list[RowMismatch] = []
        self.unchecked: dict[tuple[str, str], set[int]] = defaultdict(set)

    def differs(self, table: str, row_id: int, field: str, seq: int | None) -> None:
        where = f"mục nhật ký {seq}" if seq is not None else "sổ nhật ký"
        where_en = f"audit entry {seq}" if seq is not None else "the audit log"
        self.mismatches.append(
            RowMismatch(table, row_id, field, seq, f"khác với {where}", f"differs from {where_en}")
        )

    def missing(self, table: str, row_id: int | None, seq: int | None) -> None:
        """A row no entry records (`seq` None), or the row entry `seq` records is gone."""
        vi, en = (
            ("không mục nhật ký nào ghi dòng này", "no audit entry records this row")
            if seq is None
            else (
                f"mục nhật ký {seq} ghi dòng này nhưng nó không còn",
                f"audit entry {seq} records this row but it is gone",
            )
        )
        self.mismatches.append(RowMismatch(table, row_id, "*", seq, vi, en))

    def compare(
        self,
        table: str,
        row_id: int,
        seq: int,
        pairs: Iterable[tuple[str, object, Mapping[str, object], str]],
    ) -> None:
        """Each (field, row value, details, key): a key the entry lacks is noted as not checked."""
        for field, value, details, key in pairs:
            if key not in details:
                self.unchecked[(table, field)].add(seq)
            elif not _same(value, details[key]):
                self.differs(table, row_id, field, seq)

    def author(self, table: str, row_id: int, seq: int, by: int | None, at: str, entry: AuditEntry) -> None:
        if self.names.get(by) != entry.user_name:
            self.differs(table, row_id, "created_by", seq)
        if at != entry.at:
            self.differs(table, row_id, "created_at", seq)

    def notes(self) -> list[Note]:
        found = []
        for (table, field), seqs in sorted(self.unchecked.items()):
            span = _span(sorted(seqs))
            found.append(
                Note(
                    f"{table}.{field}: các mục {span} ghi trước phiên bản này không ghi trường này, không kiểm tra được",
                    f"{table}.{field}: entries {span}, written by an older version, do not record it: not checked",
                )
            )
        return found


def _same(value: object, recorded: object) -> bool:
    return canonical_json(_normal(value)) == canonical_json(_normal(recorded))


def _normal(value: object) -> object:
    """Numbers as JSON reads them back: a float column's 385.0 is the 385 a plan's JSON holds."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    return value


def _span(seqs: list[int]) -> str:
    return f"{seqs[0]}..{seqs[-1]} ({len(seqs)})" if len(seqs) > 1 else str(seqs[0])


def _details(entry: AuditEntry) -> dict[str, object] | None:
    try:
        details = json.loads(entry.details)
    except ValueError:
        return None  # a chain break, reported as such
    return details if isinstance(details, dict) else None


def _target_id(target: str, kind: str) -> int | None:
    prefix = f"{kind}:"
    if not target.startswith(prefix):
        return None
    text = target.removeprefix(prefix).split("/", 1)[0]
    return int(text) if text.isdigit() else None


def check_rows(session: Session, entries: list[AuditEntry]) -> tuple[list[RowMismatch], list[Note]]:
    """Every row that disagrees with its entry (or that no entry records), and what was not checked."""
    check = _Check(session)
    parsed = [(e, d) for e in entries if (d := _details(e)) is not None]
    _check_users(session, check, parsed)
    _check_versions(session, check, parsed)
    _check_events(session, check, parsed)
    plans = _check_plans(session, check, parsed)
    _check_decisions(session, check, parsed, plans)
    return check.mismatches, check.notes()


def _check_users(session: Session, check: _Check, parsed) -> None:
    """Each user row against the entry that added it (name, author, time) and its role against the last
    entry that set it: `init`, `user add`, or a later `user role`."""
    users = {u.id: u for u in session.scalars(select(User))}
    by_name = {u.name: u for u in users.values()}
    seen: set[int] = set()
    role_set: dict[int, tuple[int, Mapping[str, object]]] = {}  # user id -> (seq, details) of the last
    for entry, details in parsed:
        if entry.action == "init" and "admin" in details:
            user = by_name.get(str(details["admin"]))
            if user is None:
                check.missing("users", None, entry.seq)
                continue
            seen.add(user.id)
            role_set[user.id] = (entry.seq, {"role": "admin"})
            if user.created_at != entry.at:
                check.differs("users", user.id, "created_at", entry.seq)
        elif entry.action == "user add" and (user_id := _target_id(entry.target, "user")) is not None:
            user = users.get(user_id)
            if user is None:
                check.missing("users", user_id, entry.seq)
                continue
            seen.add(user.id)
            role_set[user.id] = (entry.seq, details)
            check.compare("users", user.id, entry.seq, [("name", user.name, details, "name")])
            check.author("users", user.id, entry.seq, user.created_by, user.created_at, entry)
        elif entry.action == "user role" and (user_id := _target_id(entry.target, "user")) is not None:
            if user_id not in users:
                check.missing("users", user_id, entry.seq)
                continue
            role_set[user_id] = (entry.seq, details)
    for user_id, (seq, details) in sorted(role_set.items()):
        if user_id in users:
            check.compare("users", user_id, seq, [("role", users[user_id].role, details, "role")])
    for user_id in sorted(set(users) - seen):
        check.missing("users", user_id, None)


def _check_versions(session: Session, check: _Check, parsed) -> None:
    versions = {v.id: v for v in session.scalars(select(ScenarioVersion))}
    seen: set[int] = set()
    for entry, details in parsed:
        if entry.action == "import":
            version_id = _target_id(entry.target, "version")
            pairs: tuple[tuple[str, str], ...] = (
                ("hash", "content_hash"),
                ("file", "source"),
                ("parent", "parent_id"),
            )
        elif entry.action in ("event add", "replan") and isinstance(details.get("version"), int):
            version_id = details["version"]
            pairs = (("parent", "parent_id"),) if entry.action == "event add" else ()
        else:
            continue
        version = versions.get(version_id) if version_id is not None else None
        if version is None:
            check.missing("scenario_versions", version_id, entry.seq)
            continue
        if entry.action == "replan" and version.id in seen:
            continue  # a re-plan on a version made before: the entry that made it checked it
        seen.add(version.id)
        content = details.get("version_content" if entry.action == "replan" else "content")
        compared = [(column, getattr(version, column), details, key) for key, column in pairs]
        compared.append(("content", digest(version.content), {"c": content} if content else {}, "c"))
        check.compare("scenario_versions", version.id, entry.seq, compared)
        check.author(
            "scenario_versions", version.id, entry.seq, version.created_by, version.created_at, entry
        )
    for version_id in sorted(set(versions) - seen):
        check.missing("scenario_versions", version_id, None)


def _check_events(session: Session, check: _Check, parsed) -> None:
    events = {e.id: e for e in session.scalars(select(Event))}
    seen: set[int] = set()
    for entry, details in parsed:
        if entry.action != "event add" or (event_id := _target_id(entry.target, "event")) is None:
            continue
        row = events.get(event_id)
        if row is None:
            check.missing("events", event_id, entry.seq)
            continue
        seen.add(row.id)
        changes = json.loads(row.changes) if row.changes else None
        check.compare(
            "events",
            row.id,
            entry.seq,
            [
                ("date", row.date, details, "date"),
                ("changes", changes, details, "set"),
                ("ref", row.ref, details, "ref"),
                ("version_id", row.version_id, details, "version"),
                ("base_version_id", row.base_version_id, details, "parent"),
                ("note", row.note, details, "note"),
                ("source_document", row.source_document, details, "source"),
            ],
        )
        check.author("events", row.id, entry.seq, row.created_by, row.created_at, entry)
    for event_id in sorted(set(events) - seen):
        check.missing("events", event_id, None)


def _check_plans(session: Session, check: _Check, parsed) -> dict[int, dict[str, object]]:
    """Each plan against its solve or re-plan entry, its placements against its content; the entries'
    details by plan id (the decisions' check reads how many decisions each re-plan copied)."""
    plans = {p.id: p for p in session.scalars(select(PlanRecord))}
    recorded: dict[int, dict[str, object]] = {}
    for entry, details in parsed:
        if entry.action not in ("solve", "replan") or (plan_id := _target_id(entry.target, "plan")) is None:
            continue
        record = plans.get(plan_id)
        if record is None:
            check.missing("plans", plan_id, entry.seq)
            continue
        recorded[plan_id] = details
        kind = {"kind": "replan"} if entry.action == "replan" else details
        options = json.loads(record.options) if record.options else None
        check.compare(
            "plans",
            record.id,
            entry.seq,
            [
                ("scenario_version_id", record.scenario_version_id, details, "version"),
                ("kind", record.kind, kind, "kind"),
                ("label", record.label, details, "label"),
                ("status", record.status, details, "status"),
                ("parent_id", record.parent_id, details, "parent"),
                ("options", options, details, "options"),
                ("objective", record.objective, details, "objective"),
                ("content", digest(record.content), details, "content"),
            ],
        )
        if entry.action == "replan":
            check.compare("plans", record.id, entry.seq, [("as_of", record.as_of, details, "as_of")])
        check.author("plans", record.id, entry.seq, record.created_by, record.created_at, entry)
    for plan_id in sorted(set(plans) - set(recorded)):
        check.missing("plans", plan_id, None)
    for record in plans.values():
        _check_placements(session, check, record)
    return recorded


def _check_placements(session: Session, check: _Check, record: PlanRecord) -> None:
    """A plan's placements are its content's assignments; each one's status is what its decisions leave."""
    try:
        content = json.loads(record.content)
        assignments = {(a["cadre"], a["slot"], a.get("start")) for a in content.get("assignments") or []}
    except (ValueError, TypeError, KeyError, AttributeError):
        check.differs("plans", record.id, "content", None)
        return
    if content.get("status") != record.status:
        check.differs("plans", record.id, "status", None)
    if not _same(content.get("objective"), record.objective):
        check.differs("plans", record.id, "objective", None)
    placements = list(session.scalars(select(Placement).where(Placement.plan_id == record.id)))
    if {(p.cadre, p.slot, p.start) for p in placements} != assignments:
        for placement in placements:
            if (placement.cadre, placement.slot, placement.start) not in assignments:
                check.differs("placements", placement.id, "slot", None)
        if len(placements) != len(assignments):
            check.differs("plans", record.id, "placements", None)


def _status_left(decisions: list[Decision]) -> str:
    status = "open"
    for decision in decisions:
        status = KINDS.get(decision.kind, (None, None))[1] or status
    return status


def _check_decisions(session: Session, check: _Check, parsed, plans: dict[int, dict[str, object]]) -> None:
    """Decisions by placement: the last ones are the `decide` entries on it, in order; the ones before
    them are copies a re-plan carried from the same cadre's placement on the parent plan."""
    placements = {p.id: p for p in session.scalars(select(Placement))}
    by_placement: dict[int, list[Decision]] = defaultdict(list)
    for decision in session.scalars(select(Decision).order_by(Decision.id)):
        by_placement[decision.placement_id].append(decision)
    by_key = {(p.plan_id, p.cadre): p for p in placements.values()}
    decides: dict[tuple[int, str], list[tuple[AuditEntry, dict[str, object]]]] = defaultdict(list)
    for entry, details in parsed:
        plan_id = _target_id(entry.target, "plan")
        if entry.action == "decide" and plan_id is not None and "/" in entry.target:
            decides[(plan_id, entry.target.split("/", 1)[1])].append((entry, details))
    copied: dict[int, int] = defaultdict(int)
    for (plan_id, cadre), recorded in decides.items():
        if (plan_id, cadre) not in by_key:
            for entry, _ in recorded:
                check.missing("placements", None, entry.seq)
    for placement in placements.values():
        rows = by_placement.get(placement.id, [])
        recorded = decides.get((placement.plan_id, placement.cadre), [])
        # entries that name their decision (this version on) match it by id; older ones by position
        by_id = {row.id: row for row in rows}
        matched: set[int] = set()
        for entry, details in recorded:
            if isinstance(decision_id := details.get("decision"), int):
                row = by_id.get(decision_id)
                if row is None:
                    check.missing("decisions", decision_id, entry.seq)
                else:
                    matched.add(row.id)
                    _check_decision(check, row, entry, details)
        older = [(e, d) for e, d in recorded if not isinstance(d.get("decision"), int)]
        left = [row for row in rows if row.id not in matched]
        extra = len(older) - len(left)
        for entry, _ in older[:extra] if extra > 0 else []:
            check.missing("decisions", None, entry.seq)
        older = older[max(extra, 0) :]
        copies = len(left) - len(older)
        for row, (entry, details) in zip(left[copies:], older, strict=True):
            _check_decision(check, row, entry, details)
        if copies:
            copied[placement.plan_id] += copies
            _check_copies(check, session, left[:copies], placement, by_key, by_placement)
        if placement.status != _status_left(rows):
            check.differs("placements", placement.id, "status", None)
    for plan_id, details in plans.items():
        if "decisions_copied" in details and details["decisions_copied"] != copied.get(plan_id, 0):
            check.differs("plans", plan_id, "decisions", None)


def _check_decision(check: _Check, row: Decision, entry: AuditEntry, details: dict[str, object]) -> None:
    check.compare(
        "decisions",
        row.id,
        entry.seq,
        [
            (column.key, getattr(row, column.key), details, _DECISION_KEYS.get(column.key, column.key))
            for column in Decision.__table__.columns
            if column.key not in _DECISION_BY_ENTRY
        ],
    )
    if check.names.get(row.author_id) != entry.user_name:
        check.differs("decisions", row.id, "author_id", entry.seq)
    if row.created_at != entry.at:
        check.differs("decisions", row.id, "created_at", entry.seq)


def _check_copies(check, session, copies, placement, by_key, by_placement) -> None:
    """Copies a re-plan carried must be the parent plan's decisions on the same cadre, in order."""
    plan = session.get(PlanRecord, placement.plan_id)
    parent = by_key.get((plan.parent_id, placement.cadre)) if plan.kind == "replan" else None
    originals = by_placement.get(parent.id, []) if parent is not None else []
    for index, copy in enumerate(copies):
        if index >= len(originals):
            check.missing("decisions", copy.id, None)
            continue
        for column in Decision.__table__.columns:
            if column.key not in ("id", "placement_id") and getattr(copy, column.key) != getattr(
                originals[index], column.key
            ):
                check.differs("decisions", copy.id, column.key, None)
