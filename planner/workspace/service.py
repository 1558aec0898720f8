"""The workspace's service layer: one method per command, each one transaction, each role-checked.

Every command of `planner ws` calls one of these methods and nothing below them, so the roles
(`roles.py`) and the all-or-nothing write (`transaction.py`) hold for any caller, not only the CLI. A
method first reads and checks (unknown ids, bad values, roles: nothing written), then takes the write
lock, writes its rows and one audit entry, and commits. A solve and a re-plan read in one session and
write in another, with their search between the two holding no connection (`transaction.checked_read`).

The methods speak the workspace's language: they take ids (`diff_plans(a, b)`; the callers read `plan:3`
with `refs.py`), name their own fields in errors (`reason`, `cadre_id`; `errors.py`), and hand back named
records (`views.py`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

import planner  # `planner.run_plan_set`, `planner.replan_as_of`: the solver loads when called (PEP 562)
from models import InputProblem
from models.overrides import apply_overrides
from planner import Change, InputError, Scenario, load_scenario
from planner.hooks import NO_HOOKS, SolveHooks
from planner.replan.changes import decision_text
from planner.replan.events import Event as FactEvent
from planner.wording.steps import STAGE_WORDS
from planner.workspace import audit, audit_check, audit_records, database
from planner.workspace.audit_key import AuditKey, create_key, find_key, key_path
from planner.workspace.bindings import (
    bindings,
    bound_by,
    changed_since,
    kept_approvals,
    line_placements,
    plan_line,
    read_marks,
    stale_read,
)
from planner.workspace.browse import (
    AuditRow,
    PlanSummary,
    StoredPlan,
    audit_rows,
    plan_summaries,
    plan_with_scenario,
)
from planner.workspace.decisions import (
    DecisionInput,
    check_decision,
    check_not_final,
    find_placement,
    plan_decisions,
    plan_placements,
    record_decision,
)
from planner.workspace.diff import Difference, plan_differences, version_differences
from planner.workspace.errors import BadInput
from planner.workspace.events import apply_event
from planner.workspace.export import export_files
from planner.workspace.history import HistoryNode, history_tree
from planner.workspace.logins import clear_failures, reserve_attempt
from planner.workspace.passwords import hash_password, verify_password
from planner.workspace.plans import REPLAN_LABEL, get_plan, store_plan, store_plan_set, stored_plan
from planner.workspace.replanning import carry_decisions, facts_version, replan_inputs
from planner.workspace.roles import Action, Role, parse_role
from planner.workspace.scenarios import get_version, new_version, require_head, version_scenario
from planner.workspace.schema import (
    AuditEntry,
    Event,
    PlanRecord,
    ScenarioVersion,
    User,
    WorkspaceState,
)
from planner.workspace.sessions import end_all_sessions, end_session, open_session, session_user
from planner.workspace.transaction import (
    AUDIT_KEY_OPTION,
    checked_read,
    concurrent_change,
    reading,
    user_names,
    utc_now,
    writing,
)
from planner.workspace.views import AuditHead, DecisionView, PlacementView, UserView

if TYPE_CHECKING:  # the solver's modules load in `solve` and `replan` only (`planner ws` starts without)
    from models.scenario import Pin
    from planner import Replanned, SolveOptions


class Workspace:
    """An open workspace at `url` (SQLite file or PostgreSQL), its schema up to date, with the audit
    log's key if one is given (`audit_key.py`): every entry written is then signed with it."""

    def __init__(self, engine: Engine, key: AuditKey | None = None) -> None:
        self.engine = engine.execution_options(**{AUDIT_KEY_OPTION: key}) if key else engine
        self.audit_key = key

    @classmethod
    def open(cls, url: str | None = None) -> Workspace:
        url = database.database_url(url)
        engine = database.open_engine(url)
        try:
            key = find_key(url)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, key)

    @classmethod
    def init(cls, url: str | None = None, admin: str | None = None) -> tuple[Workspace, bool]:
        """Create the workspace (or bring its schema up to date) and its first admin; True if created.

        The audit key is made here when none is found and there is a place for its file (beside a
        SQLite database, or `PLANNER_AUDIT_KEY_FILE`): it signs the entries after the log's head, all of
        them for a new workspace, the ones from now on for a workspace made before keys."""
        url = database.database_url(url)
        engine = database.make_engine(url)
        with database.database_read(url):
            database.migrate(engine)
        key = find_key(url)
        with Session(engine) as session, session.begin():
            state = session.get(WorkspaceState, 1)
            created = state is None
            if state is None:
                state = WorkspaceState(id=1, audit_seq=0, audit_hash=audit.GENESIS, writes=0)
                session.add(state)
                session.flush()
            if key is None and (path := key_path(url)) is not None:
                _refuse_a_second_key(session, path)
                key = create_key(path, state.audit_seq + 1)
            if admin is not None:
                if session.scalar(select(User.id).limit(1)) is not None:
                    raise BadInput(
                        "không gian làm việc đã có người dùng; người quản trị thêm người dùng bằng "
                        "`planner ws user add`",
                        "the workspace has users already; an admin adds users with `planner ws user add`",
                        "admin",
                        admin,
                    )
                at = utc_now()
                user = User(name=_user_name(admin), role=Role.admin.name, created_at=at)
                session.add(user)
                session.flush()
                audit.append(
                    session,
                    state,
                    at,
                    user.name,
                    "init",
                    "workspace",
                    {"admin": user.name, "schema": database.head_revision()},
                    key,
                )
        return cls(engine, key), created

    # writes ---------------------------------------------------------------------------------------

    def add_user(self, by: str | None, name: str, role: str) -> User:
        parsed = parse_role(role)
        with writing(self.engine, by, Action.add_user) as write:
            name = _user_name(name)
            if write.session.scalar(select(User).where(User.name == name)) is not None:
                raise BadInput("đã có người dùng tên này", "a user has this name already", "name", name)
            write.lock()
            user = User(name=name, role=parsed.name, created_at=write.at, created_by=write.user.id)
            write.session.add(user)
            write.session.flush()
            write.audit("user add", f"user:{user.id}", {"name": name, "role": parsed.name})
        return user

    def import_scenario(self, by: str | None, path: Path) -> ScenarioVersion | None:
        """A new version from a scenario file (its parent the head); None when the content is the head's."""
        with writing(self.engine, by, Action.import_scenario) as write:
            scenario = load_scenario(path)
            state = write.session.get_one(WorkspaceState, 1)
            head = (
                write.session.get(ScenarioVersion, state.head_version_id) if state.head_version_id else None
            )
            if state.scenario_name not in (None, scenario.name):
                raise InputError(
                    [
                        InputProblem(
                            str(path),
                            "name",
                            f"không gian làm việc này là của kịch bản "
                            f"{state.scenario_name!r} / this workspace holds the scenario "
                            f"{state.scenario_name!r}",
                            scenario.name,
                        )
                    ]
                )
            version = new_version(scenario, head, "import", path.name, write.at, write.user.id)
            if head is not None and head.content_hash == version.content_hash:
                return None
            state = write.lock(head.id if head else None, check_head=True)
            write.session.add(version)
            write.session.flush()
            state.scenario_name, state.head_version_id = scenario.name, version.id
            write.audit(
                "import",
                f"version:{version.id}",
                {
                    "file": path.name,
                    "hash": version.content_hash,
                    "parent": version.parent_id,
                    **audit_records.version_fields(version),
                },
            )
        return version

    def add_events(
        self, by: str | None, events: Sequence[FactEvent], source: str = "event"
    ) -> list[ScenarioVersion]:
        """Each event applied in turn, each a new version (parent: the one before); all or none."""
        with writing(self.engine, by, Action.add_event) as write:
            head = require_head(write.session)
            scenario, changed = version_scenario(head), []
            for index, event in enumerate(events):
                scenario = apply_event(scenario, event, source, f"[{index}]" if len(events) > 1 else "event")
                changed.append(scenario)
            state = write.lock(head.id, check_head=True)
            made, parent = [], head
            for event, scenario in zip(events, changed, strict=True):
                version = new_version(scenario, parent, "event", event.source, write.at, write.user.id)
                write.session.add(version)
                write.session.flush()
                row = Event(
                    date=event.date.isoformat(),
                    changes=audit.canonical_json(event.set),
                    note=event.note,
                    ref=event.ref,
                    source_document=event.source,
                    base_version_id=parent.id,
                    version_id=version.id,
                    created_at=write.at,
                    created_by=write.user.id,
                )
                write.session.add(row)
                write.session.flush()
                write.audit(
                    "event add",
                    f"event:{row.id}",
                    {
                        "date": row.date,
                        "set": event.set,
                        "ref": event.ref,
                        "version": version.id,
                        "parent": parent.id,
                        **audit_records.event_fields(row),
                        **audit_records.version_fields(version),
                    },
                )
                made.append(version)
                parent = version
            state.head_version_id = parent.id
        return made

    def solve(
        self,
        by: str | None,
        options: SolveOptions,
        *,
        version_id: int | None = None,
        alternatives: int = 1,
        min_diff: int = 1,
        variants: Sequence[str] = (),
        overrides: Mapping[str, object] | None = None,
        what_if: Sequence[Change] = (),
        from_plan: int | None = None,
        hooks: SolveHooks = NO_HOOKS,
    ) -> list[PlanRecord]:
        """`planner solve` on a version (the head by default), every plan of the set stored; `what_if`
        (pins, forbids, waivers, a repair to try) is applied to the version and recorded in each plan.

        `from_plan`: the plan a what-if is asked from; the version is then its version, and the new best
        plan its child. The decisions of the plan's line bind it (`bindings.py`): rejections, issued
        acts and deferrals, and the plan's approved placements are kept unless the what-if names them;
        should a decision be taken on the line meanwhile, nothing is stored (`ConcurrentChange`). A solve
        stopped through `hooks.stop` stores nothing and returns no plan: a workspace keeps only
        searches that ran to their limit. The search holds no database session (`checked_read`)."""
        began = time.perf_counter()
        with checked_read(self.engine, by, Action.solve) as session:
            origin = get_plan(session, from_plan) if from_plan is not None else None
            if origin is not None:
                version_id = origin.scenario_version_id
            version = (
                get_version(session, version_id, "version_id")
                if version_id is not None
                else require_head(session)
            )
            scenario = version_scenario(version)
            bound, line, marks = None, [], None
            kept: tuple[Pin, ...] = ()
            if origin is not None:  # a what-if honours the decisions of the plan's line
                made_under = stored_plan(origin).variant
                if not overrides and made_under is not None and made_under.overrides:
                    overrides = made_under.overrides  # and the rules the plan was made under
                line = plan_line(session, origin)
                placements = line_placements(session, line)
                marks = read_marks(session, placements)
                found = bindings(session, placements)
                kept = kept_approvals(placements, origin, what_if)
                bound = bound_by(found)
                bound = replace(bound, pins=(*bound.pins, *kept))
                scenario = bound.bind(scenario)
            version_id, content_hash = version.id, version.content_hash
        # the search holds no database connection: what it needs was read above, and what it read is
        # checked again under the write lock below
        plans = planner.run_plan_set(
            scenario,
            Path("plan.json"),
            options,
            variants=variants,
            what_if=what_if,
            overrides=dict(overrides or {}),
            alternatives=alternatives,
            min_diff=min_diff,
            scenario_hash=content_hash,
            hooks=hooks,
        )
        if plans.interrupted:
            return []
        hooks.stage(STAGE_WORDS["store"], time.perf_counter() - began)
        recorded = {
            "time_limit": options.time_limit,
            "workers": options.workers,
            "seed": options.seed,
            "alternatives": alternatives,
            "min_diff": min_diff,
            "variants": list(variants),
            "overrides": dict(overrides or {}),
            "what_if": [change.text for change in what_if],
        }
        if bound is not None:
            recorded["decisions"] = [decision_text(d) for d in bound.decisions]
            recorded["kept_approved"] = [pin.cadre for pin in kept]
        with writing(self.engine, by, Action.solve) as write:
            parent = get_plan(write.session, from_plan) if from_plan is not None else None
            write.lock()
            if (
                from_plan is not None
                and marks is not None
                and changed_since(write.session, marks, line, head=False)
            ):
                raise stale_read(from_plan)
            stored = store_plan_set(
                write.session, plans, version_id, recorded, write.at, write.user.id, parent
            )
            for record in stored:
                write.audit(
                    "solve",
                    f"plan:{record.id}",
                    {
                        "version": version_id,
                        "kind": record.kind,
                        "label": record.label,
                        "status": record.status,
                        "parent": record.parent_id,
                        "options": recorded,
                        **audit_records.plan_fields(record),
                    },
                )
        return stored

    def replan(
        self,
        by: str | None,
        plan_id: int,
        as_of: str,
        options: SolveOptions,
        change_cost: float | None = None,
        *,
        hooks: SolveHooks = NO_HOOKS,
    ) -> tuple[PlanRecord | None, Replanned]:
        """`planner replan` of a stored plan as of `as_of`, with the workspace's events and decisions
        (`replanning.py`); the re-plan stored as the plan's child, or None when the search found no
        plan and no proof within the limit, or was stopped (`hooks.stop`): nothing is then written.
        `PlanRejected` should the independent checker reject the new plan (nothing written)."""
        began = time.perf_counter()
        with checked_read(self.engine, by, Action.replan) as session:
            inputs = replan_inputs(session, get_plan(session, plan_id), as_of)
        # the search holds no database connection: `inputs` is what it needs, and what was read
        # (`inputs.marks`) is checked again under the write lock below
        result = planner.replan_as_of(
            inputs.scenario,
            inputs.old,
            inputs.as_of,
            inputs.events,
            change_cost=change_cost,
            commitments=inputs.commitments,
            options=options,
            hooks=hooks,
            plan_file=f"plan:{plan_id}",
            events_file="events",
        )
        if hooks.stopped or (result.plan.status == "UNKNOWN" and not result.plan.assignments):
            return None, result
        hooks.stage(STAGE_WORDS["store"], time.perf_counter() - began)
        recorded = {
            "time_limit": options.time_limit,
            "workers": options.workers,
            "seed": options.seed,
            "as_of": inputs.as_of.isoformat(),
            "change_cost": change_cost,
        }
        with writing(self.engine, by, Action.replan) as write:
            parent = get_plan(write.session, plan_id)
            write.lock()
            if changed_since(write.session, inputs.marks, inputs.line):
                raise stale_read(parent.id)
            version = facts_version(write.session, inputs, result.scenario, write.at, write.user.id)
            plan = result.plan.with_changes(scenario_hash=version.content_hash)
            record = store_plan(
                write.session,
                plan,
                version.id,
                "replan",
                REPLAN_LABEL,
                recorded,
                write.at,
                write.user.id,
                parent,
                inputs.as_of.isoformat(),
            )
            write.session.flush()
            carried = carry_decisions(write.session, parent, record)
            changes = plan.replan.changes if plan.replan else []
            write.audit(
                "replan",
                f"plan:{record.id}",
                {
                    "parent": parent.id,
                    "as_of": inputs.as_of.isoformat(),
                    "version": version.id,
                    "status": record.status,
                    "changes": [c.cadre for c in changes],
                    "decisions_carried": carried,
                    "options": recorded,
                    **audit_records.plan_fields(record),
                    **audit_records.replan_fields(write.session, record, version),
                },
            )
        return record, replace(result, plan=plan)

    def decide(
        self, by: str | None, plan_id: int, cadre: str, decision: DecisionInput, seen: int | None = None
    ) -> None:
        """One decision on the plan's placement of `cadre` (see `decisions.py` for who may take which).

        `seen`: the placement's `version` the decider was shown; if another decision came since, this one
        is refused (`ConcurrentChange`) rather than taken on a state its author never saw."""
        action = check_decision(decision)
        with writing(self.engine, by, action) as write:
            plan = get_plan(write.session, plan_id)
            placement = find_placement(write.session, plan, cadre)
            if seen is not None and placement.row_version != seen:
                raise concurrent_change("cadre_id")
            check_not_final(placement, decision)
            write.lock()
            row = record_decision(
                write.session, placement, decision, write.user.id, write.user.role, write.at
            )
            write.session.flush()
            write.audit(
                "decide",
                f"plan:{plan.id}/{cadre}",
                {
                    "kind": decision.kind,
                    "reason": decision.reason,
                    "ref": decision.ref,
                    "date": decision.decided_on,
                    **({"scope": decision.stored_scope} if decision.stored_scope else {}),
                    **({"until": decision.until} if decision.until else {}),
                    "slot": placement.slot,
                    "start": placement.start,
                    "status": placement.status,
                    **audit_records.decision_fields(row),
                },
            )

    # reads ----------------------------------------------------------------------------------------

    def history(self) -> list[HistoryNode]:
        with reading(self.engine) as session:
            return history_tree(session)

    def diff_plans(self, a: int, b: int) -> list[Difference]:
        """Who moves from plan `a` to plan `b`, then the rules they were solved under, in words."""
        with reading(self.engine) as session:
            plan_a, plan_b = get_plan(session, a, "a"), get_plan(session, b, "b")
            # the rules each plan was solved under: its version with the overrides it records
            solved_a, solved_b = _solved_under(session, plan_a, "a"), _solved_under(session, plan_b, "b")
            lines = []
            if solved_a != solved_b:
                lines = version_differences(solved_a, solved_b)
            scenario = _version(session, plan_b.scenario_version_id, "b")
            return plan_differences(scenario, stored_plan(plan_a), stored_plan(plan_b)) + lines

    def diff_versions(self, a: int, b: int) -> list[Difference]:
        """Which rules and facts differ from scenario version `a` to version `b`, in words."""
        with reading(self.engine) as session:
            return version_differences(_version(session, a, "a"), _version(session, b, "b"))

    def verify_audit(self, head: str | None = None) -> audit_check.AuditReport:
        """The chain, its signatures (with the key, if given), the rows against the entries, and the
        head written down (`SEQ:HASH` of `audit_head`) if given: it must still be in the log."""
        written = audit_check.parse_head(head) if head is not None else None
        with reading(self.engine) as session:
            return audit_check.verify(session, self.audit_key, written)

    def audit_head(self) -> AuditHead:
        """The log's last entry: its number and hash, to be written into the minutes."""
        with reading(self.engine) as session:
            return AuditHead(*audit.head(session))

    def export(self, folder: Path, plan_ids: Sequence[int] = ()) -> dict[Path, str]:
        """The files to write (the CLI writes them all or none); unknown plan ids are bad input."""
        with reading(self.engine) as session:
            for plan_id in plan_ids:
                get_plan(session, plan_id)
            return export_files(session, folder, list(plan_ids))

    def placements(self, plan_id: int) -> list[PlacementView]:
        """The plan's placements, each with its status and its decisions in order."""
        with reading(self.engine) as session:
            plan = get_plan(session, plan_id)
            names = user_names(session)
            decisions = plan_decisions(session, plan)
            parent = session.get(PlanRecord, plan.parent_id) if plan.parent_id is not None else None
            before = {p.cadre: p for p in plan_placements(session, parent)} if parent is not None else {}
            return [
                PlacementView(
                    p.cadre,
                    p.slot,
                    p.start,
                    p.status,
                    [
                        DecisionView(
                            d.kind,
                            names[d.author_id],
                            d.role,
                            d.created_at,
                            d.reason,
                            d.ref,
                            d.decided_on,
                            d.scope,
                            d.until,
                        )
                        for d in decisions.get(p.id, [])
                    ],
                    p.row_version,
                    before[p.cadre].status if p.cadre in before else None,
                    p.cadre in before and (before[p.cadre].slot, before[p.cadre].start) == (p.slot, p.start),
                )
                for p in plan_placements(session, plan)
            ]

    def revision(self) -> int:
        """A number every committed write moves (the write lock's counter): what was read at one
        revision is still what the workspace holds while the number stays."""
        with reading(self.engine) as session:
            return session.scalar(select(WorkspaceState.writes).where(WorkspaceState.id == 1)) or 0

    def users(self) -> list[UserView]:
        with reading(self.engine) as session:
            return [UserView(u.name, u.role) for u in session.scalars(select(User).order_by(User.id))]

    def plans(self) -> list[PlanSummary]:
        """Every plan, oldest first, with what it was made from."""
        with reading(self.engine) as session:
            return plan_summaries(session)

    def plan(self, plan_id: int) -> StoredPlan:
        """The plan with the scenario version it was made from (`UnknownId` if there is none)."""
        with reading(self.engine) as session:
            return plan_with_scenario(session, plan_id)

    def audit_log(
        self,
        user: str | None = None,
        cadre: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 500,
    ) -> list[AuditRow]:
        """The audit log's newest entries, filtered (see `browse.audit_rows`)."""
        with reading(self.engine) as session:
            return audit_rows(session, user, cadre, since, until, limit)

    # passwords (the web app's login) ---------------------------------------------------------------

    def set_password(self, by: str | None, name: str, password: str) -> None:
        """`name`'s password: a user may set their own, an admin anyone's. Neither the password nor its
        hash goes into the audit log (nor into an error)."""
        with writing(self.engine, by, Action.read) as write:
            name = name.strip()
            if write.user.name != name:
                write.require(Action.add_user)
            user = write.session.scalar(select(User).where(User.name == name))
            if user is None:
                raise BadInput("không có người dùng này", "no such user", "name", name)
            password_hash = hash_password(password)
            write.lock()
            user.password_hash = password_hash
            end_all_sessions(user)
            write.session.flush()
            write.audit("user password", f"user:{user.id}", {"name": name})

    def set_role(self, by: str | None, name: str, role: str) -> None:
        """`name`'s new role (admins only); every session the user has open ends with the old role."""
        parsed = parse_role(role)
        with writing(self.engine, by, Action.add_user) as write:
            name = name.strip()
            user = write.session.scalar(select(User).where(User.name == name))
            if user is None:
                raise BadInput("không có người dùng này", "no such user", "name", name)
            write.lock()
            user.role = parsed.name
            end_all_sessions(user)
            write.session.flush()
            write.audit("user role", f"user:{user.id}", {"name": name, "role": parsed.name})

    def authenticate(self, name: str, password: str) -> UserView | None:
        """The user (name, role) if `password` is the user's; None for an unknown user, a user without a
        password or a wrong password alike, each after one argon2 verification (`passwords.py`). Past a
        few wrong passwords in a row, raises `TooManyAttempts` until the wait is over (`logins.py`)."""
        counted = reserve_attempt(self.engine, name)
        with reading(self.engine) as session:
            user = session.scalar(select(User).where(User.name == name))
            matches = verify_password(user.password_hash if user is not None else None, password)
            found = UserView(user.name, user.role) if matches and user is not None else None
        if found is not None and counted:
            clear_failures(self.engine, name)
        return found

    def has_password(self, name: str) -> bool:
        """Whether acting as `name` needs a password (or a session); False for an unknown user, whom
        every command refuses anyway."""
        with reading(self.engine) as session:
            return session.scalar(select(User.password_hash).where(User.name == name)) is not None

    def log_in(self, name: str, password: str, secret: str, seconds: float) -> UserView | None:
        """The user (name, role) and a session kept for `seconds` under `secret` (its holder keeps the secret,
        the workspace its hash), if `password` is the user's; None otherwise, as `authenticate`."""
        started = utc_now()
        found = self.authenticate(name, password)
        if found is None:
            return None
        with Session(self.engine) as session, session.begin():
            user = session.scalars(select(User).where(User.name == found.name)).one()
            open_session(session, user, secret, started, seconds)
        return found

    def session_role(self, name: str, secret: str) -> str | None:
        """The role of `name` now if the session of `secret` is theirs and holds (not logged out, not
        expired, not older than a password reset or a role change); None otherwise."""
        with reading(self.engine) as session:
            user = session_user(session, name, secret)
            return user.role if user is not None else None

    def log_out(self, secret: str) -> None:
        """The session of `secret` ends, in every process that reads this workspace."""
        with Session(self.engine) as session, session.begin():
            end_session(session, secret)

    def user_role(self, name: str) -> str | None:
        """The user's role now (None if no such user): the web app asks on each request, so that a
        changed role takes effect at once."""
        with reading(self.engine) as session:
            return session.scalar(select(User.role).where(User.name == name))

    def dispose(self) -> None:
        self.engine.dispose()


