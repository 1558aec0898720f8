"""Rendered page parts kept by what they depend on, so that many readers of one page share one rendering."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from markupsafe import Markup


class Fragments:
    """Rendered page parts kept by a key that says all they depend on (the `KEPT` newest).

    A plan page's body depends on the plan, the workspace's state (its revision moves with every write),
    and what the reader may do; twenty viewers of one plan share one rendering until something changes."""

    KEPT = 64

    def __init__(self) -> None:
        self._parts: OrderedDict[Hashable, Markup] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Markup]) -> Markup:
        with self._lock:
            if key in self._parts:
                self._parts.move_to_end(key)
                return self._parts[key]
        part = make()
        with self._lock:
            self._parts[key] = part
            while len(self._parts) > self.KEPT:
                self._parts.popitem(last=False)
        return part
