"""The pages speak the reader's words (issue 23, item 1): labelled key figures, statuses, kinds and
states in Vietnamese with English beside them, dates as dd/mm/yyyy in Vietnam time, plans named by what
they are, audit entries as sentences; no solver codes, file names, ISO timestamps or raw JSON."""

from __future__ import annotations

import html
import json
import re
from types import SimpleNamespace

from planner import SolveOptions
from planner.web.jobs import Job
from planner.wording import (
    JOB_STATE_WORDS,
    KPI_WORDS,
    STATUS_WORDS,
    audit_sentence,
    both,
    date_text,
    number_text,
    plan_name,
    ref_words,
    time_text,
    words_of,
)
from planner.workspace import DecisionInput, Workspace
from tests.support.paths import ROOT
from tests.web.conftest import SOLVE, infeasible_what_if, log_in

QUICK = SolveOptions(**SOLVE)

#: An ISO timestamp as the workspace stores it (`2026-12-06T02:10:46.737571Z`).
ISO_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def _text(page: str) -> str:
    """What a reader sees: the page without its tags and the figures' data."""
    page = re.sub(r'data-figure="[^"]*"', "", page)
    return re.sub(r"<[^>]+>", " ", page)


def test_the_key_figures_are_labelled(client) -> None:
    log_in(client, "tuan")
    page = client.get("/plans/1").text
    section = page[page.index('id="kpis"') :]
    section = section[: section.index("</section>")]
    for words in KPI_WORDS.values():
        assert f'<th scope="row">{both(words)}</th>' in section
    assert "plan.json" not in section


def _no_codes(text: str, where: str) -> None:
    """No solver status, file name, stored timestamp or bare plan kind a reader would have to decode."""
    for code in ("OPTIMAL", "FEASIBLE", "plan.json", "as-of", "None"):
        assert code not in text, (where, code)
    assert not ISO_TIMESTAMP.search(text), (where, ISO_TIMESTAMP.search(text))
    assert not re.search(r"\b(plan|version):\d", text), (where, re.search(r"\b(plan|version):\d", text))
    assert not re.search(r">\s*(solve|replan|alternative|variant|starting|running|done)\s*<", text), where


def test_the_words_of_a_workspace() -> None:
    assert time_text("2026-12-06T02:10:46.737571Z") == "06/12/2026 09:10"  # UTC+7
    assert time_text("2026-12-06T20:00:00Z") == "07/12/2026 03:00"  # the next day in Vietnam
    assert date_text("2024-01-01") == "01/01/2024" and date_text("not a date") == "not a date"
    assert plan_name(3, "gốc / base") == "Phương án 3 · gốc / plan 3 · base"
    assert (
        plan_name(4, "gốc / base · thay thế / alternative 2")
        == "Phương án 4 · gốc · thay thế / plan 4 · base · alternative 2"
    )
    assert (
        plan_name(5, "lập lại / re-plan", "2024-01-01")
        == "Phương án 5 · lập lại từ 01/01/2024 / plan 5 · re-plan as of 01/01/2024"
    )
    assert plan_name(6, "giả định / what-if", what_if=("cấm C09",)).endswith("what-if (cấm C09)")
    assert plan_name(7, "plan.json") == "Phương án 7 · plan.json / plan 7 · plan.json"  # stored before labels
    assert both(STATUS_WORDS["OPTIMAL"]) == "Tối ưu / Optimal"
    assert words_of(JOB_STATE_WORDS, "running") == "đang giải / running"
    assert number_text(None) == "không có / none" and number_text(385.0) == "385"
    assert (
        ref_words("plan:3") == "Phương án 3 / plan 3" and ref_words("version:1") == "Phiên bản 1 / version 1"
    )
    assert ref_words("plan:1/C02") == "Phương án 1 · C02 / plan 1 · C02"
    assert ref_words("workspace") == "Không gian làm việc / workspace" and ref_words("plan:x") == "plan:x"


