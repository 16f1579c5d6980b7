"""The PDF: the report's HTML and CSS typeset by WeasyPrint, in a worker process.

Typesetting a report takes a few seconds of CPU, so it never runs on the event loop's thread (nor
in a thread of the server's process, where it would hold the GIL): a small pool of worker
processes (spawned, not forked from a running loop) does it, and each worker is replaced after
a number of documents so its memory cannot grow without bound.

The PDF is tagged and PDF/A-3a (the archival level whose "a" requires a structure tree and
Unicode text), and declares PDF/UA-1 in its metadata as well; WeasyPrint writes one variant, so
the PDF/UA identification is added as XMP (templates/pdfua.xmp). The HTML only ever refers to
data: URLs, and the fetcher allows nothing else, so rendering cannot reach a file or the network.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib import resources

WORKERS = max(1, int(os.environ.get("SAMMEN_PDF_WORKERS", "1")))
DOCUMENTS_PER_WORKER = 50

_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def make_pdf(html: str) -> bytes:
    """Runs in a worker process: HTML in, PDF bytes out."""
    import weasyprint  # imported in the worker only: the server process never loads it
    from weasyprint.urls import URLFetcher

    xmp = str(resources.files("sammen.reports.documents") / "templates" / "pdfua.xmp")
    document = weasyprint.HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    pdf: bytes = document.write_pdf(pdf_variant="pdf/a-3a", pdf_tags=True, xmp_metadata=[xmp])
    return pdf


def _watch_parent(parent: int) -> None:
    """Runs in each worker: leave when the server is gone (a worker holds both ends of its task
    queue, so it would never see the server's end close and would wait for work for ever)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="sammen-pdf-parent-watch", daemon=True).start()


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=WORKERS,
                mp_context=multiprocessing.get_context("spawn"),
                max_tasks_per_child=DOCUMENTS_PER_WORKER,
                initializer=_watch_parent,
                initargs=(os.getpid(),),
            )
        return _pool


def shutdown() -> None:
    """Stop the workers (the app's shutdown): pending documents are cancelled, idle workers leave."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


async def render_pdf(html: str) -> bytes:
    """The PDF of `html`, made in a worker process (a broken pool is replaced once)."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_executor(), make_pdf, html)
    except BrokenProcessPool:
        shutdown()
        return await loop.run_in_executor(_executor(), make_pdf, html)
