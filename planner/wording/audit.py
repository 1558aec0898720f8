"""An audit entry as a sentence a reader can follow ("hoa (người phê duyệt / approver) đã duyệt bố trí
C01 (Lê Hoàng Phúc) → phong_dien.chu_tich từ 01/07/2023 ...") instead of its canonical JSON.

The sentence is for the signed-in reader of the review app: it may name a cadre beside the id (`names`),
which the console and the logs never do. An action this module does not know yet reads as its details,
key by key, never as JSON. Loaded on first use (`planner.wording.__getattr__`), as `rules.py` is: it
reads the words of `planner.wording`, which re-exports it, so it is not imported there.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from planner.wording.basic import STATUS_WORDS, Words
from planner.wording.workspace import DECISION_KIND_WORDS, NONE_WORDS, date_text, plan_name


def audit_sentence(
    user: str,
    action: str,
    target: str,
    details: str,
    roles: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    posts: Mapping[str, str] | None = None,
) -> str:
    """What `user` did, in words (Vietnamese / English). `details` is the entry's JSON; `roles` gives a
    role code's Vietnamese (`planner.workspace.ROLE_VI` by name), `names` a cadre's name by id, `posts` a
    post's title and unit by id ("Bí thư quận ủy, huyện ủy — Quận Ninh Kiều")."""
    try:
        facts = json.loads(details) if details else {}
    except ValueError:
        facts = {}
    if not isinstance(facts, dict):
        facts = {}
    roles, names = roles or {}, names or {}
    vi, en = _sentence(action, target, facts, roles, names, posts or {})
    return f"{user} {vi} / {user} {en}"


def _role(code: object, roles: Mapping[str, str]) -> str:
    """A role's Vietnamese (the English half names the code itself)."""
    return roles.get(str(code), str(code))


def _cadre(cadre: str, names: Mapping[str, str]) -> str:
    return f"{cadre} ({names[cadre]})" if cadre in names else cadre


def _number(target: str) -> str:
    """`plan:3` gives `3`."""
    return target.partition(":")[2] or target


def _sentence(
    action: str,
    target: str,
    facts: dict,
    roles: Mapping[str, str],
    names: Mapping[str, str],
    posts: Mapping[str, str],
) -> Words:
    name = str(facts.get("name", ""))
    if action == "init":
        return (
            f"đã khởi tạo sổ làm việc, quản trị: {facts.get('admin')}",
            f"created the workspace, admin {facts.get('admin')}",
        )
    if action == "user add":
        return (
            f"đã thêm người dùng {name}, vai trò {_role(facts.get('role'), roles)}",
            f"added the user {name} as {facts.get('role')}",
        )
    if action == "user password":
        return f"đã đặt mật khẩu cho {name}", f"set the password of {name}"
    if action == "user role":
        return (
            f"đã đổi vai trò của {name} thành {_role(facts.get('role'), roles)}",
            f"changed the role of {name} to {facts.get('role')}",
        )
    if action == "import":
        return (
            f"đã nhập kịch bản {facts.get('file')} thành phiên bản {_number(target)}",
            f"imported {facts.get('file')} as version {_number(target)}",
        )
    if action == "event add":
        ref = facts.get("ref")
        day = date_text(str(facts.get("date") or ""))
        return (
            f"đã ghi sự kiện ngày {day}{f' (số {ref})' if ref else ''}, thành phiên bản {facts.get('version')}",
            f"recorded an event of {day}{f' (ref {ref})' if ref else ''}, making version {facts.get('version')}",
        )
    if action in ("solve", "replan"):
        plan_id = int(_number(target)) if _number(target).isdigit() else 0
        label = str(facts.get("label") or ("lập lại / re-plan" if action == "replan" else "?"))
        shown = plan_name(plan_id, label, facts.get("as_of"))
        status = STATUS_WORDS.get(str(facts.get("status")), (str(facts.get("status")),) * 2)
        none_vi, none_en = NONE_WORDS
        objective = facts.get("objective")
        number = "" if objective is None else f"{objective:g}"
        name_vi, name_en = shown.split(" / ", 1)
        verb = ("đã lập lại", "re-planned") if action == "replan" else ("đã lập", "made")
        return (
            f"{verb[0]} {name_vi[0].lower()}{name_vi[1:]}: {status[0].lower()}, mục tiêu {number or none_vi}",
            f"{verb[1]} {name_en}: {status[1].lower()}, objective {number or none_en}",
        )
    if action == "decide":
        plan, _, cadre = target.partition("/")
        kind = str(facts.get("kind"))
        did = DECISION_KIND_WORDS.get(kind, (kind, kind))
        role = facts.get("role")
        by_vi, by_en = (f" ({_role(role, roles)})", f" ({role})") if role else ("", "")
        start = date_text(str(facts.get("start") or ""))
        post = posts.get(str(facts.get("slot")), facts.get("slot"))
        where = f"{_cadre(cadre, names)} → {post}" + (f" từ {start}" if start else "")
        where_en = f"{_cadre(cadre, names)} → {post}" + (f" from {start}" if start else "")
        reason = f": “{facts['reason']}”" if facts.get("reason") else ""
        ref, until = facts.get("ref"), date_text(str(facts.get("until") or ""))
        more_vi = (f", đến {until}" if until else "") + (f", số {ref}" if ref else "")
        more_en = (f", until {until}" if until else "") + (f", no. {ref}" if ref else "")
        number = _number(plan)
        return (
            f"{by_vi.strip()} {did[0]} bố trí {where} (phương án {number}){more_vi}{reason}".strip(),
            f"{by_en.strip()} {did[1]} the placement {where_en} (plan {number}){more_en}{reason}".strip(),
        )
    listed = "; ".join(f"{key}: {_plain(value)}" for key, value in facts.items())
    return f"{action} {target} ({listed})", f"{action} {target} ({listed})"


def _plain(value: object) -> str:
    """A detail's value as plain words: a list joined, a mapping as key: value, nothing as `—`."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) or "—"
    return str(value)
