"""A rule's words with the scenario's numbers: the one way to ask a rule for them.

Apart from `planner.wording` because it reads the rule registry (`planner.rules`, with NumPy), which the
workspace's commands, that only name decisions and statuses, should not load.
"""

from __future__ import annotations

from models.rule_ids import RuleId
from models.scenario import Rules
from planner.rules import RULES
from planner.wording.basic import Words, both


def rule_text(rule_id: str, rules: Rules) -> Words:
    """A rule's words with the scenario's numbers filled in ("còn ít nhất 10 năm công tác..."); `ValueError`
    for an id no rule has."""
    return RULES[RuleId(rule_id)].text(rules)


def rule_line(rule_id: str, rules: Rules) -> str:
    """`[remaining_service] còn ít nhất 10 năm công tác ... / at least 10 years ...`: the id first, as
    docs/glossary.md names rules."""
    return f"[{rule_id}] {both(rule_text(rule_id, rules))}"
