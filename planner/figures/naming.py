"""How a cadre is shown to a reader: full name and current post for review, or, redacted, nothing that
identifies the person: the id, with the current post as its title level and unit kind only.

Every figure and report takes the labels and posts as data (`cadre_labels`, `cadre_posts`), so `--redact`
is decided in one place and no figure ever reads `Cadre.name` itself. Redacted output carries no name (not
even initials: with a unit and a level they single a person out), no birth date and no date derived from
it (the retirement date), and no current post by name (a unit's chairman is one known person).
"""

from __future__ import annotations

import html

from models.scenario import Scenario

#: Unit kinds as a reader knows them, Vietnamese first.
KIND_LABELS: dict[str, str] = {
    "district": "Quận, huyện / District",
    "commune": "Xã, phường / Commune",
    "department": "Sở, ngành / Department",
    "party_committee": "Đảng ủy trực thuộc / Party committee",
}

#: Title levels as a reader knows them, Vietnamese first.
LEVEL_LABELS: dict[str, str] = {"head": "Cấp trưởng / Head", "deputy": "Cấp phó / Deputy"}

NO_CURRENT_POST = "Chưa giữ chức vụ / No current post"
UNKNOWN = "Không rõ / Unknown"
#: What a redacted report shows where a name was.
REDACTED = "(ẩn / redacted)"


def cadre_names(scenario: Scenario, redact: bool) -> dict[str, str]:
    """Cadre id -> the name a report shows: the full name, or `REDACTED`."""
    return {c.id: REDACTED if redact else c.name for c in scenario.cadres}


def cadre_labels(scenario: Scenario, redact: bool) -> dict[str, str]:
    """Cadre id -> the text a figure shows for that cadre: `C001 — full name`, or `C001` redacted."""
    if redact:
        return {c.id: c.id for c in scenario.cadres}
    return {c.id: f"{c.id} — {c.name}" for c in scenario.cadres}


def cadre_posts(scenario: Scenario, redact: bool) -> dict[str, str]:
    """Cadre id -> the current post a report shows: `title — unit` by name, or, redacted, the title level
    and unit kind (`Cấp trưởng / Head — Quận, huyện / District`); '' for a cadre without one."""
    units = {u.id: u for u in scenario.units}
    posts = {}
    for c in scenario.cadres:
        if c.current is None:
            posts[c.id] = ""
            continue
        title, unit = scenario.titles[c.current.title], units[c.current.unit]
        if redact:
            posts[c.id] = f"{LEVEL_LABELS[title.level]} — {KIND_LABELS[unit.kind]}"
        else:
            posts[c.id] = f"{title.name} — {unit.name}"
    return posts


def markup_safe(text: object) -> str:
    """Text for plotly labels and hover boxes, which read a subset of HTML: escaped, so shown as written."""
    return html.escape(str(text), quote=False)
