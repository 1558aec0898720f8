"""What the workspace's reads hand back: named records, copied out of the session that read them.

A decision, a placement, a user, a login, the audit log's head: each a record with its fields named, so
that a caller writes `decision.reason`, never `decision[4]`. The small ones are `NamedTuple`s, which
still compare equal to and unpack as the pairs they were (`("hoa", "approver")`); a placement is a
frozen dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class DecisionView(NamedTuple):
    """One decision on a placement, as it was taken."""

    kind: str
    author: str
    #: The author's role when they took it.
    role: str
    at: str
    reason: str
    ref: str | None
    #: An issued act's date (`decided`).
    decided_on: str | None
    #: A rejection's scope (`post`, `cadre`), a deferral's date (`until`).
    scope: str | None
    until: str | None


@dataclass(frozen=True)
class PlacementView:
    cadre: str
    slot: str
    start: str | None
    status: str
    #: Each decision, oldest first.
    decisions: list[DecisionView]
    #: Moves with every decision: a decision taken on what a reader saw names it (`decide`'s `seen`).
    version: int = 0
    #: The status of the cadre's placement in the parent plan (None: no parent, or not placed there),
    #: and whether it was this same placement (slot and start) there.
    parent_status: str | None = None
    same_as_parent: bool = False


class UserView(NamedTuple):
    """A user and their role now."""

    name: str
    role: str


class AuditHead(NamedTuple):
    """The audit log's last entry: its number and hash, as written into the minutes (`SEQ:HASH`)."""

    seq: int
    digest: str
