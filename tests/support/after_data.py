"""The contract example with the way back (CONTRACT §6.4) and a hand-made plan with afters, for the views
(explain, the plan table, the timeline, the report, compare, the plan page, the documents, the workspace).

Titles get ranks (heads 3, deputies 2) and `rules.max_rank_step` 1; `rotation_months` is the default 36;
`after_rotation` has horizon 2026-04-30 (window 6 months) and five projected posts; `ninh_kieu.bi_thu` has
`may_stay`. `AFTER_PLAN` is the bench example's placements with afters chosen by hand:

| cadre | slot | start | end | after |
| --- | --- | --- | --- | --- |
| C03 | ninh_kieu.pho_chu_tich | 2023-01-01 | 2026-01-01 | so_noi_vu.pgd@2026 from 2026-02-01 (home: so_noi_vu) |
| C06 | phong_dien.pho_bi_thu | 2023-01-01 | 2026-01-01 | so_tai_chinh.pgd@2026 from 2026-01-01 (home) |
| C02 | ninh_kieu.bi_thu | 2023-04-01 | 2026-04-01 | stay (may_stay; C02 is a local key-post holder too) |
| C05 | o_mon.bi_thu | 2023-04-01 | 2026-04-01 | o_mon.chu_tich@2026 from 2026-04-01 |
| C01 | phong_dien.chu_tich | 2023-07-01 | 2026-07-01 | none needed (after the horizon) |

For C05's rotation (end 2026-04-01, window 2025-10-01 .. 2026-10-01, rank 3, local to ninh_kieu):
so_noi_vu.pgd@2026 and so_tai_chinh.pgd@2026 and phong_dien.pct@2026 are closed as rank 2 < 3
(`rank_lower`), ninh_kieu.pbt@2027 opens 2027-01-01 (`window`), o_mon.chu_tich@2026 is open.
For C02 (local to o_mon, rank 3): o_mon.chu_tich@2026 is `non_local`.
"""

from __future__ import annotations

import json
from typing import Any

from models.plan import Plan
from models.scenario import Scenario
from planner import plan_json
from planner.analysis.afters import after_outlook, plan_afters
from planner.rules.index import ScenarioIndex
from tests.support.bench_data import BENCH_PLAN_ROWS, bench_data
from tests.support.builders import scenario_of

AFTER_POSTS = (
    ("so_noi_vu.pgd@2026", "so_noi_vu", "pho_giam_doc", "2026-02-01"),
    ("so_tai_chinh.pgd@2026", "so_tai_chinh", "pho_giam_doc", "2025-12-01"),
    ("o_mon.chu_tich@2026", "o_mon", "chu_tich", "2026-03-01"),
    ("ninh_kieu.pbt@2027", "ninh_kieu", "pho_bi_thu", "2027-01-01"),
    ("phong_dien.pct@2026", "phong_dien", "pho_chu_tich", "2026-01-01"),
)
AFTERS: dict[str, Any] = {
    "C03": {"post": "so_noi_vu.pgd@2026", "start": "2026-02-01"},
    "C06": {"post": "so_tai_chinh.pgd@2026", "start": "2026-01-01"},
    "C02": {"stay": True},
    "C05": {"post": "o_mon.chu_tich@2026", "start": "2026-04-01"},
}


def after_data() -> dict[str, Any]:
    data = bench_data()
    for title in data["titles"].values():
        title["rank"] = 3 if title["level"] == "head" else 2
    data["rules"]["max_rank_step"] = 1
    for slot in data["slots"]:
        if slot["id"] == "ninh_kieu.bi_thu":
            slot["may_stay"] = True
    data["after_rotation"] = {
        "horizon": "2026-04-30",
        "posts": [
            {"id": post, "unit": unit, "title": title, "open_from": day}
            for post, unit, title, day in AFTER_POSTS
        ],
    }
    return data


def after_scenario() -> Scenario:
    return scenario_of(after_data())


def after_plan(afters: dict[str, Any] | None = None) -> Plan:
    """The bench example's placements with `afters` (by cadre; default `AFTERS`)."""
    chosen = AFTERS if afters is None else afters
    rows = []
    for cadre, slot, start in BENCH_PLAN_ROWS:
        row: dict[str, Any] = {"cadre": cadre, "slot": slot, "start": start}
        if cadre in chosen:
            row["after"] = chosen[cadre]
        rows.append(row)
    return Plan.model_validate(
        {"scenario": "example-mini", "status": "FEASIBLE", "objective": 0, "assignments": rows}
    )


def chosen_afters(scenario: Scenario, plan: Plan, stay_first: bool = True) -> Plan:
    """`plan` with an `after` on each rotation that needs one, as a plan file could give them (the solver
    of this branch writes none): staying where allowed, else the first projected post open to it (two
    may take one post: the views show what the file says); with `stay_first` False, the last of two or
    more choices and none where there is one, so that two such plans' afters differ wherever the first
    gives one."""
    index = ScenarioIndex(scenario)
    content = json.loads(plan_json(plan))
    rows = {r.cadre: r for r in plan_afters(scenario, plan)}
    for a in content["assignments"]:
        row = rows.get(a["cadre"])
        if row is None:
            continue
        outlook = after_outlook(index, row.cadre, row.slot, row.start)
        if not outlook.needed:
            continue
        posts = [{"post": p.post.id, "start": p.start.isoformat()} for p in outlook.open_posts]
        choices = [{"stay": True}] * outlook.may_stay + posts
        if stay_first and choices:
            a["after"] = choices[0]
        elif len(choices) > 1:
            a["after"] = choices[-1]
    return Plan.model_validate(content)
