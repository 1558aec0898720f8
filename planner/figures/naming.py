"""How a cadre is shown to a reader: full name for review, or id and initials when redacted.

Every figure and report takes the labels as data (`cadre_labels`), so `--redact` is decided in one place
and no figure ever reads `Cadre.name` itself.
"""

from __future__ import annotations

import html

from models.scenario import Scenario

#: Unit kinds as a reader knows them, Vietnamese first.
KIND_LABELS: dict[str, str] = {
    "district": "Quận, huyện / District",
    "department": "Sở, ngành / Department",
    "party_committee": "Đảng ủy trực thuộc / Party committee",
}

NO_CURRENT_POST = "Chưa giữ chức vụ / No current post"
UNKNOWN = "Không rõ / Unknown"


def initials(name: str) -> str:
    """`Nguyễn Văn An` -> `N.V.A.`: enough to recognise a colleague, not to identify a stranger."""
    return "".join(f"{word[0].upper()}." for word in name.split() if word[:1].isalpha())


def cadre_names(scenario: Scenario, redact: bool) -> dict[str, str]:
    """Cadre id -> the name a report shows: the full name, or only its initials when redacted."""
    return {c.id: initials(c.name) if redact else c.name for c in scenario.cadres}


def cadre_labels(scenario: Scenario, redact: bool) -> dict[str, str]:
    """Cadre id -> the text a figure shows for that cadre: `C001 — full name`, or `C001 (N.V.A.)`."""
    names = cadre_names(scenario, redact)
    if redact:
        return {cadre: f"{cadre} ({name})" if name else cadre for cadre, name in names.items()}
    return {cadre: f"{cadre} — {name}" for cadre, name in names.items()}


def markup_safe(text: object) -> str:
    """Text for plotly labels and hover boxes, which read a subset of HTML: escaped, so shown as written."""
    return html.escape(str(text), quote=False)
