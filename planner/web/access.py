"""Every route's dependencies, in one module: the app's state, who is asking (the session), may they
(the library's roles), and is the request theirs (the CSRF token of a state-changing request).

A route declares the action it performs by the type of its caller parameter (`Reader`, `Decider`,
`Planner`, `Replanner`: `Depends(allowed(Action.x))`); the dependency returns the `Caller`, or raises:
`NotLoggedIn` (an API answers 401, a page sends the browser to the login form), `PermissionDenied`
from `planner.workspace.roles` (403), or `CsrfRefused` (403). The role is the one the workspace holds
now, read on every request. The roles and their actions are the workspace's own
(`planner.workspace.roles.LOWEST_ROLE`): the web app adds no rule of its own, and every service call
checks them again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from planner.web.sessions import COOKIE, Session, tokens_match
from planner.web.state import WebState
from planner.workspace import LOWEST_ROLE, Action, Role, require

#: The header an API client sends its CSRF token in (`GET /api/session` gives it).
CSRF_HEADER = "x-csrf-token"
#: The form field a page's form sends it in.
CSRF_FIELD = "csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NotLoggedIn(Exception):
    """No valid session: anonymous, expired, logged out, or the user no longer exists."""


class CsrfRefused(Exception):
    """A state-changing request without its session's CSRF token."""


@dataclass(frozen=True)
class Caller:
    name: str
    role: Role
    session: Session

    def may(self, action: Action) -> bool:
        """For templates: whether to offer a button (the route checks again)."""
        return self.role >= LOWEST_ROLE[action]


def web_state(request: Request) -> WebState:
    return request.app.state.web


def session_of(request: Request) -> Session | None:
    return web_state(request).signer.read(request.cookies.get(COOKIE))


def caller_of(request: Request) -> Caller | None:
    """The logged-in user of the request, with the role the workspace gives them now; None if none, or
    if the workspace says the session no longer holds (logged out, password reset, role changed)."""
    session = session_of(request)
    if session is None:
        return None
    role = web_state(request).workspace.session_role(session.user, session.id)
    return None if role is None else Caller(session.user, Role[role], session)


async def _check_csrf(request: Request, session: Session) -> None:
    given = request.headers.get(CSRF_HEADER)
    if given is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        field = form.get(CSRF_FIELD)
        given = field if isinstance(field, str) else None
    if not tokens_match(session.csrf, given):
        raise CsrfRefused


def allowed(action: Action) -> Callable[[Request], Awaitable[Caller]]:
    """The dependency of a route that performs `action`."""

    async def gate(request: Request) -> Caller:
        caller = caller_of(request)
        if caller is None:
            raise NotLoggedIn
        require(caller.name, caller.role, action)
        if request.method not in SAFE_METHODS:
            await _check_csrf(request, caller.session)
        return caller

    return gate


#: The callers of the routes by what they do: read, decide (a comment at least; the service then checks
#: the decision's own action), solve (what-ifs, repairs, jobs), re-plan.
Reader = Annotated[Caller, Depends(allowed(Action.read))]
Decider = Annotated[Caller, Depends(allowed(Action.comment))]
Planner = Annotated[Caller, Depends(allowed(Action.solve))]
Replanner = Annotated[Caller, Depends(allowed(Action.replan))]
