"""Caches of what the database says, trusted only while the database can tell of every change.

A process may keep a copy of a few hot rows (who a token's subject is, say) only if it hears of
every change to them, whoever makes it: this process, another worker, a migration or plain SQL.
`Coherence` is that hearing for one database: its generation moves on every write this process
commits and on every notice the database sends (core/notices.py), and while nothing is listening
(SQLite, or the notice connection is down) it is not `hearing` and caches keep nothing. A value read
while the generation moved is not kept: it may predate the change.
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Coherence:
    def __init__(self) -> None:
        self.generation = 0
        self.hearing = False

    def changed(self, *_: object) -> None:
        self.generation += 1

    def hearing_changed(self, hearing: bool) -> None:
        # Either way something may have been missed: nothing kept before this moment is trusted.
        self.hearing = hearing
        self.changed()

    def stamp(self) -> int | None:
        """The generation a read starts in, or None when a cache must not keep what it reads."""
        return self.generation if self.hearing else None


class CoherentCache(Generic[K, V]):
    """Values by key, each valid while the generation it was read in is current.

    `max_age` bounds how long a value is trusted even so (a connection that died without a word
    delivers no notices); `max_entries` bounds the memory: when full, it starts over."""

    def __init__(self, coherence: Coherence, *, max_age: float = 30.0, max_entries: int = 10_000) -> None:
        self.coherence = coherence
        self.max_age = max_age
        self.max_entries = max_entries
        self._entries: dict[K, tuple[V, int, float]] = {}

    def get(self, key: K) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        value, generation, expires = entry
        if (
            generation != self.coherence.generation
            or not self.coherence.hearing
            or time.monotonic() > expires
        ):
            del self._entries[key]
            return None
        return value

    def put(self, key: K, value: V, stamp: int | None) -> None:
        """Keep `value`, read in generation `stamp` (from `Coherence.stamp()` before the read)."""
        if stamp is None or stamp != self.coherence.generation:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[key] = (value, stamp, time.monotonic() + self.max_age)
