"""Fetch only the public internet: no loopback, private, link-local, multicast or reserved hosts.

A feed is written by someone else: its item links (and any redirect) could point the watcher
at an intranet page or a cloud metadata service, which would then be stored and shown (SSRF).
So every URL's host is resolved and refused unless all its addresses are public
(`public_address`). The check runs twice: before each request (`check_url`: a clear
`BlockedAddressError` before robots.txt or rate limits), and again when the connection is made
(`GuardedBackend`: the address connected to is the address checked, so a name that resolves
to a public address first and to 127.0.0.1 a moment later (DNS rebinding) still gets nowhere).

A source added with `--allow-private-network` (intranets, tests) skips both.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore

from .errors import BlockedAddressError, FetchError

__all__ = [
    "AddressCheck",
    "GuardedBackend",
    "Resolver",
    "check_url",
    "public_address",
    "resolve_host",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: host, port -> the IP addresses (as strings) the host resolves to
Resolver = Callable[[str, int], list[str]]
#: whether one address may be fetched from
AddressCheck = Callable[[IPAddress], bool]


def public_address(ip: IPAddress) -> bool:
    """True for a global unicast address: not loopback, private, link-local, multicast,
    reserved, unspecified or shared (CGNAT); IPv4 mapped into IPv6 is judged as IPv4."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback)


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as e:
        raise FetchError(f"{host}: cannot resolve the host name ({e})") from e
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _refuse(host: str, addresses: Iterable[str], allowed: AddressCheck) -> list[str]:
    """`addresses` if every one is allowed, else a `BlockedAddressError` naming the first."""
    addresses = list(addresses)
    if not addresses:
        raise FetchError(f"{host}: the host name has no address")
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
        except ValueError:
            raise BlockedAddressError(f"{host}: {address!r} is not an IP address") from None
        if not allowed(ip):
            where = f"{host} is" if host == str(ip) else f"{host} resolves to {ip},"
            raise BlockedAddressError(
                f"{where} a non-public address: refused "
                "(a source added with --allow-private-network may fetch it)"
            )
    return addresses


def check_url(
    url: str, *, resolve: Resolver = resolve_host, allowed: AddressCheck = public_address
) -> None:
    """Refuse `url` (`BlockedAddressError`) unless it is http(s) on a public host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedAddressError(f"{url}: only http and https URLs are fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as e:
        raise FetchError(f"{url}: invalid URL ({e})") from e
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: invalid URL (no host)")
    _refuse(host, resolve(host, port), allowed)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to checked addresses (see the module doc)."""

    def __init__(self, *, resolve: Resolver, allowed: AddressCheck) -> None:
        self.resolve = resolve
        self.allowed = allowed

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = _refuse(host, self.resolve(host, port), self.allowed)
        error: Exception | None = None
        for address in addresses:  # the checked addresses themselves: no second lookup
            try:
                return super().connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as e:
                error = e
        assert error is not None
        raise error
