"""Where webhooks may go: endpoint URLs are checked when registered and again at every connection.

A receiver's name is resolved and every address it resolves to must be a public one (private,
loopback, link-local, shared, reserved, multicast ranges are refused) unless the setting
WEBHOOK_ALLOW_PRIVATE_ADDRESSES allows them. The check is repeated when the dispatcher
connects, after resolving the name again, and the connection goes to the address that was
checked, so a name that resolves elsewhere later (DNS rebinding) gains nothing. TLS still
verifies the certificate against the name in the URL.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]


class AddressRefused(Exception):
    """The URL or an address it resolves to may not receive webhooks."""


def address_allowed(ip: IPAddress, *, allow_private: bool) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if ip.is_multicast or ip.is_unspecified:
        return False
    return allow_private or ip.is_global


async def system_resolver(host: str, port: int) -> list[str]:
    """The system's resolver, in a worker thread (asyncio's getaddrinfo): never blocks the loop."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def checked_addresses(
    host: str, port: int, *, allow_private: bool, resolver: Resolver = system_resolver
) -> list[str]:
    """The addresses `host` resolves to, all of them allowed; AddressRefused otherwise."""
    literal = _literal(host)
    if literal is not None:
        found = [str(literal)]
    else:
        try:
            found = await resolver(host, port)
        except OSError as exc:
            raise AddressRefused(f"{host} cannot be resolved ({exc.strerror or exc})") from None
        if not found:
            raise AddressRefused(f"{host} cannot be resolved")
    refused = [a for a in found if not address_allowed(ipaddress.ip_address(a), allow_private=allow_private)]
    if refused:
        raise AddressRefused(
            f"{host} resolves to {refused[0]}, a private, loopback, link-local or otherwise non-public "
            "address; such receivers need WEBHOOK_ALLOW_PRIVATE_ADDRESSES"
        )
    return found


def check_url(url: str, *, require_https: bool) -> tuple[str, int]:
    """The URL's shape: http(s), a host, no credentials; https where required. Returns host and port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise AddressRefused("must be an http or https URL")
    if require_https and scheme != "https":
        raise AddressRefused("must use https in production")
    if parts.username is not None or parts.password is not None:
        raise AddressRefused("must not carry credentials (user:password@)")
    if not parts.hostname:
        raise AddressRefused("has no host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise AddressRefused("has an invalid port") from None
    return parts.hostname, port
