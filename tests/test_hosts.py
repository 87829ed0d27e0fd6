"""`serve` answers only known Host names (DNS rebinding): localhost names, the bound address,
and each `--allowed-host`; any other Host header gets a 400 before a route runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.api.hosts import allowed_hosts, host_name
from eventwire.cli import cli
from eventwire.store import Store


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("localhost:8000", "localhost"),
        ("LocalHost", "localhost"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("10.0.0.5:80", "10.0.0.5"),
        ("evil.example", "evil.example"),
    ],
)
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


def _served_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    """The app `eventwire serve ARGS` would run (uvicorn is not started)."""
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    Store(f"sqlite:///{tmp_path / 'hosts.db'}").close()
    result = CliRunner().invoke(
        cli, ["serve", "--db", str(tmp_path / "hosts.db"), *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return seen["app"]


def test_serve_refuses_unknown_host_headers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _served_app(tmp_path, monkeypatch, "--host", "127.0.0.1")
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"):
        assert client.get("/api/stats", headers={"host": host}).status_code == 200, host
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""):
        answer = client.get("/api/stats", headers={"host": host})
        assert answer.status_code == 400, host
        assert "Host" in answer.json()["detail"]
    assert client.get("/", headers={"host": "rebind.example"}).status_code == 400


def test_allowed_host_adds_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _served_app(
        tmp_path,
        monkeypatch,
        "--host",
        "0.0.0.0",
        "--allowed-host",
        "events.example.org",
        "--allowed-host",
        "Intranet.Local",
    )
    client = TestClient(app)
    for host in ("events.example.org", "intranet.local:8000", "0.0.0.0:8000", "localhost"):
        assert client.get("/api/stats", headers={"host": host}).status_code == 200, host
    assert client.get("/api/stats", headers={"host": "other.example"}).status_code == 400


def test_allowed_hosts_include_the_bound_address() -> None:
    assert allowed_hosts(bound="192.168.1.7") >= {"localhost", "127.0.0.1", "::1", "192.168.1.7"}
    assert "::1" in allowed_hosts(bound="[::1]")
