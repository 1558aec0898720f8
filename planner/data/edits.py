"""Single changes to a scenario: what a what-if asks for and what a repair proposes.

A change is data (what it touches, in words a planner reads) plus `apply`, which returns a new frozen
scenario and leaves the original alone. What-ifs (`planner solve --pin/--forbid/--waive`), repairs of an
infeasible scenario and the waiver ledger all speak through these, so a suggested repair can be applied,
recorded in a plan and re-checked exactly as it was described.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from models.scenario import Forbid, Pin, Quota, Scenario, Waiver

#: Who a waiver proposed by the planner is attributed to until the competent authority decides.
PROPOSED_BY = "đề xuất / proposed"


def _replace_cadre(scenario: Scenario, cadre_id: str, **update) -> Scenario:
    cadres = tuple(c.model_copy(update=update) if c.id == cadre_id else c for c in scenario.cadres)
    return scenario.model_copy(update={"cadres": cadres})


@dataclass(frozen=True)
class AddPin:
    """Place a cadre; a pin the scenario already has for that cadre gives way (one cadre, one pin)."""

    cadre: str
    slot: str
    start: date | None = None
    kind: str = "add_pin"

    def apply(self, scenario: Scenario) -> Scenario:
        pin = Pin(cadre=self.cadre, slot=self.slot, start=self.start)
        kept = tuple(p for p in scenario.pins if p.cadre != self.cadre)
        return scenario.model_copy(update={"pins": (*kept, pin)})

    def describe(self) -> tuple[str, str]:
        when = f" từ {self.start}" if self.start else ""
        when_en = f" from {self.start}" if self.start else ""
        return (
            f"giả định {self.cadre} nhận {self.slot}{when}",
            f"suppose {self.cadre} takes {self.slot}{when_en}",
        )


@dataclass(frozen=True)
class AddForbid:
    cadre: str
    slot: str | None = None
    unit: str | None = None
    kind: str = "add_forbid"

    def apply(self, scenario: Scenario) -> Scenario:
        forbid = Forbid(cadre=self.cadre, slot=self.slot, unit=self.unit)
        return scenario.model_copy(update={"forbids": (*scenario.forbids, forbid)})

    def describe(self) -> tuple[str, str]:
        target = self.slot or self.unit
        return f"giả định {self.cadre} không nhận {target}", f"suppose {self.cadre} does not go to {target}"


@dataclass(frozen=True)
class AddWaiver:
    cadre: str
    rule: str
    by: str = PROPOSED_BY
    ref: str | None = None
    kind: str = "add_waiver"

    def apply(self, scenario: Scenario) -> Scenario:
        cadre = next(c for c in scenario.cadres if c.id == self.cadre)
        waiver = Waiver(rule=self.rule, by=self.by, ref=self.ref)
        return _replace_cadre(scenario, self.cadre, waivers=(*cadre.waivers, waiver))

    def describe(self) -> tuple[str, str]:
        return (
            f"miễn trừ quy định {self.rule} cho {self.cadre}",
            f"waive {self.rule} for {self.cadre}",
        )


@dataclass(frozen=True)
class DropPin:
    cadre: str
    slot: str
    kind: str = "drop_pin"

    def apply(self, scenario: Scenario) -> Scenario:
        pins = tuple(p for p in scenario.pins if (p.cadre, p.slot) != (self.cadre, self.slot))
        return scenario.model_copy(update={"pins": pins})

    def describe(self) -> tuple[str, str]:
        return (
            f"bỏ chỉ định {self.cadre} vào {self.slot}",
            f"drop the pin of {self.cadre} to {self.slot}",
        )


@dataclass(frozen=True)
class DropForbid:
    cadre: str
    slot: str | None = None
    unit: str | None = None
    kind: str = "drop_forbid"

    def apply(self, scenario: Scenario) -> Scenario:
        key = (self.cadre, self.slot, self.unit)
        forbids = tuple(f for f in scenario.forbids if (f.cadre, f.slot, f.unit) != key)
        return scenario.model_copy(update={"forbids": forbids})

    def describe(self) -> tuple[str, str]:
        target = self.slot or self.unit
        return (
            f"bỏ điều cấm {self.cadre} nhận {target}",
            f"drop the ban on {self.cadre} going to {target}",
        )


@dataclass(frozen=True)
class QuotaBound:
    """Move one end of the quota: `max` up or `min` down."""

    bound: str
    value: int
    kind: str = "quota"

    def apply(self, scenario: Scenario) -> Scenario:
        quota = scenario.rules.quota
        new = (
            Quota(min=self.value, max=quota.max)
            if self.bound == "min"
            else Quota(min=quota.min, max=self.value)
        )
        return scenario.model_copy(update={"rules": scenario.rules.model_copy(update={"quota": new})})

    def describe(self) -> tuple[str, str]:
        if self.bound == "max":
            return f"nâng hạn mức tối đa lên {self.value} người", f"raise the quota maximum to {self.value}"
        return f"hạ hạn mức tối thiểu xuống {self.value} người", f"lower the quota minimum to {self.value}"


@dataclass(frozen=True)
class PaceCap:
    value: int
    kind: str = "pace"

    def apply(self, scenario: Scenario) -> Scenario:
        rules = scenario.rules.model_copy(update={"max_starts_per_quarter": self.value})
        return scenario.model_copy(update={"rules": rules})

    def describe(self) -> tuple[str, str]:
        return (
            f"cho phép tối đa {self.value} người bắt đầu mỗi quý",
            f"allow up to {self.value} start{'' if self.value == 1 else 's'} per quarter",
        )


@dataclass(frozen=True)
class YouthCap:
    value: int
    kind: str = "youth_heads"

    def apply(self, scenario: Scenario) -> Scenario:
        youth = scenario.rules.youth.model_copy(update={"max_heads": self.value})
        rules = scenario.rules.model_copy(update={"youth": youth})
        return scenario.model_copy(update={"rules": rules})

    def describe(self) -> tuple[str, str]:
        plural = "" if self.value == 1 else "s"
        return (
            f"cho phép tối đa {self.value} cán bộ trẻ giữ chức cấp trưởng",
            f"allow up to {self.value} young cadre{plural} as head{plural}",
        )


@dataclass(frozen=True)
class FillByLater:
    slot: str
    fill_by: date
    kind: str = "fill_by"

    def apply(self, scenario: Scenario) -> Scenario:
        slots = tuple(
            s.model_copy(update={"fill_by": self.fill_by}) if s.id == self.slot else s for s in scenario.slots
        )
        return scenario.model_copy(update={"slots": slots})

    def describe(self) -> tuple[str, str]:
        return (
            f"lùi hạn bố trí {self.slot} đến {self.fill_by}",
            f"move the fill-by date of {self.slot} to {self.fill_by}",
        )


Change = AddPin | AddForbid | AddWaiver | DropPin | DropForbid | QuotaBound | PaceCap | YouthCap | FillByLater


def change_record(change: Change) -> dict[str, object]:
    """The change as plain data for a plan file, with its bilingual description."""
    record = {
        k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(change).items() if v is not None
    }
    vi, en = change.describe()
    return {**record, "text": f"{vi} / {en}"}


_KINDS: dict[str, type] = {
    kind.kind: kind
    for kind in (
        AddPin,
        AddForbid,
        AddWaiver,
        DropPin,
        DropForbid,
        QuotaBound,
        PaceCap,
        YouthCap,
        FillByLater,
    )
}


def change_from_record(record: dict[str, object]) -> Change:
    """The change a `change_record` describes, so that a repair read from a plan file can be applied."""
    kind = _KINDS[str(record["kind"])]
    fields = {f for f in kind.__dataclass_fields__ if f != "kind"}
    values = {k: v for k, v in record.items() if k in fields}
    for name in ("start", "fill_by"):
        if isinstance(values.get(name), str):
            values[name] = date.fromisoformat(values[name])
    return kind(**values)


def apply_changes(scenario: Scenario, changes: list[Change] | tuple[Change, ...]) -> Scenario:
    for change in changes:
        scenario = change.apply(scenario)
    return scenario
