"""Readers: the direct SQLite reader reads committed rows, never writes, and gives the same rows
as SQLAlchemy; a GET on SQLite opens no session; a session a reader opened is closed with the request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from sqlalchemy import bindparam, exc, func, select, text

from sammen.core.db import SESSION_HOLDER, Database, get_reader, release_request_session
from sammen.core.reads import DirectSqliteReader, SessionReader
from sammen.orgs.models import Membership, Organisation, OrganisationKind
from tests.conftest import AuthHeaders
from tests.factories import demo

MEMBERSHIPS: Any = Membership.__table__  # type: ignore[attr-defined]

pytestmark = pytest.mark.asyncio


def _direct(database: Database) -> DirectSqliteReader:
    if not database.is_sqlite:
        pytest.skip("the direct reader is SQLite's")
    reader = database.direct_reader("GET")
    assert isinstance(reader, DirectSqliteReader)
    return reader


async def test_the_direct_reader_sees_what_a_session_committed(database: Database) -> None:
    reader = _direct(database)
    count = select(func.count()).select_from(Organisation)
    before = (await reader.tuples(count))[0][0]
    async with database.session(write=True) as session:
        session.add(Organisation(slug="kirken", name="Kirken", kind=OrganisationKind.other))
    assert (await reader.tuples(count))[0][0] == before + 1


async def test_the_direct_reader_refuses_to_write(database: Database) -> None:
    reader = _direct(database)
    with pytest.raises(exc.OperationalError, match="readonly"):
        await reader.rows(text("DELETE FROM organisations"))
    assert (await reader.tuples(select(func.count()).select_from(Organisation)))[0][0] > 0


async def test_plain_tuples_equal_sqlalchemys_rows_with_converted_values(database: Database) -> None:
    reader = _direct(database)
    # a date parameter (SQLAlchemy turns it into SQLite's text) and an IN list bound in
    stmt = (
        select(MEMBERSHIPS.c.id, MEMBERSHIPS.c.organisation_id)
        .where(
            MEMBERSHIPS.c.valid_from.is_(None)
            | (MEMBERSHIPS.c.valid_from <= bindparam("day", type_=MEMBERSHIPS.c.valid_from.type)),
            MEMBERSHIPS.c.organisation_id.in_([1, 2, 3]),
        )
        .order_by(MEMBERSHIPS.c.id)
    )
    params: dict[str, Any] = {"day": dt.date(2026, 1, 1)}
    async with database.session(write=False) as session:
        through_sqlalchemy = [tuple(r) for r in await SessionReader(session).rows(stmt, params)]
    assert through_sqlalchemy, "the demo data has memberships in the first organisations"
    assert list(await reader.tuples(stmt, params)) == through_sqlalchemy


async def test_an_in_list_given_at_call_time_still_gives_the_right_rows(database: Database) -> None:
    reader = _direct(database)
    orgs: Any = Organisation.__table__  # type: ignore[attr-defined]
    stmt = select(orgs.c.id).where(orgs.c.id.in_(bindparam("ids", expanding=True)))
    assert sorted(r[0] for r in await reader.tuples(stmt, {"ids": [1, 2]})) == [1, 2]


async def test_a_missing_parameter_is_an_error_not_a_null(database: Database) -> None:
    reader = _direct(database)
    orgs: Any = Organisation.__table__  # type: ignore[attr-defined]
    stmt = select(orgs.c.id).where(orgs.c.id == bindparam("wanted"))
    with pytest.raises(exc.StatementError, match="wanted"):
        await reader.tuples(stmt, {})


async def test_a_get_on_sqlite_opens_no_session(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _direct(database)
    headers = await as_user(demo("editor", "aab"))
    opened: list[bool] = []
    original = Database.open_session

    def counting(self: Database, *, write: bool) -> Any:
        opened.append(write)
        return original(self, write=write)

    monkeypatch.setattr(Database, "open_session", counting)
    response = await client.get("/api/v1/initiatives", headers=headers)
    assert response.status_code == 200
    assert opened == []


async def test_a_session_only_a_reader_used_is_closed_with_the_request(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    if database.is_sqlite:
        pytest.skip("a GET on SQLite reads directly and opens no session")
    headers = await as_user(demo("editor", "aab"))
    sessions: list[Any] = []
    original = Database.open_session

    def tracking(self: Database, *, write: bool) -> Any:
        sessions.append(original(self, write=write))
        return sessions[-1]

    monkeypatch.setattr(Database, "open_session", tracking)
    # The list reads only through a reader (no SessionDep): the reader opens the request's session.
    response = await client.get("/api/v1/initiatives", headers=headers)
    assert response.status_code == 200
    assert len(sessions) == 1
    assert not sessions[0].sync_session.in_transaction(), "the session was left open after the request"


async def test_read_models_are_kept_only_where_commits_follow_their_stamps(
    app: FastAPI, database: Database
) -> None:
    async def reader_of_a_get() -> Any:
        return await get_reader(Request({"type": "http", "method": "GET", "app": app, "headers": []}))

    first, second = await reader_of_a_get(), await reader_of_a_get()
    if database.is_sqlite:  # one writer at a time: the database's memo is shared
        assert first.memo is database.memo and second.memo is database.memo
    else:  # commits can land out of stamp order: each request starts with nothing remembered
        assert first.memo is not second.memo and first.memo is not database.memo
        await release_request_session({SESSION_HOLDER: [first.session, second.session]})
