"""The agreement, its phases, and its amendments: every change to the agreement or a goal is
recorded as an amendment (with the decision behind it, if any)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, delete, false, func, literal_column, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit, links
from sammen.core.changes import reject_nulls, versioned
from sammen.core.errors import NotFound, field_error
from sammen.core.idlist import within
from sammen.core.links import LinkTargetType
from sammen.core.pagination import PageParams, fetch_objects
from sammen.core.permissions import Principal
from sammen.goals.models import Agreement, Amendment, Phase
from sammen.goals.schemas import (
    AgreementPublic,
    AgreementUpdate,
    AmendmentInfo,
    FuturePicture,
    PhasePublic,
    RulesOfPlay,
)

# Checks of an amendment's approving decision, registered by the domain that owns decisions
# (meetings: it must exist and be of kind amend_agreement). Each raises a 422 naming the field.
DecisionCheck = Callable[[AsyncSession, int], Awaitable[None]]
decision_checks: list[DecisionCheck] = []


async def check_decision(session: AsyncSession, info: AmendmentInfo) -> None:
    if info.decision_id is not None:
        for check in decision_checks:
            await check(session, info.decision_id)


# ---------------------------------------------------------------- agreement
async def get_agreement(session: AsyncSession) -> Agreement:
    """The agreement this installation carries (one per deployment)."""
    agreement = (await session.scalars(select(Agreement).order_by(col(Agreement.id)))).first()
    if agreement is None:
        raise NotFound("No agreement is loaded; run `sammen seed`.")
    return agreement


async def list_phases(session: AsyncSession, *, agreement_id: int) -> list[Phase]:
    stmt = select(Phase).where(Phase.agreement_id == agreement_id).order_by(col(Phase.number))
    return list((await session.scalars(stmt)).all())


async def agreement_public(session: AsyncSession, agreement: Agreement) -> AgreementPublic:
    assert agreement.id is not None
    phases = await list_phases(session, agreement_id=agreement.id)
    return AgreementPublic(
        id=agreement.id,
        slug=agreement.slug,
        title=agreement.title,
        subtitle=agreement.subtitle,
        description=agreement.description,
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        vision=agreement.vision,
        future_pictures=[FuturePicture(**p) for p in agreement.future_pictures],
        rules_of_play=RulesOfPlay(**agreement.rules_of_play),
        effect=agreement.effect,
        prioritisation=agreement.prioritisation,
        governance=agreement.governance,
        phases=[PhasePublic.model_validate(p) for p in phases],
        version=agreement.version,
    )


def record_amendment(
    session: AsyncSession,
    *,
    actor: Principal,
    agreement_id: int,
    object_type: str,
    object_id: int,
    change: str,
    info: AmendmentInfo,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    session.add(
        Amendment(
            agreement_id=agreement_id,
            object_type=object_type,
            object_id=object_id,
            change=change,
            note=info.note,
            decision_id=info.decision_id,
            before=before,
            after=after,
            made_by_id=actor.id if actor.kind == "user" else None,
            made_by_name=actor.name,
        )
    )
    audit.record(
        session,
        actor=actor,
        action=f"{object_type}.{change}",
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
        summary={"note": info.note, "decision_id": info.decision_id},
    )


async def update_agreement(
    session: AsyncSession,
    *,
    actor: Principal,
    agreement: Agreement,
    data: AgreementUpdate,
    expected_version: int,
) -> Agreement:
    assert agreement.id is not None
    await check_decision(session, data.amendment)
    changes = data.model_dump(exclude_unset=True, exclude={"amendment", "phases"})
    reject_nulls(changes, ("title", "vision", "starts_on", "ends_on", "future_pictures", "rules_of_play"))
    starts = changes.get("starts_on", agreement.starts_on)
    ends = changes.get("ends_on", agreement.ends_on)
    if ends < starts:
        raise field_error("body.ends_on", "must not be before starts_on")
    if data.phases is not None:
        numbers = [p.number for p in data.phases]
        if len(set(numbers)) != len(numbers):
            raise field_error("body.phases", "phase numbers must be unique")

    async def public(row: Agreement) -> dict[str, Any]:
        return (await agreement_public(session, row)).model_dump(mode="json")

    async with versioned(session, agreement, expected_version, snapshot=public) as change:
        for key, value in changes.items():
            setattr(agreement, key, value)
        if data.phases is not None:
            await session.execute(delete(Phase).where(col(Phase.agreement_id) == agreement.id))
            for phase in data.phases:
                session.add(Phase(agreement_id=agreement.id, **phase.model_dump()))
    record_amendment(
        session,
        actor=actor,
        agreement_id=agreement.id,
        object_type="agreement",
        object_id=agreement.id,
        change="update",
        info=data.amendment,
        before=change.before,
        after=change.after,
    )
    return agreement


async def list_amendments(
    session: AsyncSession, *, page: PageParams, object_type: str | None = None, decision_id: int | None = None
) -> tuple[list[Amendment], int]:
    stmt = select(Amendment).order_by(col(Amendment.occurred_at).desc(), col(Amendment.id).desc())
    if object_type is not None:
        stmt = stmt.where(Amendment.object_type == object_type)
    if decision_id is not None:
        stmt = stmt.where(Amendment.decision_id == decision_id)
    return await fetch_objects(session, stmt, page)


# what Python's str.strip() removes (str.isspace), for a title made in SQL as Python made it
_WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


def _strip(text: Any) -> Any:
    chars = literal_column("'" + _WHITESPACE + "'", String)
    return func.rtrim(func.ltrim(text, chars), chars)


def _partners(principal: Principal | None) -> ColumnElement[bool]:
    return true() if principal is not None and principal.is_partner else false()


def _is_partner(principal: Principal | None) -> bool:
    return principal is not None and principal.is_partner


def amendment_link_targets() -> links.ColumnResolver:
    """Amendments as link targets (decisions cite them), for partners only: titled "<object type>
    <change>: <note>", so a page's links are titled in its statement (core.links.titles_among)."""
    title = (
        col(Amendment.object_type)
        + " "
        + col(Amendment.change)
        + ": "
        + func.coalesce(col(Amendment.note), "")
    )
    return links.column_resolver(
        LinkTargetType.agreement_amendment, col(Amendment.id), _strip(title), _partners, key=_is_partner
    )


def amendment_references(decision_ids: Sequence[int] | str | Select[Any]) -> Any:
    """(decision_id, object_type, object_id, title) of the amendments citing these decisions (or
    those bound at execution to the parameter of that name, or those a select gives): a branch of the decision register's
    references (it shows them to partners)."""
    return select(
        col(Amendment.decision_id).label("decision_id"),
        literal_column("'agreement_amendment'", String).label("object_type"),
        col(Amendment.id).label("object_id"),
        (col(Amendment.object_type) + " " + col(Amendment.change)).label("title"),
    ).where(within(col(Amendment.decision_id), decision_ids))
