"""The independent plan checker: every rule of docs/rules.md re-implemented straight from the data.

It shares no code with the solver other than the schemas (`models.scenario`, `models.plan`) and the
calendar helpers (`models.dates`), so that a plan the solver gets wrong is caught here.
"""

from planner.checker.check import check_plan, recompute_bench
from planner.checker.context import Violation

__all__ = ["Violation", "check_plan", "recompute_bench"]
