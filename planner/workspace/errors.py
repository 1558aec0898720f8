"""What a workspace command can refuse, each said in Vietnamese first and English beside it.

An error names the field it is about in the workspace's own words (`reason`, `cadre_id`, `plan_id`: the
service's parameters and `DecisionInput`'s attributes), never a caller's: the command line maps them to
its flags and arguments (`--reason`, `CADRE`), the web app to its form and body fields. The command line
turns each into one message and an exit code (`planner.cli.workspace`): bad input and unknown ids 2, a
refused role 2, a concurrent change 5 (nothing written: run the command again).
"""

from __future__ import annotations


class WorkspaceError(Exception):
    """A command refused before anything was written: `field` and `value` say what was wrong."""

    def __init__(self, vi: str, en: str, field: str | None = None, value: object | None = None) -> None:
        self.vi, self.en, self.field, self.value = vi, en, field, value
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.message_naming(self.field)

    def message_naming(self, field: str | None) -> str:
        """The message with `field` as the caller names the field (a flag, a form field)."""
        where = f"{field}: " if field else ""
        shown = f" (giá trị / value: {self.value!r})" if self.value is not None else ""
        return f"{where}{self.vi} / {self.en}{shown}"


class BadInput(WorkspaceError):
    """The input names something the workspace does not have, or is malformed."""


class UnknownId(BadInput):
    """The id names no plan or version of the workspace (the web app answers 404)."""


class NotInitialised(WorkspaceError):
    """No workspace at this address yet."""


class PermissionDenied(WorkspaceError):
    """The user's role does not allow the action (`roles.py`)."""


class ConcurrentChange(WorkspaceError):
    """Another writer changed the same state since this command read it; this command wrote nothing."""
