"""Several worker processes share nothing but the database: whatever one worker writes (content,
refresh-token families, idempotency keys, sign-in failures) the other sees on the very next
request. Two real `sammen serve` processes on one database, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sammen.cli import build_parser
from tests.factories import demo
from tests.servers import free_port, server_env


@pytest.fixture
def workers(database_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two server processes on the test's database; their base URLs."""
    env = server_env(database_url, LOGIN_SLOWDOWN_SECONDS="0", LOGIN_LOCKOUT_AFTER="3")
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "sammen.cli", "serve", "--port", str(port), "--no-access-log"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    bases = [f"http://127.0.0.1:{port}/api/v1" for port in ports]
    try:
        deadline = time.monotonic() + 60
        for base in bases:
            while True:
                try:
                    if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{base} did not start")
                time.sleep(0.1)
        yield bases[0], bases[1]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=15)


def _sign_in(client: httpx.Client, base: str, email: str, password: str = "demo") -> httpx.Response:
    return client.post(
        f"{base}/auth/token", data={"grant_type": "password", "username": email, "password": password}
    )


def test_what_one_worker_writes_the_other_serves_on_the_next_request(workers: tuple[str, str]) -> None:
    one, other = workers
    with httpx.Client(timeout=30) as client:
        tokens = _sign_in(client, one, demo("editor", "aab")).json()
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        # content: an edit through one worker, read through the other at once (list and detail)
        body = {"title": "Skrevet af én", "lead": "aab", "goals": ["2e"], "visibility": "partners"}
        created = client.post(f"{one}/initiatives", json=body, headers=auth)
        assert created.status_code == 201, created.text
        path = f"/initiatives/{created.json()['id']}"
        seen = client.get(f"{other}{path}", headers=auth)
        changed = client.patch(
            f"{one}{path}", json={"title": "Rettet af én"}, headers={**auth, "If-Match": seen.headers["etag"]}
        )
        assert changed.status_code == 200, changed.text
        assert client.get(f"{other}{path}", headers=auth).json()["title"] == "Rettet af én"
        revalidated = client.get(f"{other}{path}", headers={**auth, "If-None-Match": seen.headers["etag"]})
        assert revalidated.status_code == 200, "a tag from before the edit must not match after it"
        listed = client.get(f"{other}/initiatives", params={"q": "rettet af", "limit": 10}, headers=auth)
        assert [i["title"] for i in listed.json()["items"]] == ["Rettet af én"]

        # idempotency keys: the retry through the other worker replays the first response
        key = {"Idempotency-Key": "workers-1"}
        first = client.post(f"{one}/initiatives", json={**body, "title": "Én gang"}, headers={**auth, **key})
        retry = client.post(
            f"{other}/initiatives", json={**body, "title": "Én gang"}, headers={**auth, **key}
        )
        assert retry.headers.get("idempotent-replayed") == "true"
        assert retry.json()["id"] == first.json()["id"]

        # refresh-token families: a token rotated by one worker is spent at the other
        rotated = client.post(
            f"{one}/auth/token",
            data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        )
        assert rotated.status_code == 200, rotated.text
        reused = client.post(
            f"{other}/auth/token",
            data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        )
        assert reused.status_code == 401
        revoked = client.post(
            f"{one}/auth/token",
            data={"grant_type": "refresh_token", "refresh_token": rotated.json()["refresh_token"]},
        )
        assert revoked.status_code == 401, "reuse at one worker revokes the family at every worker"

        # sign-in throttling: failures at one worker count at the other
        victim = demo("viewer", "lejerbo")
        for base in (one, other, one):
            assert _sign_in(client, base, victim, "forkert").status_code == 401
        assert _sign_in(client, other, victim).status_code == 429


def test_serve_takes_a_number_of_workers() -> None:
    args = build_parser().parse_args(["serve", "--workers", "3"])
    assert args.workers == 3
    assert build_parser().parse_args(["serve"]).workers >= 1
