"""Recording attempts: the delivery log, retries with backoff, and endpoints that fail for days.

A result is only applied while the attempt's claim still holds (a dispatcher whose lease ran
out does not overwrite a newer attempt); the attempt itself is always logged. A failed
attempt is tried again after `backoff(attempts)` until the delivery's retry window ends, then
the delivery is failed. An endpoint whose deliveries have failed without a single success
for WEBHOOK_DISABLE_AFTER_DAYS is disabled, with the reason kept on it for its owners, and
an audit event (actor: system).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core import audit
from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.core.tables import utcnow
from sammen.events.claims import Result
from sammen.events.models import DELIVERIES, ENDPOINTS, DeliveryStatus, EndpointState, WebhookAttempt

ATTEMPTS = WebhookAttempt.__table__  # type: ignore[attr-defined]
WITHHELD = "not sent: the resource is no longer visible to the endpoint's organisation"


def _next(result: Result, backoff: Callable[[int], float]) -> dict[str, Any]:
    """The delivery's new state after this result."""
    item, outcome = result.item, result.outcome
    attempts = item.attempts + 1
    base = {"b_id": item.delivery_id, "b_claim": item.claim, "b_last": result.at}
    if outcome is None:
        return {**base, "b_status": DeliveryStatus.withheld.value, "b_attempts": item.attempts, "b_next": result.at,
                "b_code": None, "b_error": WITHHELD, "b_delivered": None}  # fmt: skip
    common = {**base, "b_attempts": attempts, "b_code": outcome.status_code, "b_error": outcome.error}
    if outcome.ok:
        return {
            **common,
            "b_status": DeliveryStatus.succeeded.value,
            "b_next": result.at,
            "b_delivered": result.at,
        }
    retry_at = result.at + dt.timedelta(seconds=backoff(attempts))
    status = DeliveryStatus.pending if retry_at <= item.expires_at else DeliveryStatus.failed
    return {**common, "b_status": status.value, "b_next": retry_at, "b_delivered": None}


async def record_outcomes(
    database: Database, settings: Settings, results: Sequence[Result], *, backoff: Callable[[int], float]
) -> None:
    async with database.session(write=True) as session:
        await record_in(session, settings, results, backoff=backoff)


async def record_in(
    session: AsyncSession, settings: Settings, results: Sequence[Result], *, backoff: Callable[[int], float]
) -> None:
    """Record `results` in the caller's transaction (the fan-out's, when there is one: fewer commits)."""
    if not results:
        return
    now = utcnow()
    attempts = [
        {
            "delivery_id": r.item.delivery_id,
            "attempted_at": r.at,
            "status_code": r.outcome.status_code if r.outcome else None,
            "latency_ms": r.outcome.latency_ms if r.outcome else 0,
            "error": (r.outcome.error if r.outcome else WITHHELD),
            "response_excerpt": r.outcome.excerpt if r.outcome else None,
        }
        for r in results
    ]
    changes = [_next(r, backoff) for r in results]
    sent = [r for r in results if r.outcome is not None]
    succeeded = {r.item.endpoint_id for r in sent if r.outcome is not None and r.outcome.ok}
    failing = {r.item.endpoint_id for r in sent if r.outcome is not None and not r.outcome.ok} - succeeded
    if session.get_bind().dialect.name == "postgresql":
        await _apply_as_arrays(session, attempts, changes)
    else:  # SQLite: executemany is one call into sqlite3 for the whole batch
        await session.execute(insert(ATTEMPTS), attempts)
        await session.execute(
            update(DELIVERIES)
            .where(DELIVERIES.c.id == bindparam("b_id"), DELIVERIES.c.claim == bindparam("b_claim"))
            .values(
                status=bindparam("b_status"),
                attempts=bindparam("b_attempts"),
                next_attempt_at=bindparam("b_next"),
                last_attempt_at=bindparam("b_last"),
                last_status_code=bindparam("b_code"),
                last_error=bindparam("b_error"),
                delivered_at=bindparam("b_delivered"),
                claim=None,
            )
            .execution_options(synchronize_session=False),
            changes,
        )
    if succeeded:
        await session.execute(
            update(ENDPOINTS)
            .where(ENDPOINTS.c.id.in_(sorted(succeeded)), ENDPOINTS.c.failing_since.is_not(None))
            .values(failing_since=None)
        )
    if failing:
        await session.execute(
            update(ENDPOINTS)
            .where(ENDPOINTS.c.id.in_(sorted(failing)), ENDPOINTS.c.failing_since.is_(None))
            .values(failing_since=now)
        )
        last_errors = {r.item.endpoint_id: r.outcome.error for r in sent if r.outcome and not r.outcome.ok}
        await _disable_failing(session, settings, sorted(failing), last_errors, now)


