"""`ws audit verify`: the chain, its signatures, a head written down, and the rows against the log.

One report of everything a verification found (`breaks` in the log, `rows` that disagree with it) and
what it could not check (`notes`: no key given, entries older than the key or than the fields recorded),
so that a reader is told what "intact" covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from planner.workspace import audit
from planner.workspace.audit import AuditBreak, Note
from planner.workspace.audit_key import AuditKey
from planner.workspace.audit_records import RowMismatch, check_rows
from planner.workspace.errors import BadInput
from planner.workspace.schema import WorkspaceState

_HEAD = re.compile(r"(?:(?P<seq>[0-9]{1,18}):)?(?P<hash>[0-9a-f]{64})")


@dataclass(frozen=True)
class AuditReport:
    entries: int
    breaks: list[AuditBreak]
    rows: list[RowMismatch]
    notes: list[Note]
    #: Where the key that checked the signatures was found; None when none was given.
    key_where: str | None

    @property
    def intact(self) -> bool:
        return not self.breaks and not self.rows


def parse_head(text: str) -> tuple[int | None, str]:
    """`SEQ:HASH` as `ws audit head` prints it, or the bare HASH; `BadInput` naming `head` else."""
    match = _HEAD.fullmatch(text.strip().lower())
    if match is None:
        raise BadInput(
            "cần SỐ:MÃ_BĂM như `ws audit head` in ra",
            "SEQ:HASH as `ws audit head` prints is needed",
            "head",
            text,
        )
    return (int(match["seq"]) if match["seq"] else None), match["hash"]


def verify(session: Session, key: AuditKey | None, head: tuple[int | None, str] | None = None) -> AuditReport:
    entries = audit.all_entries(session)
    breaks, notes = audit.verify_chain(entries, session.get(WorkspaceState, 1), key)
    if head is not None and (gone := audit.head_break(entries, head)) is not None:
        breaks.append(gone)
    rows, unchecked = check_rows(session, entries)
    return AuditReport(len(entries), breaks, rows, notes + unchecked, key.where if key else None)
