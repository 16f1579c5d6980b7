"""A page's LIMIT and OFFSET are written into the SQL the database receives, not sent as
parameters: PostgreSQL then plans a page's statement once per connection instead of on every
request (with the bounds unknown, its cached generic plan loses to a fresh custom plan). The
values still come from validated integers, and the compiled statement stays cached."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from sammen.core.db import Database
from sammen.core.pagination import PageParams, fetch_rows
from sammen.orgs.models import Organisation
from tests.conftest import AuthHeaders
from tests.factories import statements_sent

pytestmark = pytest.mark.asyncio


class Sent:
    """The SQL text and parameters the read and write engines send, while recording."""

    def __init__(self, statements: list[tuple[str, Any]]) -> None:
        self.statements = statements


@pytest.fixture
def sent(database: Database) -> Iterator[Sent]:
    with statements_sent(database) as statements:
        yield Sent(statements)


def _bound_names(params: Any) -> set[str]:
    return set(params) if isinstance(params, dict) else set()


async def test_a_page_of_rows_has_its_limit_and_offset_written_into_the_sql(
    database: Database, sent: Sent
) -> None:
    stmt = select(Organisation.id).order_by(Organisation.id)  # type: ignore[call-overload]
    async with database.session(write=False) as session:
        await fetch_rows(session, stmt, PageParams(limit=3, offset=2))
    sql, params = sent.statements[0]
    assert "LIMIT 3" in sql and "OFFSET 2" in sql
    assert not {n for n in _bound_names(params) if "limit" in n or "offset" in n or n.startswith("param")}


async def test_the_first_page_has_no_offset_on_postgresql(database: Database, sent: Sent) -> None:
    stmt = select(Organisation.id).order_by(Organisation.id)  # type: ignore[call-overload]
    async with database.session(write=False) as session:
        await fetch_rows(session, stmt, PageParams(limit=4, offset=0))
    sql, _ = sent.statements[0]
    assert "LIMIT 4" in sql
    if not database.is_sqlite:  # SQLite's grammar has LIMIT n OFFSET m: SQLAlchemy adds OFFSET 0
        assert "OFFSET" not in sql


async def test_a_json_page_statement_gets_its_bounds_written_in_and_answers_them(
    client: httpx.AsyncClient, as_user: AuthHeaders, sent: Sent
) -> None:
    response = await client.get(
        "/api/v1/initiatives?limit=2&offset=1", headers=await as_user("editor@aab.demo")
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["limit"], body["offset"]) == (2, 1) and len(body["items"]) <= 2
    page = [(sql, params) for sql, params in sent.statements if "initiatives" in sql and "LIMIT" in sql]
    assert page, "the initiative page was read"
    sql, params = page[-1]
    assert "LIMIT 2" in sql and "OFFSET 1" in sql
    assert not {"limit", "offset"} & _bound_names(params)


async def test_the_same_statement_shape_answers_different_page_sizes(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user("editor@aab.demo")
    sizes = [
        len((await client.get(f"/api/v1/initiatives?limit={n}", headers=headers)).json()["items"])
        for n in (1, 3, 2)
    ]
    assert sizes == [1, 3, 2]
