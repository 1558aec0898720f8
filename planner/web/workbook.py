"""Where each placement's decisions stand, as the columns the web's workbook of a plan adds to its plan
sheet: a workbook is what gets annotated and filed, so it says what was decided, by whom, when (the day
in Vietnam, dd/mm/yyyy), why and under which reference, not only what the solver proposed.
"""

from __future__ import annotations

import pandas as pd

from planner.report import CADRE_ID
from planner.wording import DECISION_COLUMNS, PLACEMENT_STATUS_WORDS, both, date_text
from planner.workspace import DECISION_KINDS, Workspace

COLUMNS = [CADRE_ID, *(both(words) for words in DECISION_COLUMNS.values())]


def decision_table(workspace: Workspace, plan_id: int) -> pd.DataFrame:
    """One row per placement of the plan: its status and the decision that set it (the last one that
    is not a comment; a comment changes nothing); an open placement has its status alone."""
    rows = []
    for placement in workspace.placements(plan_id):
        standing = [d for d in placement.decisions if DECISION_KINDS[d.kind][1] is not None]
        last = standing[-1] if standing else None
        status = both(PLACEMENT_STATUS_WORDS.get(placement.status, (placement.status, placement.status)))
        rows.append(
            [
                placement.cadre,
                status,
                last.author if last else "",
                date_text(last.at) if last else "",
                last.reason if last else "",
                (last.ref or "") if last else "",
                date_text(last.decided_on or "") if last else "",
            ]
        )
    return pd.DataFrame(rows, columns=COLUMNS)
