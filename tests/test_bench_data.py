"""The benchmark instances ship with the repository (`bench/data`), so `python -m bench.run` works
from a clone: each file is there, has the size its README gives, and its published optimum is the
one `bench.assignp` compares against."""

from __future__ import annotations

import pytest

from bench import assignp
from bench.run import ORLIB

#: n and the allowed pairs of each instance, as `bench/data/README.md` lists them.
SIZES = {"assignp800": (800, 100_057), "assignp1500": (1500, 99_844), "assignp3000": (3000, 99_629)}


@pytest.mark.parametrize("name", sorted(assignp.OPTIMA))
def test_each_instance_is_in_the_repository_with_its_size(name):
    n, triples = assignp.read_sparse(ORLIB / f"{name}.txt")
    assert (n, len(triples)) == SIZES[name]
    assert triples[:, :2].min() == 0 and triples[:, :2].max() == n - 1


def test_the_optima_compared_against_are_the_published_ones():
    published = {}
    for line in (ORLIB / "assignopt.txt").read_text().splitlines()[1:]:
        if line.strip():
            name, value = line.split()
            published[name] = int(value)
    assert {name: published[name] for name in assignp.OPTIMA} == assignp.OPTIMA
