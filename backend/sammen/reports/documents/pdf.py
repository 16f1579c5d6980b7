"""The PDF: the report's HTML and CSS typeset by WeasyPrint, in a worker process.

Typesetting a report takes a few seconds of CPU, so it never runs on the event loop's thread (nor
in a thread of the server's process, where it would hold the GIL): a small pool of worker
processes (spawned, not forked from a running loop) does it, and each worker is replaced after
a number of documents so its memory cannot grow without bound. A worker gets ready (WeasyPrint
imported, fonts loaded) when it starts, and the server starts its workers at startup
(`warm_up`, setting PDF_WARM_UP), so no download waits for that.

The PDF is tagged and PDF/A-3a (the archival level whose "a" requires a structure tree and
Unicode text), and declares PDF/UA-1 in its metadata as well; WeasyPrint writes one variant, so
the PDF/UA identification is added as XMP (templates/pdfua.xmp). The HTML only ever refers to
data: URLs, and the fetcher allows nothing else, so rendering cannot reach a file or the network.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib import resources
from typing import TypeVar

from sammen.core.admission import aside

WORKERS = max(1, int(os.environ.get("SAMMEN_PDF_WORKERS", "1")))
DOCUMENTS_PER_WORKER = 50

_pool: ProcessPoolExecutor | None = None
T = TypeVar("T")
R = TypeVar("R")
_lock = threading.Lock()
log = logging.getLogger("sammen")


def make_pdf(html: str) -> bytes:
    """Runs in a worker process: HTML in, PDF bytes out.

    The garbage collector is off while the document is typeset. WeasyPrint allocates millions of
    objects for a report (boxes, styles, text layouts), which set off a full collection again and
    again, each walking everything alive: 15-25 % of a report's CPU time. Nothing of a document
    outlives it but its PDF, so one pass afterwards frees what it left in cycles (about 266,000
    objects, 0.2-0.3 s); the worker's peak memory barely moved. That pass runs just after the PDF
    is sent (`_collect_soon`), not before, so no download waits for it; the next document waits
    for it instead, if it comes sooner. A worker typesets one document at a time, so pausing the
    collector there pauses nothing else.
    """
    collected.wait()
    collected.clear()
    gc.disable()
    try:
        return _typeset(html)
    finally:  # a failing document too
        threading.Thread(target=_collect_soon, name="sammen-pdf-collect", daemon=True).start()


collected = threading.Event()  # set while no document's garbage waits for its collection
collected.set()
SEND_FIRST_SECONDS = 0.1  # sending a PDF to the server takes milliseconds


def _collect_soon() -> None:
    time.sleep(SEND_FIRST_SECONDS)  # a collection holds the interpreter: let the PDF go out first
    gc.collect()
    gc.enable()
    collected.set()


def _typeset(html: str) -> bytes:
    import weasyprint  # imported in the worker only: the server process never loads it
    from weasyprint.urls import URLFetcher

    xmp = str(resources.files("sammen.reports.documents") / "templates" / "pdfua.xmp")
    document = weasyprint.HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    pdf: bytes = document.write_pdf(pdf_variant="pdf/a-3a", pdf_tags=True, xmp_metadata=[xmp])
    return pdf


def _start_worker(parent: int) -> None:
    """Runs first in each worker: watch the server, then typeset a tiny document (importing
    WeasyPrint and loading fontconfig and the fonts, about 3 s), so the first real document does
    not wait for that; then move everything alive into the collector's permanent generation
    (`gc.freeze`): the pass after each document then walks only what that document made."""
    _watch_parent(parent)
    make_pdf(WARM_UP)
    collected.wait()
    gc.freeze()


WARM_UP = '<html lang="da"><head><title>Sammen</title></head><body><p>Æøå 1.234,5 %</p></body></html>'


def _watch_parent(parent: int) -> None:
    """Leave when the server is gone (a worker holds both ends of its task queue, so it would
    never see the server's end close and would wait for work for ever)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="sammen-pdf-parent-watch", daemon=True).start()


def _executor() -> ProcessPoolExecutor:
    with _lock:
        return _executor_locked()


def _executor_locked() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(
            max_workers=WORKERS,
            mp_context=multiprocessing.get_context("spawn"),
            max_tasks_per_child=DOCUMENTS_PER_WORKER,
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )
    return _pool


def warm_up() -> None:
    """Start the workers now (the app's startup, from a thread: starting a process takes a few
    tens of milliseconds), so the first PDF does not wait the seconds a new worker needs before it
    can typeset (see `_start_worker`). Returns once the processes are started, not warm."""
    with _lock:  # not interleaved with shutdown(), which would leave this pool's workers behind
        try:
            pool = _executor_locked()
            for _ in range(WORKERS):  # each task finding no idle worker starts one, up to WORKERS
                pool.submit(gc.isenabled)
        except (OSError, RuntimeError):  # no process to spare now: the first PDF starts one
            log.warning("Could not start the PDF workers ahead of the first PDF", exc_info=True)


def shutdown() -> None:
    """Stop the workers (the app's shutdown): pending documents are cancelled, idle workers leave."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


async def in_worker(task: Callable[[T], R], argument: T) -> R:
    """`task(argument)` in a worker process (a broken pool is replaced once)."""
    loop = asyncio.get_running_loop()
    async with aside():  # a read waiting for its document holds no read slot (core/admission.py)
        try:
            return await loop.run_in_executor(_executor(), task, argument)
        except BrokenProcessPool:
            shutdown()
            return await loop.run_in_executor(_executor(), task, argument)


async def render_pdf(html: str) -> bytes:
    """The PDF of `html`, made in a worker process."""
    return await in_worker(make_pdf, html)
