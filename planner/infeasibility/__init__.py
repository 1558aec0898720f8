"""Diagnosis of infeasible scenarios: minimal conflicting rule sets and the single changes that repair them.

`diagnose` and `solve_or_diagnose` (`planner.infeasibility.diagnosis`) sit above `planner.solving` and call it;
nothing below imports this package.
"""

from planner.infeasibility.diagnosis import Diagnosis, diagnose, solve_or_diagnose

__all__ = ["Diagnosis", "diagnose", "solve_or_diagnose"]
