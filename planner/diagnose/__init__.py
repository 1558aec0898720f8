"""Diagnosis of infeasible scenarios: minimal conflicting rule sets and the single changes that repair them.

`diagnose` and `solve_or_diagnose` (`planner.diagnose.diagnosis`) sit above `planner.solve` and call it;
nothing below imports this package.
"""

from planner.diagnose.diagnosis import Diagnosis, diagnose, solve_or_diagnose

__all__ = ["Diagnosis", "diagnose", "solve_or_diagnose"]
