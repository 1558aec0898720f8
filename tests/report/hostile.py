"""A scenario and plans whose every outside text is a formula or markup payload: names, ids, titles,
unit names, the scenario's title, a variant's description, what-if changes, conflict and repair messages,
waiver authorities and the plans' file names. The report tests write them and look for a live formula
or a live tag.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.changes import AddForbid, AddPin, AddWaiver, QuotaBound
from models.plan import Conflict, Plan, Repair, VariantRecord
from models.scenario import Scenario
from planner.report import plan_names
from tests.support.builders import cadre, plan_of, scenario_of, tiny_scenario

#: What a spreadsheet would run or a browser would parse, each in several fields below.
FORMULAS = [
    '=HYPERLINK("http://evil.invalid","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "＝1+1",
    " =1+1",
]
MARKUP = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
PAYLOADS = FORMULAS + MARKUP

#: Ids: every payload but those with a leading tab (an id holds visible characters only).
CADRES = ['=HYPERLINK("http://evil.invalid","x")', "+C02", "-C03", "@C04", "<script>C05</script>"]
D1, D2, DEP = "=d1", '"><img src=x onerror=alert(1)>', "@dep"
SLOT_HEAD, SLOT_DEPUTY, SLOT_OTHER = f"{D1}.bi_thu", f"+{D1}.pho", f"-{D2}.pho"


def hostile_data() -> dict[str, Any]:
    titles = {
        "=bi_thu": {"name": "=1+1 Bí thư <script>alert(1)</script>", "level": "head", "non_local": True},
        "@pho": {"name": '@SUM(A1) Phó Bí thư "><img src=x onerror=alert(1)>', "level": "deputy"},
        "giam_doc": {"name": "-2 Giám đốc sở", "level": "head"},
        "pho_giam_doc": {"name": "+3 Phó Giám đốc sở", "level": "deputy"},
    }
    units = [
        {"id": D1, "name": '=HYPERLINK("http://evil.invalid","Quận") <b>Một</b>', "kind": "district"},
        {"id": D2, "name": "+Quận Hai <img src=x onerror=alert(2)>", "kind": "district"},
        {"id": DEP, "name": "-Sở Một", "kind": "department"},
    ]
    slots = [
        {"id": SLOT_HEAD, "unit": D1, "title": "=bi_thu"},
        {"id": SLOT_DEPUTY, "unit": D1, "title": "@pho"},
        {"id": SLOT_OTHER, "unit": D2, "title": "@pho"},
        {"id": "@dep.giam_doc", "unit": DEP, "title": "giam_doc"},
    ]
    names = [*PAYLOADS[:4], MARKUP[0] + " Lê Thị Hồng"]
    cadres = [
        cadre(
            cadre_id,
            name=name,
            current={"unit": DEP, "title": "pho_giam_doc", "head_terms": 0},
            waivers=[{"rule": "non_locality", "by": "=cmd|' /C calc'!A0", "ref": MARKUP[1]}],
        )
        for cadre_id, name in zip(CADRES, names, strict=True)
    ]
    return tiny_scenario(
        title=f'{FORMULAS[0]} <script>alert("title")</script> "><img src=x onerror=alert(3)>',
        titles=titles,
        units=units,
        slots=slots,
        cadres=cadres,
        variants=[
            {"name": "quota-3", "description": "=HYPERLINK(1) " + MARKUP[1], "set": {"rules.quota.max": 3}}
        ],
    )


def hostile() -> Scenario:
    return scenario_of(hostile_data())


def _feasible() -> Plan:
    """Valid but for one placement in a slot the scenario lacks (the checker names it in a message)."""
    return plan_of(
        (CADRES[0], SLOT_HEAD, "2023-01-01"),
        (CADRES[1], SLOT_DEPUTY, "2023-01-01"),
        (CADRES[2], SLOT_OTHER, "2023-04-01"),
        (CADRES[3], "=nowhere <script>x</script>", "2023-04-01"),
    ).model_copy(update={"objective": 12, "best_bound": 14})


def _variant() -> Plan:
    record = VariantRecord(name="quota-3", description=hostile_data()["variants"][0]["description"],
                           overrides={"rules.quota.max": 3})  # fmt: skip
    return plan_of((CADRES[0], SLOT_HEAD, "2023-01-01")).model_copy(
        update={"variant": record, "objective": 7}
    )


def _what_if() -> Plan:
    changes = [
        AddPin(cadre=CADRES[4], slot=SLOT_HEAD),
        AddForbid(cadre=CADRES[1], unit=D2),
        AddWaiver(cadre=CADRES[2], rule="remaining_service", by="=cmd|' /C calc'!A0", ref=MARKUP[0]),
    ]
    plan = plan_of((CADRES[4], SLOT_HEAD, "2023-01-01"), (CADRES[1], SLOT_DEPUTY, "2023-04-01"))
    return plan.model_copy(update={"what_if": changes, "objective": 9})


def _infeasible() -> Plan:
    """An infeasible what-if: its conflicts and repairs carry the payloads."""
    conflict = Conflict(rules=["quota", "pin"], message=f"{FORMULAS[0]} {MARKUP[0]} / {MARKUP[1]}",
                        message_en=MARKUP[1], cadres=[CADRES[0]], slots=[SLOT_HEAD])  # fmt: skip
    repair = Repair(change=QuotaBound(bound="max", value=6), message=f"{FORMULAS[3]} {MARKUP[1]}",
                    message_en="-raise", status="OPTIMAL", objective=11, rotations=3)  # fmt: skip
    return Plan(
        status="INFEASIBLE",
        conflicts=[conflict],
        repairs=[repair],
        what_if=[AddPin(cadre=CADRES[0], slot=SLOT_OTHER)],
    )


#: The plans' files: each name a payload (no `/`, which a file name cannot hold), as `planner compare`
#: would be given them.
FILE_NAMES = ['=HYPERLINK("evil","x")', "+1", "-2 <script>alert(1)", "@SUM(A1) " + MARKUP[1]]
FILES = [Path(f"{name}.json") for name in FILE_NAMES]


def hostile_plans() -> dict[str, Plan]:
    """The four plans keyed by the names `planner compare` gives them (from their payload file names)."""
    plans = [_feasible(), _variant(), _what_if(), _infeasible()]
    return dict(zip(plan_names(FILES), plans, strict=True))
