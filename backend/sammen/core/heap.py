"""The server's long-lived objects, kept out of the garbage collector's full passes.

A full (generation 2) collection walks every container object the process holds: the app's
routes, models, compiled statements and modules, a few hundred thousand of them. An export or a
large page allocates enough to set one off, and it runs on whichever thread allocated, holding
the GIL: the event loop stood still for 140–250 ms during a PostgreSQL export
(tests/core/test_event_loop.py). `gc.freeze()` at startup moves everything alive then into a
permanent generation the collector skips, so a full pass walks only what requests made since.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen() -> Iterator[None]:
    """While the server runs: collect once, then freeze what is left (the startup heap)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # back under the collector: a process that builds another app frees this one
