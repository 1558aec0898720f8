"""The most recent values kept by key, each made once: a plan page's content and its rendered body.

What is kept must be all its key says: a stored plan never changes, so its page content is kept by plan
id; a plan page's body also depends on the workspace's state and on what the reader may do, so its key
holds the workspace's revision (moved by every write) and the reader's role. Twenty readers asking at
once for a value not yet kept wait for one making of it, not twenty.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """The `kept` values asked for most recently."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    def __contains__(self, key: Hashable) -> bool:
        """Whether the value of `key` is kept (made and not yet dropped)."""
        with self._lock:
            return key in self._values

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            making = self._making.setdefault(key, threading.Lock())
        with making:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            value = make()
            with self._lock:
                self._values[key] = value
                while len(self._values) > self.kept:
                    self._values.popitem(last=False)
                self._making.pop(key, None)
            return value
