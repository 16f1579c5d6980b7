"""Sending one webhook request: guarded connections, short timeouts, no redirects, a bounded read.

httpcore (httpx's engine) is used directly because it lets us choose where a connection goes
(events/netguard.py) while TLS and the Host header keep the URL's name. Connections are
pooled and kept alive per receiver.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpcore

from sammen import __version__
from sammen.events.netguard import GuardedBackend, Resolver, system_resolver

RESPONSE_LIMIT = 4096  # bytes of a receiver's answer read, at most
EXCERPT_CHARS = 1000  # of which the delivery log keeps this much
USER_AGENT = f"Sammen-Webhooks/{__version__}"


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    latency_ms: int
    error: str | None = None
    excerpt: str | None = None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class Sender:
    def __init__(
        self,
        *,
        allow_private: bool,
        timeout: float,
        resolver: Resolver = system_resolver,
        max_connections: int = 64,
    ) -> None:
        self.timeout = timeout
        self.pool = httpcore.AsyncConnectionPool(
            network_backend=GuardedBackend(allow_private=allow_private, resolver=resolver),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=30.0,
            retries=0,
        )

    async def send(self, url: str, headers: dict[str, str], body: bytes) -> Outcome:
        start = time.perf_counter()
        phase = {
            "connect": min(5.0, self.timeout),
            "read": self.timeout,
            "write": self.timeout,
            "pool": self.timeout,
        }
        request_headers = [
            ("Content-Type", "application/json"),
            ("User-Agent", USER_AGENT),
            *headers.items(),
        ]
        status: int | None = None
        excerpt: str | None = None
        error: str | None = None
        try:
            async with asyncio.timeout(self.timeout):  # the whole attempt, however the receiver trickles
                async with self.pool.stream(
                    "POST", url, headers=request_headers, content=body, extensions={"timeout": phase}
                ) as response:
                    status = response.status
                    excerpt = await _read_some(response)
        except TimeoutError:
            error = f"no answer within {self.timeout:g} s"
        except httpcore.TimeoutException as exc:
            error = f"timed out ({type(exc).__name__})"
        except httpcore.ConnectError as exc:
            error = f"could not connect: {exc}"[:500]
        except (httpcore.ProtocolError, httpcore.NetworkError, httpcore.UnsupportedProtocol) as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
        if status is not None and 300 <= status < 400:
            error = "redirects are not followed: answer 2xx from the registered URL"
        elif status is not None and not 200 <= status < 300:
            error = f"answered {status}"
        latency = int((time.perf_counter() - start) * 1000)
        return Outcome(status_code=status, latency_ms=latency, error=error, excerpt=excerpt)

    async def aclose(self) -> None:
        await self.pool.aclose()


async def _read_some(response: httpcore.Response) -> str | None:
    """Up to RESPONSE_LIMIT bytes of the body (the rest is never read; the connection is then dropped)."""
    data = b""
    async for chunk in response.aiter_stream():
        data += chunk
        if len(data) >= RESPONSE_LIMIT:
            break
    if not data:
        return None
    return data[:RESPONSE_LIMIT].decode("utf-8", errors="replace")[:EXCERPT_CHARS]
