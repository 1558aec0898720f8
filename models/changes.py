"""Single changes to a scenario: what a what-if asks for and what a repair proposes.

A change is data (what it touches, in words a planner reads) plus `apply`, which returns a new frozen
scenario and leaves the original alone. What-ifs (`planner solve --pin/--forbid/--waive`), repairs of an
infeasible scenario and the waiver ledger all speak through these, so a suggested repair can be applied,
recorded in a plan and re-checked exactly as it was described.

In a plan file (`Plan.what_if`, `Repair.change`) a change is the record `{<its fields>, "kind", "text"}`:
fields left unset are omitted, dates are ISO text, and `text` is its bilingual description. `kind` tells
the classes apart when a plan is read back (`Change` is a union discriminated on it); `text` is written
for readers and ignored on reading, since `describe` says it again from the fields.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializationInfo, model_serializer

from models.scenario import Forbid, Pin, Quota, Scenario, Waiver

#: Who a waiver proposed by the planner is attributed to until the competent authority decides.
PROPOSED_BY = "đề xuất / proposed"


class ChangeBase(BaseModel):
    """Frozen like every schema object. Unknown keys of a record are ignored, not refused: `text` is one,
    and a plan written by a later version may describe a change with more."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    def apply(self, scenario: Scenario) -> Scenario:
        raise NotImplementedError

    def describe(self) -> tuple[str, str]:
        """The change in Vietnamese and in English."""
        raise NotImplementedError

    @property
    def text(self) -> str:
        """`vi / en`, as a plan file and the console show it."""
        vi, en = self.describe()
        return f"{vi} / {en}"

    @model_serializer(mode="wrap")
    def _record(self, handler: Any, info: SerializationInfo) -> dict[str, object]:
        """The fields that are set, then the description: the record plan files have always carried."""
        record = {key: value for key, value in handler(self).items() if value is not None}
        return {**record, "text": self.text}


def _replace_cadre(scenario: Scenario, cadre_id: str, **update: object) -> Scenario:
    cadres = tuple(c.model_copy(update=update) if c.id == cadre_id else c for c in scenario.cadres)
    return scenario.model_copy(update={"cadres": cadres})


class AddPin(ChangeBase):
    """Place a cadre; a pin the scenario already has for that cadre gives way (one cadre, one pin)."""

    cadre: str
    slot: str
    start: date | None = None
    kind: Literal["add_pin"] = "add_pin"

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


class AddForbid(ChangeBase):
    cadre: str
    slot: str | None = None
    unit: str | None = None
    kind: Literal["add_forbid"] = "add_forbid"

    def apply(self, scenario: Scenario) -> Scenario:
        forbid = Forbid(cadre=self.cadre, slot=self.slot, unit=self.unit)
        return scenario.model_copy(update={"forbids": (*scenario.forbids, forbid)})

    def describe(self) -> tuple[str, str]:
        target = self.slot or self.unit
        return f"giả định {self.cadre} không nhận {target}", f"suppose {self.cadre} does not go to {target}"


class AddWaiver(ChangeBase):
    cadre: str
    rule: str
    by: str = PROPOSED_BY
    ref: str | None = None
    kind: Literal["add_waiver"] = "add_waiver"

    def apply(self, scenario: Scenario) -> Scenario:
        cadre = next(c for c in scenario.cadres if c.id == self.cadre)
        waiver = Waiver(rule=self.rule, by=self.by, ref=self.ref)
        return _replace_cadre(scenario, self.cadre, waivers=(*cadre.waivers, waiver))

    def describe(self) -> tuple[str, str]:
        return (
            f"miễn trừ quy định {self.rule} cho {self.cadre}",
            f"waive {self.rule} for {self.cadre}",
        )


class DropPin(ChangeBase):
    cadre: str
    slot: str
    kind: Literal["drop_pin"] = "drop_pin"

    def apply(self, scenario: Scenario) -> Scenario:
        pins = tuple(p for p in scenario.pins if (p.cadre, p.slot) != (self.cadre, self.slot))
        return scenario.model_copy(update={"pins": pins})

    def describe(self) -> tuple[str, str]:
        return (
            f"bỏ chỉ định {self.cadre} vào {self.slot}",
            f"drop the pin of {self.cadre} to {self.slot}",
        )


