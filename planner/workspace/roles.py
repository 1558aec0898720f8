"""Who may do what: the roles matrix, enforced by the service for every command (not by the CLI).

| action | viewer | planner | approver | admin |
| --- | --- | --- | --- | --- |
| read: history, diff, export, audit verify, show | yes | yes | yes | yes |
| import a scenario, add an event, solve, re-plan | | yes | yes | yes |
| decide: propose, defer, comment | | yes | yes | yes |
| decide: approve, reject, decided (an issued act) | | | yes | yes |
| add users | | | | yes |

Each role holds the one before it; an admin may do everything (a small office has few people).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

from planner.workspace.errors import BadInput, PermissionDenied


class Role(IntEnum):
    viewer = 0
    planner = 1
    approver = 2
    admin = 3


class Action(StrEnum):
    read = "read"
    import_scenario = "import"
    add_event = "event add"
    solve = "solve"
    replan = "replan"
    propose = "propose"
    defer = "defer"
    comment = "comment"
    approve = "approve"
    reject = "reject"
    decided = "decided"
    add_user = "user add"


#: The lowest role that may take each action.
LOWEST_ROLE: dict[Action, Role] = {
    Action.read: Role.viewer,
    Action.import_scenario: Role.planner,
    Action.add_event: Role.planner,
    Action.solve: Role.planner,
    Action.replan: Role.planner,
    Action.propose: Role.planner,
    Action.defer: Role.planner,
    Action.comment: Role.planner,
    Action.approve: Role.approver,
    Action.reject: Role.approver,
    Action.decided: Role.approver,
    Action.add_user: Role.admin,
}

ROLE_VI = {
    Role.viewer: "người xem",
    Role.planner: "người lập kế hoạch",
    Role.approver: "người phê duyệt",
    Role.admin: "quản trị",
}


#: Each action as a refusal names it: (Vietnamese, English).
ACTION_WORDS: dict[Action, tuple[str, str]] = {
    Action.read: ("xem", "read"),
    Action.import_scenario: ("nhập kịch bản", "import a scenario"),
    Action.add_event: ("ghi sự kiện", "add an event"),
    Action.solve: ("giải", "solve"),
    Action.replan: ("lập lại phương án", "re-plan"),
    Action.propose: ("đề xuất", "propose"),
    Action.defer: ("hoãn", "defer"),
    Action.comment: ("nhận xét", "comment"),
    Action.approve: ("duyệt", "approve"),
    Action.reject: ("không duyệt", "reject"),
    Action.decided: ("ghi quyết định đã ban hành", "record an issued decision"),
    Action.add_user: ("thêm người dùng", "add users"),
}


def parse_role(text: str) -> Role:
    try:
        return Role[text]
    except KeyError:
        known = ", ".join(r.name for r in Role)
        raise BadInput(
            f"vai trò không có, chọn một trong {known}",
            f"unknown role, choose one of {known}",
            "role",
            text,
        ) from None


def require(user_name: str, role: Role, action: Action) -> None:
    """Raise `PermissionDenied` unless `role` may take `action`."""
    needed = LOWEST_ROLE[action]
    if role < needed:
        vi, en = ACTION_WORDS[action]
        raise PermissionDenied(
            f"người dùng {user_name} ({ROLE_VI[role]}) không được {vi}: cần vai trò {ROLE_VI[needed]} trở lên",
            f"user {user_name} ({role.name}) may not {en}: it needs the role {needed.name} or above",
        )
