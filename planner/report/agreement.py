"""Placements every compared plan makes (robust) and those only some make (contested), as a table.

The comparison itself is `planner.decide.comparison.compare_placements` (a placement is a (cadre, slot) pair,
start left out), so the report and `planner solve --alternatives` agree on which placements are robust.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from models.plan import Plan
from models.scenario import Scenario
from planner.decide.comparison import compare_placements
from planner.figures.placements import slot_names

ROBUST = "ổn định / robust"
CONTESTED = "còn tranh luận / contested"
AGREEMENT_NOTE = (
    "Ổn định: mọi phương án đều bố trí cán bộ vào vị trí này; còn tranh luận: chỉ một số phương án. / "
    "Robust: every plan makes this placement; contested: only some plans do."
)
COLUMNS = [
    "Loại / Kind",
    "Mã cán bộ / Cadre id",
    "Họ tên / Name",
    "Vị trí đến / Destination",
    "Số phương án / Plans",
    "Phương án / In plans",
]


def agreement_table(scenario: Scenario, plans: Mapping[str, Plan], names: Mapping[str, str]) -> pd.DataFrame:
    """A row per placement made by any plan: robust ones first, then by how many plans make it."""
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