def _refuse_a_second_key(session: Session, path: Path) -> None:
    """A log already signed keeps its key: a new one would make every signature before it a break (and
    would let whoever deleted the key file sign what they like)."""
    if session.scalar(select(AuditEntry.seq).where(AuditEntry.mac.is_not(None)).limit(1)) is not None:
        raise BadInput(
            "sổ nhật ký đã được ký bằng một khoá không tìm thấy; hãy chỉ ra khoá đó, không tạo khoá mới",
            "the audit log is signed with a key that was not found; give that key, a new one is not made",
            "PLANNER_AUDIT_KEY_FILE",
            str(path),
        )


def _version(session: Session, version_id: int, field: str) -> Scenario:
    return version_scenario(get_version(session, version_id, field))


def _solved_under(session: Session, record: PlanRecord, field: str) -> Scenario:
    """The plan's version with the rule overrides the plan records (`--set`, its variant) applied."""
    scenario = _version(session, record.scenario_version_id, field)
    made_under = stored_plan(record).variant
    if made_under is None or not made_under.overrides:
        return scenario
    solved = apply_overrides(scenario, made_under.overrides, f"plan:{record.id}", prefix="variant.")
    return solved.model_copy(update={"variants": scenario.variants})  # dropped by applying, not a change


def _user_name(name: str) -> str:
    name = name.strip()
    if not re.fullmatch(r"[A-Za-z0-9_.@-]{1,100}", name):
        raise BadInput(
            "tên người dùng chỉ gồm chữ không dấu, số và _.@- (tối đa 100)",
            "a user name is letters, digits and _.@- (at most 100)",
            "name",
            name,
        )
    return name
