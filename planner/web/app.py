"""The web app: `create_app(url)` builds it on an initialised workspace; `planner serve` runs it.

Server-rendered pages (Jinja2, autoescaped) for people, a JSON API under `/api` for integrations and
tests, both behind the same gate (`access.py`). Every response carries the security headers below: a
Content-Security-Policy that allows scripts from this server only (no inline script: the figures' data
sit in `data-` attributes, read by `static/app.js`), no framing, no referrer, no MIME sniffing. The page
makes no request elsewhere: plotly.js is served from the plotly package installed with the planner.

An error never reaches the log with data in it: the middleware below logs the exception's kind and the
route's path (ids only), and answers 500 without details.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

import plotly
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from planner import InputError, SolveOptions
from planner.web import api, explain_pages, pages
from planner.web.access import CsrfRefused, NotLoggedIn, caller_of
from planner.web.forms import WEB_FIELDS
from planner.web.jobs import JobRunner
from planner.web.plan_view import KEPT
from planner.web.recent import Recent
from planner.web.rendering import render
from planner.web.sessions import LoginThrottle, SessionSigner
from planner.web.state import WebState
from planner.web.warm import Warmer, make_ready
from planner.web.why_not import WhyNotRunner
from planner.wording import FIELD_WORDS, both
from planner.workspace import (
    BadInput,
    ConcurrentChange,
    PermissionDenied,
    UnknownId,
    Workspace,
    WorkspaceError,
)

STATIC = Path(__file__).parent / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}
#: plotly.js's headers: the same file for every reader, so the browser may keep it (a day).
STATIC_CACHE = {"Cache-Control": "public, max-age=86400"}
log = logging.getLogger("planner.web")
#: Rendered plan-page bodies kept (one per plan, revision and kind of reader).
BODIES_KEPT = 64


def create_app(
    url: str | None = None,
    *,
    secret: str | None = None,
    solve_options: SolveOptions | None = None,
    throttle: LoginThrottle | None = None,
    warm: int = 0,
) -> FastAPI:
    """The app on the workspace at `url` (`NotInitialised` if there is none). `solve_options`: the
    settings of the re-solves and re-plans it runs (time limit, workers, seed; no hooks: each job has
    its own). `warm`: how many of the newest plans' page content to make when it starts (`warm.py`;
    `planner serve` makes `WARMED`, the tests none, so that what they patch is what a page makes)."""
    workspace = Workspace.open(url)
    workspace_url = str(workspace.engine.url.render_as_string(hide_password=False))
    app = FastAPI(
        title="Luân chuyển cán bộ / Cadre rotation",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=_lifespan,
    )
    app.state.web = WebState(
        workspace=workspace,
        signer=SessionSigner(secret),
        throttle=throttle or LoginThrottle(),
        jobs=JobRunner(
            workspace_url,
            solve_options or SolveOptions(),
            prepare=lambda plan_ids: make_ready(app.state.web, plan_ids),
        ),
        views=Recent(KEPT),
        fragments=Recent(BODIES_KEPT),
        why_not=WhyNotRunner(workspace_url, solve_options or SolveOptions()),
    )
    app.state.warm = warm
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(explain_pages.router)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        """3.5 MB that only changes with the installed plotly: kept by the browser for a day rather than
        fetched again for every plan page (`no-store`, below, stays the rule for everything else)."""
        return FileResponse(PLOTLY_JS, media_type="text/javascript", headers=STATIC_CACHE)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    _add_error_handlers(app)

    @app.middleware("http")
    async def guard(request: Request, call_next) -> Response:
        try:
            response = await call_next(request)
        except Exception as error:
            log.error("internal error %s on %s %s", type(error).__name__, request.method, request.url.path)
            # drawn without the caller: reading them may be what failed
            response = _problem(request, 500, "lỗi nội bộ / internal error", with_caller=False)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """On start, the newest plans' page content is made in the background (`warm.py`); on shutdown,
    that stops, running jobs are cancelled (they store nothing) and the database let go."""
    warmer = Warmer(app.state.web, app.state.warm).start() if app.state.warm else None
    yield
    if warmer is not None:
        warmer.stop()
    app.state.web.jobs.shutdown()
    app.state.web.why_not.shutdown()
    app.state.web.workspace.dispose()


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _problem(
    request: Request, status: int, message: str, field: str | None = None, with_caller: bool = True
) -> Response:
    if _is_api(request):
        body: dict[str, object] = {"detail": message}
        if field:
            body["field"] = field
        return JSONResponse(body, status_code=status)
    caller = caller_of(request) if with_caller else None
    if field in FIELD_WORDS and message.startswith(f"{field}: "):  # the form's words, not its field code
        message = f"{both(FIELD_WORDS[field])}: {message.removeprefix(f'{field}: ')}"
    context = {"status": status, "message": message, "field": field}
    return render(request, "error.html", context, caller, status)


def _said(error: WorkspaceError) -> tuple[str, str | None]:
    """The error's message and field, the field named as the web app names it."""
    field = WEB_FIELDS.get(error.field, error.field) if error.field else None
    return error.message_naming(field), field


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotLoggedIn)
    def not_logged_in(request: Request, _: NotLoggedIn) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "cần đăng nhập / login required"}, status_code=401)
        # back to the page after logging in; a form posted with an expired session cannot be replayed
        back = request.url.path if request.method in ("GET", "HEAD") else "/plans"
        return RedirectResponse(f"/login?next={quote(back)}", status_code=303)

    @app.exception_handler(CsrfRefused)
    def csrf(request: Request, _: CsrfRefused) -> Response:
        message = "thiếu hoặc sai mã CSRF, tải lại trang / missing or wrong CSRF token, reload the page"
        return _problem(request, 403, message)

    @app.exception_handler(PermissionDenied)
    def denied(request: Request, error: PermissionDenied) -> Response:
        return _problem(request, 403, _said(error)[0])

    @app.exception_handler(ConcurrentChange)
    def concurrent(request: Request, error: ConcurrentChange) -> Response:
        return _problem(request, 409, _said(error)[0])

    @app.exception_handler(UnknownId)
    def unknown(request: Request, error: UnknownId) -> Response:
        return _problem(request, 404, *_said(error))

    @app.exception_handler(BadInput)
    def bad_input(request: Request, error: BadInput) -> Response:
        return _problem(request, 422, *_said(error))

    @app.exception_handler(WorkspaceError)
    def refused(request: Request, error: WorkspaceError) -> Response:
        return _problem(request, 422, _said(error)[0])

    @app.exception_handler(InputError)
    def input_error(request: Request, error: InputError) -> Response:
        return _problem(request, 422, str(error))

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ())[1:]) or None
        message = f"dữ liệu không hợp lệ / invalid input: {first.get('msg', '')}"
        return _problem(request, 422, message, where)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException) -> Response:
        words = {
            404: "không có trang này / not found",
            405: "phương thức không được phép / method not allowed",
        }
        response = _problem(request, error.status_code, words.get(error.status_code, str(error.detail)))
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response