# PostgreSQL: a batch of results is two statements with a parameter per column (arrays), not a
# statement execution per delivery (executemany sends and runs each row on its own: most of the
# dispatcher's database time at hundreds of deliveries a second). The texts never change, so
# psycopg and PostgreSQL keep them prepared.
_LOG_ATTEMPTS = text(
    "INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms, error, response_excerpt) "
    "SELECT * FROM unnest(CAST(:delivery_id AS bigint[]), CAST(:attempted_at AS timestamptz[]), "
    "CAST(:status_code AS integer[]), CAST(:latency_ms AS integer[]), CAST(:error AS text[]), "
    "CAST(:response_excerpt AS text[]))"
)
_APPLY_RESULTS = text(
    "UPDATE webhook_deliveries AS d SET status = v.status, attempts = v.attempts, next_attempt_at = v.next, "
    "last_attempt_at = v.last, last_status_code = v.code, last_error = v.error, delivered_at = v.delivered, "
    "claim = NULL "
    "FROM unnest(CAST(:b_id AS bigint[]), CAST(:b_claim AS text[]), CAST(:b_status AS text[]), "
    "CAST(:b_attempts AS integer[]), CAST(:b_next AS timestamptz[]), CAST(:b_last AS timestamptz[]), "
    "CAST(:b_code AS integer[]), CAST(:b_error AS text[]), CAST(:b_delivered AS timestamptz[])) "
    "AS v(id, claim, status, attempts, next, last, code, error, delivered) "
    "WHERE d.id = v.id AND d.claim = v.claim"
)


def _columns(rows: Sequence[dict[str, Any]]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in rows[0]}


async def _apply_as_arrays(
    session: AsyncSession, attempts: list[dict[str, Any]], changes: list[dict[str, Any]]
) -> None:
    await session.execute(_LOG_ATTEMPTS, _columns(attempts))
    await session.execute(_APPLY_RESULTS, _columns(changes))


async def _disable_failing(
    session: Any,
    settings: Settings,
    endpoint_ids: list[int],
    last_errors: dict[int, str | None],
    now: dt.datetime,
) -> None:
    cutoff = now - dt.timedelta(days=settings.webhook_disable_after_days)
    rows = (
        await session.execute(
            select(
                ENDPOINTS.c.id, ENDPOINTS.c.failing_since, ENDPOINTS.c.organisation_id, ENDPOINTS.c.version
            ).where(
                ENDPOINTS.c.id.in_(endpoint_ids),
                ENDPOINTS.c.state == EndpointState.enabled.value,
                ENDPOINTS.c.failing_since <= cutoff,
            )
        )
    ).all()
    for row in rows:
        reason = (
            f"Disabled by Sammen on {now:%Y-%m-%d %H:%M} UTC: every delivery has failed since "
            f"{row.failing_since:%Y-%m-%d %H:%M} UTC (last: {last_errors.get(row.id) or 'no answer'}). "
            "Fix the receiver, then enable the endpoint again; the change feed has everything missed."
        )
        result = await session.execute(
            update(ENDPOINTS)
            .where(ENDPOINTS.c.id == row.id, ENDPOINTS.c.state == EndpointState.enabled.value)
            .values(
                state=EndpointState.disabled.value,
                disabled_reason=reason,
                disabled_at=now,
                version=ENDPOINTS.c.version + 1,
                updated_at=now,
            )
        )
        if result.rowcount == 1:
            audit.record(
                session,
                actor=None,
                action="webhook_endpoint.disable",
                object_type="webhook_endpoint",
                object_id=row.id,
                organisation_id=row.organisation_id,
                summary={"reason": reason},
            )
