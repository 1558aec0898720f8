"""The append-only audit log: every write adds one entry chained to the one before by its hash.

An entry's `hash` is sha256 over the canonical JSON (sorted keys, no spaces, UTF-8) of its fields
`seq, at, user_name, action, target, details` and `prev_hash`, the hash of the entry before (64 zeros
for the first). Editing an entry breaks its own hash; deleting one breaks the sequence and the next
entry's `prev_hash`; deleting the last ones is caught by the workspace's head (`audit_seq`,
`audit_hash`), which each append moves in the same transaction. Only raw SQL can do any of these:
the workspace has no command that changes or removes an entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.workspace.schema import AuditEntry, WorkspaceState

GENESIS = "0" * 64


def canonical_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(seq: int, at: str, user_name: str, action: str, target: str, details: str, prev: str) -> str:
    fields = {
        "seq": seq,
        "at": at,
        "user_name": user_name,
        "action": action,
        "target": target,
        "details": details,
        "prev_hash": prev,
    }
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def append(
    session: Session,
    state: WorkspaceState,
    at: str,
    user: str,
    action: str,
    target: str,
    details: Mapping[str, object],
) -> AuditEntry:
    """Add the next entry and move the head; the caller holds the write lock (`locking.write_lock`)."""
    seq = state.audit_seq + 1
    text = canonical_json(dict(details))
    digest = entry_hash(seq, at, user, action, target, text, state.audit_hash)
    entry = AuditEntry(
        seq=seq,
        at=at,
        user_name=user,
        action=action,
        target=target,
        details=text,
        prev_hash=state.audit_hash,
        hash=digest,
    )
    session.add(entry)
    state.audit_seq, state.audit_hash = seq, digest
    return entry


@dataclass(frozen=True)
class AuditBreak:
    """Where the chain breaks: the entry (by its sequence number) and what is wrong with it."""

    seq: int
    vi: str
    en: str


def verify(session: Session) -> tuple[int, list[AuditBreak]]:
    """The number of entries, and every break of the chain found, in log order."""
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    state = session.get(WorkspaceState, 1)
    breaks: list[AuditBreak] = []
    expected_seq, previous = 1, GENESIS
    for entry in entries:
        if entry.seq != expected_seq:
            missing = (
                f"{expected_seq}" if entry.seq == expected_seq + 1 else f"{expected_seq}..{entry.seq - 1}"
            )
            breaks.append(
                AuditBreak(expected_seq, f"mục {missing} đã bị xoá", f"entry {missing} was deleted")
            )
        if entry.prev_hash != previous:
            breaks.append(
                AuditBreak(
                    entry.seq,
                    "không nối với mục trước (prev_hash khác)",
                    "does not chain to the entry before (prev_hash differs)",
                )
            )
        recomputed = entry_hash(
            entry.seq, entry.at, entry.user_name, entry.action, entry.target, entry.details, entry.prev_hash
        )
        if recomputed != entry.hash:
            breaks.append(
                AuditBreak(
                    entry.seq,
                    "nội dung đã bị sửa (hash không khớp)",
                    "its content was edited (the hash does not match)",
                )
            )
        expected_seq, previous = entry.seq + 1, entry.hash
    if state is not None and (state.audit_seq, state.audit_hash) != (expected_seq - 1, previous):
        last = state.audit_seq
        breaks.append(
            AuditBreak(
                last,
                f"mục cuối {last} của sổ đã bị xoá hoặc sửa",
                f"the log's last entry {last} was deleted or edited",
            )
        )
    return len(entries), breaks
