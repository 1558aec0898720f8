"""Plans and versions as people write them (`plan:3`, `p3`, `version:2`, `v2`), read into ids.

The workspace's methods take ids (`Workspace.diff_plans(a, b)`); the command line and the web app read
what a person typed into them here, so that both accept the same notation and the service parses none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from planner.workspace.errors import BadInput

_REF = re.compile(r"(?P<kind>plan|p|version|v):?(?P<id>[0-9]+)")


@dataclass(frozen=True)
class Ref:
    """A plan or a scenario version, by id."""

    kind: Literal["plan", "version"]
    id: int


def parse_ref(text: str, field: str) -> Ref:
    """`plan:3`, `p3`, `version:2`, `v2` as a `Ref`; `BadInput` naming `field` else."""
    match = _REF.fullmatch(text.strip())
    if match is None:
        raise BadInput("cần plan:N hoặc version:N", "plan:N or version:N is needed", field, text)
    return Ref("plan" if match["kind"] in ("plan", "p") else "version", int(match["id"]))


def parse_pair(first: str, second: str, fields: tuple[str, str] = ("a", "b")) -> tuple[Ref, Ref]:
    """Two refs of one kind (two plans, or two versions), as a diff compares them."""
    a, b = parse_ref(first, fields[0]), parse_ref(second, fields[1])
    if a.kind != b.kind:
        raise BadInput(
            "cần hai phương án hoặc hai phiên bản", "give two plans or two versions", fields[1], second
        )
    return a, b
