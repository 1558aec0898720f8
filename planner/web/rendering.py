"""Pages from templates: one Jinja2 environment, autoescaping every value (no template marks data safe).

Every page gets the caller (their name, role and CSRF token for its forms) and the navigation; text that
reaches the page from a scenario, a plan or a user is escaped by the environment, and the figures' JSON
goes into a `data-` attribute, escaped like any other value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from planner.analysis import outlook_lines
from planner.web.access import Caller
from planner.wording import (
    AFTERS_NOTE,
    AFTERS_TITLE,
    BENCH_NOTE,
    BENCH_TITLE,
    DIFF_SECTION_WORDS,
    JOB_STATE_WORDS,
    MAY_STAY_SLOT,
    PLACEMENT_STATUS_WORDS,
    both,
    date_text,
    dates_in_text,
    decision_words,
    job_state_words,
    number_text,
    placed_here_line,
    placement_ready_line,
    plan_kind_words,
    plan_name,
    pool_need_line,
    post_ready_line,
    ref_words,
    status_label,
    time_text,
    words_of,
)
from planner.workspace import ROLE_VI, Action

TEMPLATES = Path(__file__).parent / "templates"
ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, auto_reload=False
)
ENVIRONMENT.globals["Action"] = Action
ENVIRONMENT.globals["ROLE_VI"] = {role.name: words for role, words in ROLE_VI.items()}

ENVIRONMENT.globals["STATUS_VI"] = {status: both(words) for status, words in PLACEMENT_STATUS_WORDS.items()}
ENVIRONMENT.globals["JOB_STATES"] = {state: both(words) for state, words in JOB_STATE_WORDS.items()}

# `planner.wording`'s words for the codes a page would otherwise show: `{{ plan.status|status }}` reads
# "Tối ưu / Optimal", `{{ entry.at|vn_time }}` "06/12/2026 09:10" (Vietnam time), `{{ plan_name(s) }}`
# "Phương án 3 · gốc / plan 3 · base".
ENVIRONMENT.filters["status"] = status_label
ENVIRONMENT.filters["diff_section"] = lambda section: words_of(DIFF_SECTION_WORDS, section)
ENVIRONMENT.filters["plan_kind"] = plan_kind_words
ENVIRONMENT.filters["job_state"] = job_state_words
ENVIRONMENT.filters["decision"] = decision_words
ENVIRONMENT.filters["number"] = number_text
ENVIRONMENT.filters["vn_date"] = date_text
ENVIRONMENT.filters["vn_time"] = time_text
#: A line shared with the console (a difference, a conflict, a reason) with its ISO dates as dd/mm/yyyy.
ENVIRONMENT.filters["vn_dates"] = dates_in_text
ENVIRONMENT.filters["ref_words"] = ref_words
ENVIRONMENT.globals["plan_name"] = lambda s: plan_name(s.id, s.label, s.as_of, s.what_if)
# The planning pool's bench: its heading and note, and what a cadre lacks or a post would give it.
ENVIRONMENT.globals["BENCH_TITLE"] = both(BENCH_TITLE)
ENVIRONMENT.globals["BENCH_NOTE"] = BENCH_NOTE
ENVIRONMENT.globals["pool_need_line"] = pool_need_line
ENVIRONMENT.globals["placement_ready_line"] = placement_ready_line
ENVIRONMENT.globals["post_ready_line"] = post_ready_line
ENVIRONMENT.globals["placed_here_line"] = placed_here_line
# The way back: the rotations by end date, and what a placement may lead to (`outlook_lines`).
ENVIRONMENT.globals["AFTERS_TITLE"] = both(AFTERS_TITLE)
ENVIRONMENT.globals["AFTERS_NOTE"] = AFTERS_NOTE
ENVIRONMENT.globals["MAY_STAY_SLOT"] = both(MAY_STAY_SLOT)
ENVIRONMENT.globals["outlook_lines"] = outlook_lines


def render(
    request: Request, name: str, context: dict[str, Any], caller: Caller | None, status: int = 200
) -> HTMLResponse:
    page = ENVIRONMENT.get_template(name).render(request=request, caller=caller, **context)
    return HTMLResponse(page, status_code=status)


def fragment(name: str, context: dict[str, Any], caller: Caller | None) -> Markup:
    """A template's output, to be placed in a page: escaped as it was rendered, so not escaped again."""
    return Markup(ENVIRONMENT.get_template(name).render(caller=caller, **context))