def test_the_plans_and_a_plan_in_words(client, sqlite_url) -> None:
    workspace = Workspace.open(sqlite_url)
    try:
        cadre = workspace.placements(1)[0].cadre
        workspace.decide("hoa", 1, cadre, DecisionInput("approve", "Đồng ý"))
        record, _ = workspace.replan("minh", 1, "2023-04-01", QUICK)
    finally:
        workspace.dispose()
    what_if = infeasible_what_if(sqlite_url)
    log_in(client, "tuan")
    plans = _text(client.get("/plans").text)
    _no_codes(plans, "/plans")
    assert "Phương án 1 · gốc / plan 1 · base" in plans
    assert (
        f"Phương án {record.id} · lập lại từ 01/04/2023 / plan {record.id} · re-plan as of 01/04/2023"
        in plans
    )
    assert f"Phương án {what_if} · giả định / plan {what_if} · what-if (" in plans
    assert "Tối ưu / Optimal" in plans and "Không khả thi / Infeasible" in plans
    assert "lời giải / solve" in plans and "lập lại / re-plan" in plans
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", plans)
    page = _text(client.get("/plans/1").text)
    _no_codes(page, "/plans/1")
    assert "Phương án 1 · gốc / plan 1 · base" in page
    assert "đã duyệt / approved" in page and "người phê duyệt / approver" in page
    assert "01/01/2023" in page and "2023-01-01" not in page  # the placements' start dates
    versions = _text(client.get("/versions").text)
    _no_codes(versions, "/versions")
    assert "Phiên bản 1 / version 1" in versions  # the command line's `version:1`, in words
    diff = _text(client.get("/diff", params={"a": "plan:1", "b": f"plan:{what_if}"}).text)
    _no_codes(diff, "/diff")
    assert "Tối ưu / Optimal → Không khả thi / Infeasible" in diff and "[placements]" not in diff
    assert "→ None" not in diff


def test_a_job_page_says_its_state_in_words(app, client) -> None:
    """A job as the server keeps it (put in directly: the page is what is tested, not the solve)."""
    jobs = app.state.web.jobs
    jobs._jobs[41] = Job(
        id=41,
        kind="whatif",
        user="minh",
        plan_id=1,
        state="running",
        best=385.0,
        cancel=SimpleNamespace(value=0),
    )
    log_in(client, "minh")
    page = client.get("/jobs/41").text
    _no_codes(_text(page), "/jobs/41")
    assert "đang giải / running · tốt nhất / best 385" in page
    assert "phương án / plan 1" in page
    states = re.search(r'data-states="([^"]*)"', page)[1]
    assert json.loads(html.unescape(states))["cancelled"] == "đã hủy / cancelled"


def test_the_audit_page_tells_each_entry_as_a_sentence(client, sqlite_url) -> None:
    workspace = Workspace.open(sqlite_url)
    try:
        placement = workspace.placements(1)[0]
        stored = workspace.plan(1)
        workspace.decide("hoa", 1, placement.cadre, DecisionInput("reject", "Chưa đủ thời gian"))
    finally:
        workspace.dispose()
    name = next(c.name for c in stored.scenario.cadres if c.id == placement.cadre)
    slot = next(s for s in stored.scenario.slots if s.id == placement.slot)
    unit = next(u.name for u in stored.scenario.units if u.id == slot.unit)
    post = f"{stored.scenario.titles[slot.title].name} — {unit}"  # the post by its title and unit
    log_in(client, "tuan")
    page = _text(client.get("/audit").text)
    _no_codes(page, "/audit")
    assert '{"' not in page and "&#34;" not in page
    assert (
        f"hoa (người phê duyệt) không duyệt bố trí {placement.cadre} ({name}) → {post}"
        f" từ {date_text(placement.start)} (phương án 1): “Chưa đủ thời gian”" in page
    )
    assert f"hoa (approver) rejected the placement {placement.cadre} ({name})" in page
    assert "minh đã lập phương án 1 · gốc: tối ưu" in page and "minh made plan 1 · base: optimal" in page
    assert "lan đã thêm người dùng tuan, vai trò người xem / lan added the user tuan as viewer" in page
    assert "đã nhập kịch bản contract-example.yaml thành phiên bản 1" in page


