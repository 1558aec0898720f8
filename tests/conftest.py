"""Shared fixtures: the named scenarios every layer's tests start from.

The builders themselves (`tests.support.builders`) are plain functions, because tests parametrize over
them at import time; the fixtures here serve the loaded scenarios that many test modules share.
"""

from __future__ import annotations

import os
import stat

import pytest

from planner import load_scenario
from tests.support.paths import EXAMPLE, REFERENCE


@pytest.fixture(scope="session")
def contract_example():
    """The contract's example scenario, loaded (CONTRACT: it must always load, solve and check)."""
    return load_scenario(EXAMPLE)


@pytest.fixture(scope="session")
def reference_scenario():
    """The Cần Thơ 2022-2025 reference scenario, loaded."""
    return load_scenario(REFERENCE)


@pytest.fixture(autouse=True)
def dev_null_stays_a_device():
    """After every test `/dev/null` is still the character device (issue 28: an output path must never
    replace it; a test that did would break every later program on the machine)."""
    yield
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode), "/dev/null is no longer a character device"