class DropForbid(ChangeBase):
    cadre: str
    slot: str | None = None
    unit: str | None = None
    kind: Literal["drop_forbid"] = "drop_forbid"

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


class QuotaBound(ChangeBase):
    """Move one end of the quota: `max` up or `min` down."""

    bound: Literal["min", "max"]
    value: int
    kind: Literal["quota"] = "quota"

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


class PaceCap(ChangeBase):
    value: int
    kind: Literal["pace"] = "pace"

    def apply(self, scenario: Scenario) -> Scenario:
        rules = scenario.rules.model_copy(update={"max_starts_per_quarter": self.value})
        return scenario.model_copy(update={"rules": rules})

    def describe(self) -> tuple[str, str]:
        return (
            f"cho phép tối đa {self.value} người bắt đầu mỗi quý",
            f"allow up to {self.value} start{'' if self.value == 1 else 's'} per quarter",
        )


class YouthCap(ChangeBase):
    value: int
    kind: Literal["youth_heads"] = "youth_heads"

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


class FillByLater(ChangeBase):
    slot: str
    fill_by: date
    kind: Literal["fill_by"] = "fill_by"

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


class MinReady(ChangeBase):
    """Lower the `min_ready` of one pool title (CONTRACT §6.3): the repair `bench_strength` allows."""

    pool: str
    value: int
    kind: Literal["min_ready"] = "min_ready"

    def apply(self, scenario: Scenario) -> Scenario:
        pool = tuple(
            p.model_copy(update={"min_ready": self.value}) if p.id == self.pool else p for p in scenario.pool
        )
        return scenario.model_copy(update={"pool": pool})

    def describe(self) -> tuple[str, str]:
        return (
            f"hạ số người sẵn sàng tối thiểu cho {self.pool} xuống {self.value}",
            f"lower min_ready of {self.pool} to {self.value}",
        )


class AfterHorizon(ChangeBase):
    """Move `after_rotation.horizon` later (CONTRACT §6.4): fewer rotations then need a placement after
    them. A repair `after_placement` allows."""

    horizon: date
    kind: Literal["after_horizon"] = "after_horizon"

    def apply(self, scenario: Scenario) -> Scenario:
        if scenario.after_rotation is None:
            return scenario
        after = scenario.after_rotation.model_copy(update={"horizon": self.horizon})
        return scenario.model_copy(update={"after_rotation": after})

    def describe(self) -> tuple[str, str]:
        day = self.horizon.strftime("%d/%m/%Y")
        return (
            f"dời mốc bố trí sau luân chuyển đến {day}",
            f"move the after-rotation horizon to {day}",
        )


class MayStay(ChangeBase):
    """Let the cadre rotated into `slot` stay there after the rotation (`may_stay`, CONTRACT §6.4): a
    repair `after_placement` allows."""

    slot: str
    kind: Literal["may_stay"] = "may_stay"

    def apply(self, scenario: Scenario) -> Scenario:
        slots = tuple(
            s.model_copy(update={"may_stay": True}) if s.id == self.slot else s for s in scenario.slots
        )
        return scenario.model_copy(update={"slots": slots})

    def describe(self) -> tuple[str, str]:
        return (
            f"cho phép cán bộ luân chuyển đến {self.slot} ở lại sau luân chuyển",
            f"let the cadre rotated into {self.slot} stay there after the rotation",
        )


#: Any one change; in a plan file, its `kind` says which.
Change = Annotated[
    AddPin
    | AddForbid
    | AddWaiver
    | DropPin
    | DropForbid
    | QuotaBound
    | PaceCap
    | YouthCap
    | FillByLater
    | MinReady
    | AfterHorizon
    | MayStay,
    Field(discriminator="kind"),
]


def apply_changes(scenario: Scenario, changes: list[Change] | tuple[Change, ...]) -> Scenario:
    for change in changes:
        scenario = change.apply(scenario)
    return scenario
