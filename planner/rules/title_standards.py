"""`title_standards` (Plan II.2; Reg. 365-QĐ/TW; CONTRACT §6.1, §6.6): on the start date the cadre holds
every qualification code the slot's title `requires`. Not waivable.

A qualification is held plain (always) or from a day on (`{code, from}`, that day included), so the rule
gives each pair a first start: the first start on which every required code is held; a code never held
excludes the pair. The table carries it as a floor of start indices per cadre and group of slots whose
titles require the same codes (`StartFloor`), beside the per-pair window (`pair_window`).
"""

from __future__ import annotations

from datetime import date

import numpy as np

from models.rule_ids import RuleId
from planner.rules.base import GuardKey, PairRule, StartFloor, Window, day_text
from planner.rules.index import ScenarioIndex


def held_from(index: ScenarioIndex, cadre: int, code: str) -> date | None:
    """The first day the cadre holds `code` (`date.min` when held plain), None when never."""
    days = [q.held_from or date.min for q in index.cadres[cadre].qualifications if q.code == code]
    return min(days) if days else None


def first_start(index: ScenarioIndex, cadre: int, required: tuple[str, ...]) -> int:
    """The first start index on which the cadre holds every code of `required`; the number of starts
    when there is none."""
    floor = 0
    for code in required:
        day = held_from(index, cadre, code)
        if day is None:
            return len(index.starts)
        floor = max(
            floor, next((t for t, start in enumerate(index.starts) if start >= day), len(index.starts))
        )
    return floor


def missing_codes(index: ScenarioIndex, cadre: int, slot: int, start: int) -> list[tuple[str, date | None]]:
    """The codes the slot's title requires that the cadre does not hold on `starts[start]`, each with the
    day it is held from (None: never)."""
    required = index.scenario.titles[index.slots[slot].title].requires
    day = index.starts[start]
    found = []
    for code in required:
        since = held_from(index, cadre, code)
        if since is None or since > day:
            found.append((code, since))
    return found


class TitleStandards(PairRule):
    id = RuleId.TITLE_STANDARDS
    clause = "II.2"
    vi = "cán bộ đạt tiêu chuẩn của chức danh (trình độ) vào ngày bắt đầu"
    en = "the cadre meets the title's standards (qualifications) on the start date"

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        """'C12 holds llct_cao_cap from 30/06/2024: the first start it may take o_mon.bi_thu is
        01/07/2024', or 'C12 lacks dai_hoc, required by o_mon.bi_thu', for each pair named."""
        vi, en = [], []
        for _, cadre_id, slot_id in instances:
            if cadre_id is None or slot_id is None:
                continue
            cadre, slot = index.cadre_index[cadre_id], index.slot_index[slot_id]
            required = index.scenario.titles[index.slots[slot].title].requires
            never = [code for code in required if held_from(index, cadre, code) is None]
            if never:
                vi.append(f"{cadre_id} chưa có {', '.join(never)} mà {slot_id} yêu cầu")
                en.append(f"{cadre_id} lacks {', '.join(never)}, required by {slot_id}")
                continue
            later = [
                (code, since) for code in required if (since := held_from(index, cadre, code)) != date.min
            ]
            first = first_start(index, cadre, required)
            held_vi = ", ".join(f"{code} từ ngày {day_text(since)}" for code, since in later if since)
            held_en = ", ".join(f"{code} from {day_text(since)}" for code, since in later if since)
            if first < len(index.starts):
                vi.append(
                    f"{cadre_id} có {held_vi}: ngày bắt đầu sớm nhất nhận {slot_id} là {day_text(index.starts[first])}"
                )
                en.append(
                    f"{cadre_id} holds {held_en}: the first start it may take {slot_id} is {day_text(index.starts[first])}"
                )
            else:
                vi.append(f"{cadre_id} có {held_vi}: sau ngày bắt đầu cuối cùng, không nhận được {slot_id}")
                en.append(f"{cadre_id} holds {held_en}: after the last start, too late for {slot_id}")
        return f"{self.vi} ({'; '.join(vi)})", f"{self.en} ({'; '.join(en)})"

    def pair_window(self, index: ScenarioIndex, cadre: int, slot: int) -> Window | None:
        required = index.scenario.titles[index.slots[slot].title].requires
        floor = first_start(index, cadre, required)
        if floor == 0:
            return None
        return (0, -1) if floor > index.last_start else (floor, index.last_start)

    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        """No start at all: a required code never held, or held only after the last start."""
        required = index.scenario.titles[index.slots[slot].title].requires
        return first_start(index, cadre, required) > index.last_start

    def excluded_cells(self, index: ScenarioIndex) -> StartFloor:
        groups: dict[tuple[str, ...], int] = {(): 0}
        slot_groups = [
            groups.setdefault(index.scenario.titles[slot.title].requires, len(groups)) for slot in index.slots
        ]
        floors = np.zeros((len(index.cadres), len(groups)), dtype=np.int64)
        for required, group in groups.items():
            if required:
                floors[:, group] = [first_start(index, c, required) for c in range(len(index.cadres))]
        return StartFloor(floors, np.array(slot_groups, dtype=np.int64))
