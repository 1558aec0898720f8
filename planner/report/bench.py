"""The bench tables of a report and a comparison (CONTRACT §6.3, §6.5): per pool title, the planned cadres,
those ready without the plan and with it, and `min_ready`; in a comparison, each plan's bench side by side.

The rows come from `planner.analysis.plan_bench`, recomputed from the scenario and the plan's placements:
a plan file's own `bench` is never read. Counts stay numbers (the workbook sorts and sums them); ids only,
never a name.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from planner.analysis.bench_readiness import BenchRow
from planner.wording import BENCH_HEADERS, ids_text, met_text, ready_by_text

#: A comparison's columns for one plan: how many it makes ready, and whether that meets `min_ready`.
PLAN_READY = "{plan} — sẵn sàng với phương án / ready with the plan"
PLAN_MET = "{plan} — đạt mức tối thiểu / minimum met"


def _ready_by(row: BenchRow) -> object:
    """The date (an Excel date in a workbook), or the words for no deadline."""
    return row.ready_by if row.ready_by is not None else ready_by_text(None)


def bench_table(rows: list[BenchRow]) -> pd.DataFrame:
    """One plan's bench, a row per pool title in the scenario's order (no row without a pool)."""
    h = BENCH_HEADERS
    return pd.DataFrame(
        [
            {
                h["pool"]: r.name,
                h["id"]: r.pool,
                h["ready_by"]: _ready_by(r),
                h["planned"]: len(r.planned),
                h["without"]: len(r.ready_without_plan),
                h["ready"]: len(r.ready),
                h["min_ready"]: r.min_ready,
                h["met"]: met_text(len(r.ready), r.min_ready),
                h["made_ready"]: ids_text(r.made_ready),
            }
            for r in rows
        ],
        columns=list(h.values()),
    )


def compare_bench_table(benches: Mapping[str, list[BenchRow]]) -> pd.DataFrame:
    """Each plan's bench side by side: the pool title, its ready-by date, planned cadres, those ready
    without any plan and `min_ready` once, then two columns per plan: how many are ready with it, and
    whether that meets the minimum. Empty when the scenario has no pool or no plan is feasible."""
    first = next(iter(benches.values()), [])
    if not first:
        return pd.DataFrame()
    h = BENCH_HEADERS
    table = []
    for i, r in enumerate(first):
        row: dict[str, object] = {
            h["pool"]: r.name,
            h["id"]: r.pool,
            h["ready_by"]: _ready_by(r),
            h["planned"]: len(r.planned),
            h["without"]: len(r.ready_without_plan),
            h["min_ready"]: r.min_ready,
        }
        for plan, rows in benches.items():
            ready = len(rows[i].ready)
            row[PLAN_READY.format(plan=plan)] = ready
            row[PLAN_MET.format(plan=plan)] = met_text(ready, rows[i].min_ready)
        table.append(row)
    return pd.DataFrame(table)
