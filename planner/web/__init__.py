"""The review web app (`planner serve`): leadership reads, questions, approves and re-plans in a browser.

A local, server-rendered app on the workspace (`planner.workspace`, which stays the one store and the
one place where roles are enforced): login with argon2-hashed passwords, signed session cookies, a CSRF
token on every state-changing request, a role check on every route, pages in Vietnamese first with
English beside, and a JSON API under `/api`. `create_app(url)` builds it; see `app.py`.
"""

from planner.web.app import create_app
from planner.web.warm import WARMED

__all__ = ["WARMED", "create_app"]
