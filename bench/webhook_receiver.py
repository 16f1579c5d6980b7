"""A fast webhook receiver for bench/events.py: answers 200 at once and keeps, per delivery, the
time from the change's timestamp (payload `timestamp`) to its answer. GET /stats returns them.

    uvicorn webhook_receiver:app --app-dir bench --port 8021 --no-access-log
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import orjson

latencies: list[float] = []  # ms from the change's timestamp to this receiver's 200
ids: set[str] = set()
count = 0


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    global count
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    if scope["method"] == "GET":
        out = orjson.dumps({"count": count, "unique": len(ids), "latencies_ms": latencies})
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": out})
        return
    if scope["path"] == "/reset":
        latencies.clear()
        ids.clear()
        count = 0
    else:
        count += 1
        headers = dict(scope["headers"])
        ids.add(headers.get(b"webhook-id", b"").decode())
        if scope["path"] == "/timed":
            stamp = dt.datetime.fromisoformat(orjson.loads(body)["timestamp"].replace("Z", "+00:00"))
            latencies.append((time.time() - stamp.timestamp()) * 1000)
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})
