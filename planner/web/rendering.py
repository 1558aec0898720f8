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

from planner.web.access import Caller
from planner.wording import PLACEMENT_STATUS_WORDS, both
from planner.workspace import ROLE_VI, Action

TEMPLATES = Path(__file__).parent / "templates"
ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, auto_reload=False
)
ENVIRONMENT.globals["Action"] = Action
ENVIRONMENT.globals["ROLE_VI"] = {role.name: words for role, words in ROLE_VI.items()}

ENVIRONMENT.globals["STATUS_VI"] = {status: both(words) for status, words in PLACEMENT_STATUS_WORDS.items()}


def render(
    request: Request, name: str, context: dict[str, Any], caller: Caller | None, status: int = 200
) -> HTMLResponse:
    page = ENVIRONMENT.get_template(name).render(request=request, caller=caller, **context)
    return HTMLResponse(page, status_code=status)


def fragment(name: str, context: dict[str, Any], caller: Caller | None) -> Markup:
    """A template's output, to be placed in a page: escaped as it was rendered, so not escaped again."""
    return Markup(ENVIRONMENT.get_template(name).render(caller=caller, **context))
