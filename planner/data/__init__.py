"""Files in and out: output targets checked before anything is written (`targets.py`), files written whole or
not at all (`atomic.py`), and generated scenarios (`generate.py`, from `planner` itself).

The names below are the face the command line uses; both modules need only the standard library."""

from planner.data.atomic import write_all_atomically, write_atomically
from planner.data.targets import Kind, check_outputs, is_standard_stream, target_of

__all__ = [
    "Kind",
    "check_outputs",
    "is_standard_stream",
    "target_of",
    "write_all_atomically",
    "write_atomically",
]
