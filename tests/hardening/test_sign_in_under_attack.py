"""Sign-in and tokens under attack: bursts, lockouts, parallel refreshes, revoked access tokens."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlmodel import col

from sammen.core.audit import SecurityEvent, SecurityEventKind
from sammen.core.config import Settings
from sammen.core.db import Database
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, if_match, problem, user_id

TOKEN = "/api/v1/auth/token"
EDITOR = demo("editor", "aab")


def _client(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    # English, as the shared client asks (tests/conftest.py): the refusals' texts are checked here
    return httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers={"Accept-Language": "en"}
    )


async def _login(client: httpx.AsyncClient, email: str = EDITOR, password: str = "demo") -> httpx.Response:
    return await client.post(TOKEN, data={"grant_type": "password", "username": email, "password": password})


async def _failed_checks(database: Database) -> int:
    async with database.session(write=False) as session:
        count = await session.scalar(
            select(func.count())
            .select_from(SecurityEvent)
            .where(col(SecurityEvent.kind) == SecurityEventKind.login_failed)
        )
    return int(count or 0)


async def test_a_parallel_burst_of_wrong_passwords_gets_no_5xx_and_no_more_checks_than_the_limit(
    client: httpx.AsyncClient, database: Database, settings: Settings
) -> None:
    answers = await asyncio.gather(*(_login(client, password=f"wrong-{k}") for k in range(30)))
    statuses = sorted(r.status_code for r in answers)
    assert all(s < 500 for s in statuses), statuses
    assert statuses.count(401) == settings.login_lockout_after
    assert statuses.count(429) == 30 - settings.login_lockout_after
    assert await _failed_checks(database) == settings.login_lockout_after


async def test_writes_go_on_while_wrong_passwords_wait_out_their_slowdown(
    app: FastAPI, client: httpx.AsyncClient, as_user: AuthHeaders, settings: Settings
) -> None:
    """From the fourth failure a sign-in waits; it must not hold the database while it does."""
    app.state.settings = settings.model_copy(update={"login_slowdown_seconds": 0.5})
    try:
        for _ in range(settings.login_slowdown_after):
            await _login(client, password="wrong")  # the next ones are slowed down
        finished: list[str] = []

        async def wrong_sign_in() -> int:
            response = await _login(client, password="wrong")
            finished.append("sign-in")
            return response.status_code

        async def write() -> int:
            await asyncio.sleep(0.05)  # let the sign-ins start waiting
            headers = await as_user(ADMIN)
            current = await client.get("/api/v1/agreement", headers=headers)
            response = await client.patch(
                "/api/v1/agreement",
                json={"subtitle": "Skrevet under angreb"},
                headers=headers | if_match(current),
            )
            finished.append("write")
            return response.status_code

        *sign_ins, written = await asyncio.gather(*(wrong_sign_in() for _ in range(6)), write())
    finally:
        app.state.settings = settings
    assert written == 200
    assert all(s < 500 for s in sign_ins), sign_ins
    # The six sign-ins wait 0.5 to 3 s each; the write does not queue behind them (on SQLite they
    # used to hold the write lock while waiting, one after another).
    assert finished.index("write") < 3, finished


async def test_a_lockout_from_one_address_does_not_lock_the_account_elsewhere(
    app: FastAPI, settings: Settings
) -> None:
    async with _client(app, "198.51.100.66") as attacker, _client(app, "192.0.2.10") as owner:
        for _ in range(settings.login_lockout_after):
            problem(await _login(attacker, password="wrong"), 401)
        problem(await _login(attacker), 429)  # locked out: even the right password
        assert (await _login(owner)).status_code == 200


async def test_one_address_trying_many_accounts_is_refused_past_its_limit(
    app: FastAPI, settings: Settings
) -> None:
    app.state.settings = settings.model_copy(update={"login_address_lockout_after": 5})
    try:
        async with _client(app, "198.51.100.77") as sprayer:
            for k in range(5):
                problem(await _login(sprayer, email=f"person{k}@example.org", password="Sommer2026"), 401)
            refused = problem(await _login(sprayer, email="another@example.org", password="Sommer2026"), 429)
    finally:
        app.state.settings = settings
    assert "your address" in refused["detail"]


async def test_a_password_change_ends_the_old_access_token_at_once(client: httpx.AsyncClient) -> None:
    tokens = (await _login(client)).json()
    old = {"Authorization": f"Bearer {tokens['access_token']}"}
    changed = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "demo", "new_password": "en-helt-ny-adgangskode"},
        headers=old,
    )
    assert changed.status_code == 204
    problem(await client.get("/api/v1/auth/me", headers=old), 401)
    fresh = (await _login(client, password="en-helt-ny-adgangskode")).json()
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {fresh['access_token']}"})
    assert me.status_code == 200


async def test_a_reset_and_a_deactivation_end_access_tokens_even_after_reactivation(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    victim = await as_user(EDITOR)
    admin = await as_user(ADMIN)
    uid = await user_id(database, EDITOR)
    user = await client.get(f"/api/v1/users/{uid}", headers=admin)
    off = await client.post(f"/api/v1/users/{uid}/deactivate", headers=admin | if_match(user))
    await client.post(f"/api/v1/users/{uid}/activate", headers=admin | if_match(off))
    problem(await client.get("/api/v1/auth/me", headers=victim), 401)


async def test_a_reused_refresh_token_ends_the_familys_access_tokens(client: httpx.AsyncClient) -> None:
    first = (await _login(client)).json()
    second = (
        await client.post(
            TOKEN, data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
        )
    ).json()
    access = {"Authorization": f"Bearer {second['access_token']}"}
    assert (await client.get("/api/v1/auth/me", headers=access)).status_code == 200
    replay = await client.post(
        TOKEN, data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    )
    problem(replay, 401)
    problem(await client.get("/api/v1/auth/me", headers=access), 401)


async def test_parallel_refreshes_with_one_token_give_exactly_one_success(client: httpx.AsyncClient) -> None:
    """Eight refreshes at once, each in its own transaction, five times (on PostgreSQL this raced)."""
    for _ in range(5):
        refresh = (await _login(client)).json()["refresh_token"]
        answers = await asyncio.gather(
            *(
                client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": refresh})
                for _ in range(8)
            )
        )
        assert sorted(r.status_code for r in answers) == [200] + [401] * 7
