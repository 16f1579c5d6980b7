"""Sign-in throttling: attempts are reserved before a password is checked, in the database.

Three counters per window, each with its own limit:
- the account from one client address (the everyday lockout: ten wrong passwords),
- the account from every address (someone guessing one account from many machines),
- the address across every account (someone trying many accounts from one machine).
An attacker on one address therefore cannot lock a named user out everywhere; they lock out
only themselves.

A reservation is one atomic upsert per counter in a short transaction of its own, so a parallel
burst gets exactly the limit's worth of password checks, and no transaction is held while a
request waits or hashes. The state lives in the database because several worker processes
serve the same users. A successful sign-in clears its account's counters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.tables import utcnow
from sammen.orgs.models import LoginThrottle


@dataclass(frozen=True)
class Counter:
    key: str
    limit: int
    what: str  # for the refusal's message


def counters(settings: Settings, *, subject: str, address: str) -> list[Counter]:
    return [
        Counter(f"pair:{subject}|{address}", settings.login_lockout_after, "this account from your address"),
        Counter(f"account:{subject}", settings.login_account_lockout_after, "this account"),
        Counter(f"address:{address}", settings.login_address_lockout_after, "your address"),
    ]


@dataclass(frozen=True)
class Reservation:
    attempts: int  # this attempt's number for the account from this address, in the window
    refused_by: Counter | None


async def _bump(session: AsyncSession, key: str, since: dt.datetime, now: dt.datetime) -> int:
    table = LoginThrottle.__table__  # type: ignore[attr-defined]
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    expired = table.c.window_started_at < since
    stmt = (
        insert(table)
        .values(key=key, window_started_at=now, attempts=1)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "attempts": case((expired, 1), else_=table.c.attempts + 1),
                "window_started_at": case((expired, now), else_=table.c.window_started_at),
            },
        )
        .returning(table.c.attempts)
    )
    return int((await session.execute(stmt)).scalar_one())


async def reserve(database: Database, settings: Settings, wanted: list[Counter]) -> Reservation:
    """Count this attempt against every counter; if any is over its limit, count nothing."""
    now = utcnow()
    since = now - dt.timedelta(minutes=settings.login_window_minutes)
    async with database.session(write=True) as session:
        counts = [await _bump(session, counter.key, since, now) for counter in wanted]
        over = next((c for c, n in zip(wanted, counts, strict=True) if n > c.limit), None)
        if over is not None:
            await session.rollback()
    return Reservation(attempts=counts[0], refused_by=over)


async def clear_after_success(database: Database, wanted: list[Counter]) -> None:
    """The right password: the account's failures no longer count; this attempt leaves the address's."""
    pair, account, address = wanted
    async with database.session(write=True) as session:
        await session.execute(
            delete(LoginThrottle).where(col(LoginThrottle.key).in_([pair.key, account.key]))
        )
        await session.execute(
            update(LoginThrottle)
            .where(col(LoginThrottle.key) == address.key, col(LoginThrottle.attempts) > 0)
            .values(attempts=LoginThrottle.attempts - 1)
        )
