"""The contract example with a planning pool (CONTRACT §6.3), and a plan whose bench is counted by hand,
for the bench views (explain, report, compare, the plan page).

Titles give experience: `bi_thu` and `chu_tich` give `cap_huyen` and `truong_cap_huyen`, the deputies
`cap_huyen`; `rules.experience_months` is 24. `BENCH_PLAN` is the example's optimal plan (explicit scores
only). By hand:

| pool title | requires | ready by | min | planned | without the plan | with `BENCH_PLAN` |
| --- | --- | --- | --- | --- | --- | --- |
| pho_chu_tich_thanh_pho | truong_cap_huyen | 2026-01-01 | 1 | C01 | — | C01 (phong_dien.chu_tich 2023-07-01 + 24 = 2025-07-01) |
| pho_giam_doc_so | cap_huyen | 2024-06-01 | — | C03 | — | — (ninh_kieu.pho_chu_tich 2023-01-01 + 24 = 2025-01-01, too late; latest start 2022-06-01, before the period) |
| uy_vien_ban_thuong_vu | cap_huyen | 2025-12-31 | — | C04 | C04 (experience) | C04 |
| giam_doc_so | cap_huyen | 2025-06-01 | 2 | C06, C10 | — | C06 (phong_dien.pho_bi_thu 2023-01-01 + 24 = 2025-01-01); short by 1 |
| chu_tich_ubnd_quan_huyen | truong_cap_huyen | none | — | C09 | — | — (not placed) |

The first pool title's name holds markup, to be escaped wherever it is shown.
"""

from __future__ import annotations

from typing import Any

import yaml

from models.plan import Plan
from models.scenario import Scenario
from tests.support.builders import plan_of, scenario_of
from tests.support.paths import EXAMPLE

MARKED_POOL_NAME = "Phó Chủ tịch <b>UBND</b> thành phố"

BENCH_PLAN_ROWS = (
    ("C03", "ninh_kieu.pho_chu_tich", "2023-01-01"),
    ("C06", "phong_dien.pho_bi_thu", "2023-01-01"),
    ("C02", "ninh_kieu.bi_thu", "2023-04-01"),
    ("C05", "o_mon.bi_thu", "2023-04-01"),
    ("C01", "phong_dien.chu_tich", "2023-07-01"),
)


def bench_data() -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    gives = {
        "bi_thu": ["cap_huyen", "truong_cap_huyen"],
        "chu_tich": ["cap_huyen", "truong_cap_huyen"],
        "pho_bi_thu": ["cap_huyen"],
        "pho_chu_tich": ["cap_huyen"],
    }
    for code, given in gives.items():
        data["titles"][code]["gives"] = given
    data["pool"] = [
        {
            "id": "pho_chu_tich_thanh_pho",
            "name": MARKED_POOL_NAME,
            "requires_experience": ["truong_cap_huyen"],
            "ready_by": "2026-01-01",
            "min_ready": 1,
        },
        {
            "id": "pho_giam_doc_so",
            "name": "Phó Giám đốc sở",
            "requires_experience": ["cap_huyen"],
            "ready_by": "2024-06-01",
        },
        {
            "id": "uy_vien_ban_thuong_vu",
            "name": "Ủy viên Ban Thường vụ Thành ủy",
            "requires_experience": ["cap_huyen"],
            "ready_by": "2025-12-31",
        },
        {
            "id": "giam_doc_so",
            "name": "Giám đốc sở",
            "requires_experience": ["cap_huyen"],
            "ready_by": "2025-06-01",
            "min_ready": 2,
        },
        {
            "id": "chu_tich_ubnd_quan_huyen",
            "name": "Chủ tịch UBND quận, huyện",
            "requires_experience": ["truong_cap_huyen"],
        },
    ]
    for cadre in data["cadres"]:
        if cadre["id"] == "C04":
            cadre["experience"] = ["cap_huyen"]
    return data


def bench_scenario() -> Scenario:
    return scenario_of(bench_data())


def bench_plan() -> Plan:
    return plan_of(*BENCH_PLAN_ROWS)