def test_an_audit_action_not_worded_yet_reads_as_its_details() -> None:
    sentence = audit_sentence("lan", "user remove", "user:5", '{"name":"tuan","roles":["viewer"],"x":null}')
    assert sentence == "lan user remove user:5 (name: tuan; roles: viewer; x: —) / " + (
        "lan user remove user:5 (name: tuan; roles: viewer; x: —)"
    )
    assert "{" not in audit_sentence("lan", "init", "workspace", "not json")


def test_an_error_page_names_the_form_field_in_words(client) -> None:
    """A refused decision says "Lý do / Reason: ..." (the form's label), not the field code `reason:`, in
    the placement's form (issue 23, item 3); the code stays in a data- attribute for scripts and tests,
    and the API keeps it."""
    csrf = log_in(client, "hoa")
    cadre = client.get("/api/plans/1").json()["placements"][0]["cadre"]
    form = {"csrf": csrf, "cadre": cadre, "decision": "reject", "reason": ""}
    page = client.post("/plans/1/decisions", data=form)
    assert page.status_code == 422
    message = re.search(rf'id="decide-error-{cadre}" data-field="reason">(.*?)</p>', page.text)[1]
    assert message.startswith("Lý do / Reason: cần lý do / a reason is needed"), message
    api = client.post(
        "/api/plans/1/decisions",
        json={"cadre": cadre, "decision": "reject", "reason": ""},
        headers={"X-CSRF-Token": csrf},
    )
    assert api.status_code == 422 and api.json()["field"] == "reason"
    missing = client.get("/plans/999")  # a 404 names its field in words too, not `plan_id:`
    message = re.search(r'id="error-message" data-field="plan_id">(.*?)</p>', missing.text)[1]
    assert missing.status_code == 404 and message.startswith("Phương án / Plan: không có phương án này"), (
        message
    )


CSS = ROOT / "planner" / "web" / "static" / "app.css"


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """Each rule of the style sheet as (selector, {property: value})."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip())
            for name, _, value in (d.partition(":") for d in body.split(";"))
            if value.strip()
        )
        rules.append((selector.strip(), declarations))
    return rules


def _luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two `#rrggbb` colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colour(value: str) -> str | None:
    found = re.search(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", value)
    return found[0] if found else None


def test_text_colours_meet_wcag_aa_on_every_background() -> None:
    """Each text colour against every background it may sit on: the header's own, its button's (the
    log-out button's English once sat light pink on the button's light grey), or any other."""
    rules = _rules(CSS.read_text(encoding="utf-8"))
    header = {_colour(d["background"]) for s, d in rules if s == "header"}
    button = {_colour(d["background"]) for s, d in rules if s == "header button"}
    assert button == {"#ffffff"}, "the header's button needs a background of its own"
    backgrounds = {
        _colour(d.get("background", d.get("background-color", "")))
        for s, d in rules
        if not s.startswith("header")
    } - {None}
    assert "#fbfbfd" in backgrounds and "#eef1f4" in backgrounds
    for selector, declarations in rules:
        text = _colour(declarations.get("color", ""))
        if text is None:
            continue
        if selector.startswith("header button"):
            under = button
        else:
            under = header if selector.startswith("header") else backgrounds
        for background in under:
            assert background is not None
            assert contrast(text, background) >= 4.5, (selector, text, background)
    assert round(contrast("#6b7785", "#fbfbfd"), 2) == 4.41  # the grey this replaced: below AA


def test_words_are_never_set_in_a_monospace_font() -> None:
    """Chromium's default monospace drops Vietnamese tone marks: the progress line and the audit's
    sentences use the page's proportional fonts, numbers aligned by tabular figures."""
    rules: dict[str, dict[str, str]] = {}
    for selector, declarations in _rules(CSS.read_text(encoding="utf-8")):  # later rules (print) add to
        rules.setdefault(selector, {}).update(declarations)  # the earlier ones, as the cascade does
    assert "monospace" not in rules[".progress"].get("font-family", "")
    assert "tabular-nums" in rules[".progress"]["font-variant-numeric"]
    assert "monospace" not in rules["td.details"].get("font-family", "")
    assert "Roboto" in rules["body"]["font-family"] and "Noto Sans" in rules["body"]["font-family"]
