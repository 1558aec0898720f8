"""Logging in and out, for the login form and for the API (`POST /api/session`, `DELETE /api/session`).

A login is refused alike for an unknown user, a user without a password and a wrong password (the
workspace always runs one argon2 verification), and counted by the throttle (`sessions.LoginThrottle`):
past its limit the answer is 429 with `Retry-After`, whatever the password. The login form carries its
own CSRF token (double-submit: the form's field and a signed cookie), since no session exists yet.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse, Response

from planner.web.access import Caller, caller_of, web_state
from planner.web.rendering import render
from planner.web.sessions import COOKIE, LOGIN_COOKIE, LOGIN_FORM_SECONDS, SESSION_SECONDS, Session
from planner.workspace import TooManyAttempts

FAILED = "tên đăng nhập hoặc mật khẩu không đúng / wrong user name or password"
THROTTLED = (
    "đăng nhập sai quá nhiều lần, thử lại sau {seconds} giây / too many failed logins, retry in {seconds} s"
)


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def attempt(request: Request, name: str, password: str) -> tuple[tuple[Session, str] | None, int]:
    """The new session (kept in the workspace) and its cookie, or None and the seconds to wait (0: the
    password was wrong). The throttle counts the attempt before the password is verified."""
    state = web_state(request)
    client = _client(request)
    wait, reserved = state.throttle.reserve(client, name)
    if wait:
        return None, wait
    made = state.signer.new(name)
    try:
        if state.workspace.log_in(name, password, made[0].id, SESSION_SECONDS) is None:
            return None, 0
    except TooManyAttempts as refused:  # counted in the workspace: the command line's guesses too
        return None, refused.seconds
    state.throttle.succeeded(client, name, reserved)
    return made, 0


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int, path: str) -> None:
    """A cookie no script reads, no other site's page sends, and only HTTPS carries where it is used."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=path,
    )


def set_session_cookie(request: Request, response: Response, cookie: str) -> None:
    _set_cookie(request, response, COOKIE, cookie, SESSION_SECONDS, "/")


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")


def _safe_next(target: str) -> str:
    """Only a path of this site (never `//elsewhere` or a URL): no open redirect through the login."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/plans"


def _form(request: Request, message: str = "", status: int = 200, next_path: str = "/plans") -> Response:
    token, cookie = web_state(request).signer.login_token()
    response = render(
        request,
        "login.html",
        {"token": token, "message": message, "next": _safe_next(next_path)},
        None,
        status,
    )
    _set_cookie(request, response, LOGIN_COOKIE, cookie, LOGIN_FORM_SECONDS, "/login")
    return response


def login_page(request: Request, next: str = "/plans") -> Response:
    if caller_of(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return _form(request, next_path=next)


def log_in(
    request: Request,
    name: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/plans",
) -> Response:
    state = web_state(request)
    if not state.signer.login_token_matches(csrf, request.cookies.get(LOGIN_COOKIE)):
        message = "biểu mẫu đã cũ, hãy đăng nhập lại / the form expired, log in again"
        return _form(request, message, 403, next)
    made, wait = attempt(request, name.strip(), password)
    if made is None:
        if wait:
            response = _form(request, THROTTLED.format(seconds=wait), 429, next)
            response.headers["Retry-After"] = str(wait)
            return response
        return _form(request, FAILED, 401, next)
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_session_cookie(request, response, made[1])
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


def log_out(request: Request, caller: Caller, response: Response) -> Response:
    web_state(request).workspace.log_out(caller.session.id)
    clear_session_cookie(response)
    return response
