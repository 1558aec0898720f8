"""Row ids as commands, pages and the API give them: a number outside the ids' column range names no row.

Plans and versions are looked up by `session.get`, which hands the number to the database: past the
column's range SQLite raises OverflowError and PostgreSQL a DataError (an internal error, 500 or exit 4),
where the caller asked for an id that cannot exist. Every lookup by a given id asks `storable` first and
treats a number past the range as unknown (404 in the web app, exit 2 on the command line).
"""

from __future__ import annotations

#: The ids' `Integer` column: PostgreSQL's 32-bit integer, the smaller of the two databases' ranges
#: (SQLite's reaches 2**63 - 1); ids are given from 1 up.
MAX_ID = 2**31 - 1


def storable(value: int) -> bool:
    """Whether a row may have the id `value`; a lookup of any other is refused as unknown."""
    return 1 <= value <= MAX_ID
