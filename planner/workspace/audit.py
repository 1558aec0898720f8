"""The append-only audit log: every write adds one entry chained to the one before by its hash.

An entry's `hash` is sha256 over the canonical JSON (sorted keys, no spaces, UTF-8) of its fields
`seq, at, user_name, action, target, details` and `prev_hash`, the hash of the entry before (64 zeros
for the first). Editing an entry breaks its own hash; deleting one breaks the sequence and the next
entry's `prev_hash`. Only raw SQL can do any of these: the workspace has no command that changes or
removes an entry. But the plain chain only catches careless edits: the scheme is public, so whoever
rewrites an entry can recompute every later hash and the workspace's head (`audit_seq`, `audit_hash`).

Hence the key (`audit_key.py`): each entry's `mac` is an HMAC-SHA256 of its hash with a secret kept
outside the database, which a rewritten entry cannot carry without the key. Deleting the last entries
and moving the head back leaves a shorter log that is still whole; only a head written down elsewhere
(`ws audit head`, then `ws audit verify --head`) catches that.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.workspace.audit_key import AuditKey
from planner.workspace.errors import BadInput
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
    key: AuditKey | None,
) -> AuditEntry:
    """Add the next entry, signed with `key`, and move the head; the caller holds the write lock
    (`Write.lock`). Without the key, a log whose head entry is signed is not written to: an unsigned
    entry there would read as a forged one."""
    seq = state.audit_seq + 1
    if (
        key is None
        and state.audit_seq
        and session.scalar(select(AuditEntry.mac).where(AuditEntry.seq == state.audit_seq))
    ):
        raise BadInput(
            "sổ nhật ký này được ký bằng khoá; cần khoá để ghi (PLANNER_AUDIT_KEY_FILE hoặc "
            "PLANNER_AUDIT_KEY)",
            "this audit log is signed with a key; the key is needed to write "
            "(PLANNER_AUDIT_KEY_FILE or PLANNER_AUDIT_KEY)",
            "PLANNER_AUDIT_KEY_FILE",
        )
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
        mac=key.sign(digest) if key is not None else None,
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


@dataclass(frozen=True)
class Note:
    """What a verification could not check, or a limit of what it proves."""

    vi: str
    en: str


def verify_chain(
    entries: list[AuditEntry], state: WorkspaceState | None, key: AuditKey | None
) -> tuple[list[AuditBreak], list[Note]]:
    """Every break of the chain and of its signatures found, in log order, and what was not checked."""
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
        if key is not None:
            breaks.extend(_signature_breaks(entry, key))
        expected_seq, previous = entry.seq + 1, entry.hash
    last = expected_seq - 1
    if state is not None and (state.audit_seq, state.audit_hash) != (last, previous):
        breaks.append(
            AuditBreak(
                state.audit_seq,
                f"mục cuối {state.audit_seq} của sổ đã bị xoá hoặc sửa",
                f"the log's last entry {state.audit_seq} was deleted or edited",
            )
        )
    if key is not None and last < key.start - 1:
        breaks.append(
            AuditBreak(
                last + 1,
                f"khoá ký từ mục {key.start} nhưng sổ dừng ở mục {last}: các mục cuối đã bị xoá",
                f"the key signs from entry {key.start} on but the log ends at entry {last}: "
                "its last entries were deleted",
            )
        )
    return breaks, _key_notes(entries, key)


def _signature_breaks(entry: AuditEntry, key: AuditKey) -> list[AuditBreak]:
    if entry.mac is None:
        if entry.seq < key.start:
            return []
        return [
            AuditBreak(
                entry.seq,
                "thiếu chữ ký bằng khoá (mục bị viết lại hoặc giả mạo)",
                "its signature with the key is missing (the entry was rewritten or forged)",
            )
        ]
    if not hmac.compare_digest(entry.mac, key.sign(entry.hash)):
        return [
            AuditBreak(
                entry.seq,
                "chữ ký bằng khoá không khớp (mục bị viết lại hoặc giả mạo)",
                "its signature with the key does not match (the entry was rewritten or forged)",
            )
        ]
    return []


def _key_notes(entries: list[AuditEntry], key: AuditKey | None) -> list[Note]:
    if key is None:
        return [
            Note(
                "không có khoá nhật ký: chỉ kiểm tra chuỗi băm thường, phát hiện được sửa đổi vô ý, không "
                "phát hiện được sửa đổi cố ý (ai ghi được cơ sở dữ liệu có thể tính lại mọi mã băm)",
                "no audit key: only the plain hash chain was checked, which detects careless edits, not "
                "deliberate ones (whoever can write the database can recompute every hash)",
            )
        ]
    unsigned = [e.seq for e in entries if e.seq < key.start and e.mac is None]
    if not unsigned:
        return []
    span = f"{unsigned[0]}..{unsigned[-1]}" if len(unsigned) > 1 else f"{unsigned[0]}"
    return [
        Note(
            f"các mục {span} ghi trước khi có khoá: chỉ chuỗi băm thường bảo vệ, phát hiện sửa đổi vô ý, "
            "không phát hiện sửa đổi cố ý",
            f"entries {span} were written before the key: only the plain hash chain covers them, which "
            "detects careless edits, not deliberate ones",
        )
    ]


def head_break(entries: list[AuditEntry], head: tuple[int | None, str]) -> AuditBreak | None:
    """A break if the head written down (`ws audit head`: entry number and hash) is no longer in the log."""
    seq, digest = head
    found = [e for e in entries if e.hash == digest and (seq is None or e.seq == seq)]
    if found:
        return None
    shown = seq if seq is not None else 0
    return AuditBreak(
        shown,
        "đầu sổ đã ghi lại không còn trong sổ (mục bị xoá hoặc sổ bị viết lại trước nó)",
        "the head written down is no longer in the log (the entry was deleted, or the log rewritten "
        "before it)",
    )


def all_entries(session: Session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def head(session: Session) -> tuple[int, str]:
    """The last entry's number and hash: what to write into the minutes."""
    last = session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    return (last.seq, last.hash) if last is not None else (0, GENESIS)
