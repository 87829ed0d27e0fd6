"""The Host-header check: a DNS-rebinding page in a browser must not reach the API.

A page on `evil.example` whose name is re-pointed at 127.0.0.1 makes the browser send
`Host: evil.example` to our server; answering only known names (400 otherwise) stops it.
`serve` allows the localhost names and the address it is bound to, plus `--allowed-host`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

__all__ = ["LOCAL_HOSTS", "HostCheck", "allowed_hosts", "host_name"]

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def host_name(header: str) -> str:
    """The name of a Host header without its port, lower case: `[::1]:80` -> `::1`."""
    value = header.strip().lower()
    if value.startswith("["):  # an IPv6 literal
        return value[1:].split("]", 1)[0]
    name, _, port = value.rpartition(":")
    return name if name and port.isdigit() else value.rstrip(":")


def allowed_hosts(*, bound: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The names `serve` answers to: localhost names, the bound address, and `extra`."""
    names = {*LOCAL_HOSTS, host_name(bound) if bound.startswith("[") else bound.lower()}
    names.update(host_name(e) if e.startswith("[") else e.strip().lower() for e in extra)
    names.discard("")
    return frozenset(names)


class HostCheck:
    """ASGI middleware: HTTP and websocket requests whose Host is not allowed get a 400."""

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self._ok(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = b'{"detail":"this Host header is not allowed (see serve --allowed-host)"}'
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _ok(self, scope: Scope) -> bool:
        headers = [v for k, v in scope.get("headers", ()) if k == b"host"]
        if len(headers) != 1:  # none, or two that could disagree
            return False
        return host_name(headers[0].decode("latin-1")) in self.hosts
