"""Placements every compared plan makes (robust) and those only some make (contested), as a table.

The comparison itself is `planner.analysis.comparison.compare_placements` (a placement is a (cadre, slot) pair,
start left out), so the report and `planner solve --alternatives` agree on which placements are robust.
Shares count the feasible plans only: a plan file without a plan (INFEASIBLE, UNKNOWN) makes no
placement and is no vote against one. Every share shows its denominator, and the note names the plan
files left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from models.plan import Plan
from models.scenario import Scenario
from planner.analysis.comparison import compare_placements
from planner.figures.placements import slot_names

ROBUST = "ổn định / robust"
CONTESTED = "còn tranh luận / contested"
AGREEMENT_NOTE = (
    "Ổn định: mọi phương án khả thi đều bố trí cán bộ vào vị trí này; còn tranh luận: chỉ một số phương án "
    "khả thi. / Robust: every feasible plan makes this placement; contested: only some feasible plans do."
)
SHARE = "Số phương án khả thi có bố trí này / Feasible plans making it"
COLUMNS = [
    "Loại / Kind",
    "Mã cán bộ / Cadre id",
    "Họ tên / Name",
    "Vị trí đến / Destination",
    SHARE,
    "Phương án / In plans",
]


def counted_note(names: Sequence[str], excluded: Sequence[str]) -> str:
    """Over how many feasible plans a comparison's statistics are counted, and which plan files are left
    out of them."""
    counted = len(names) - len(excluded)
    note = f"Tính trên {counted} phương án khả thi / counted over {counted} feasible plan{'' if counted == 1 else 's'}."
    if excluded:
        note += (
            " Không tính (không có phương án; xem mâu thuẫn và cách khắc phục của tệp) / left out (no plan; "
            f"see the file's conflicts and repairs): {', '.join(excluded)}."
        )
    return note


def agreement_table(scenario: Scenario, plans: Mapping[str, Plan], names: Mapping[str, str]) -> pd.DataFrame:
    """A row per placement made by any feasible plan: robust ones first, then by how many plans make it;
    the share is `made by / feasible plans`."""
    comparison = compare_placements(list(plans.values()), list(plans))
    destinations = slot_names(scenario)
    rows = [
        [
            ROBUST if share.robust else CONTESTED,
            share.cadre,
            names.get(share.cadre, "?"),
            destinations.get(share.slot, share.slot),
            f"{share.count}/{share.plan_count}",
            ", ".join(comparison.labels[i] for i in share.in_plans),
        ]
        for share in comparison.placements
    ]
    return pd.DataFrame(rows, columns=COLUMNS)
