"""What the app's routes share: the workspace, the session signer, the login throttle, the jobs and the
cache of plan pages, the why-not answers, made once by `create_app`."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from planner.web.forms import WhatIfChoices
from planner.web.jobs import JobRunner
from planner.web.plan_view import PlanView
from planner.web.recent import Recent
from planner.web.sessions import LoginThrottle, SessionSigner
from planner.web.why_not import WhyNotRunner
from planner.workspace import Workspace

#: Plans whose form choices are kept (a merged city's: 754 cadres and 222 posts in words).
CHOICES_KEPT = 32


@dataclass
class WebState:
    workspace: Workspace
    signer: SessionSigner
    throttle: LoginThrottle
    jobs: JobRunner
    #: A plan page's content by plan id (`plan_view`), and its rendered body by all it depends on.
    views: Recent[PlanView]
    fragments: Recent[Markup]
    #: The cadre pages' why-not jobs and their answers, per plan and cadre.
    why_not: WhyNotRunner
    #: A plan page's form choices by plan id (a stored plan's scenario never changes: `forms.py`).
    choices: Recent[WhatIfChoices] = field(default_factory=lambda: Recent(CHOICES_KEPT))
