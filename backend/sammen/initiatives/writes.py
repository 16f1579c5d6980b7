"""Creating, changing and deleting an initiative: versioned and audited."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core import audit
from sammen.core.changes import versioned
from sammen.core.errors import Conflict, FieldError, Forbidden, ValidationFailed
from sammen.core.permissions import Permission, Principal
from sammen.core.tables import utcnow
from sammen.initiatives.access import (
    require_edit,
)
from sammen.initiatives.models import (
    Initiative,
)
from sammen.initiatives.resolve import (
    Lookups,
    Resolved,
    check_state,
    external_id_taken,
    lookups,
    replace_links,
    resolve,
    stored_links,
)
from sammen.initiatives.schemas import (
    InitiativeCreate,
    InitiativeUpdate,
)


async def snapshot(session: AsyncSession, obj: Initiative) -> dict[str, Any]:
    """The initiative and its links, JSON-safe, for the audit trail."""
    assert obj.id is not None
    data = audit.snapshot(obj) or {}
    goals, partners, indicators = await stored_links(session, obj.id)
    data.update(goal_ids=goals, partner_ids=partners, indicators=[list(i) for i in indicators])
    return data


async def create_initiative(session: AsyncSession, *, actor: Principal, data: InitiativeCreate) -> Initiative:
    lk = await lookups(session, principal=actor)
    res, errors = resolve(data, lk)
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    lead_id = res.values["lead_organisation_id"]
    if not actor.can(Permission.edit, lead_id):
        raise Forbidden("Only editors of the lead organisation create its initiatives.")
    obj = Initiative(**{**res.values, "levels": res.values.get("levels", "")})
    errors = check_state(obj, lk)
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    if await external_id_taken(session, lead_id=lead_id, external_id=obj.external_id, own_id=None):
        raise Conflict(
            f"The lead organisation already has an initiative with external_id {obj.external_id!r}."
        )
    session.add(obj)
    await session.flush()
    assert obj.id is not None
    await replace_links(session, obj.id, res)
    audit.record(
        session,
        actor=actor,
        action="initiative.create",
        object_type="initiative",
        object_id=obj.id,
        organisation_id=lead_id,
        after=await snapshot(session, obj),
    )
    return obj


async def apply_update(
    session: AsyncSession,
    *,
    actor: Principal,
    obj: Initiative,
    res: Resolved,
    lk: Lookups,
    prefix: str = "body",
) -> list[FieldError]:
    """Apply resolved changes to `obj` in memory and check the result (no flush, no version)."""
    new_lead = res.values.get("lead_organisation_id", obj.lead_organisation_id)
    if new_lead != obj.lead_organisation_id and not actor.can(Permission.edit, new_lead):
        raise Forbidden("You may only hand an initiative to an organisation you edit for.")
    for key, value in res.values.items():
        setattr(obj, key, value)
    if "starts_on" in res.values and not obj.phase_overridden:
        obj.phase = None
    return check_state(obj, lk, prefix=prefix)


async def update_initiative(
    session: AsyncSession, *, actor: Principal, obj: Initiative, data: InitiativeUpdate, expected_version: int
) -> Initiative:
    require_edit(actor, obj)
    assert obj.id is not None
    lk = await lookups(session, principal=actor)
    res, errors = resolve(data, lk)
    if errors:
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    async with versioned(
        session, obj, expected_version, snapshot=functools.partial(snapshot, session)
    ) as change:
        errors = await apply_update(session, actor=actor, obj=obj, res=res, lk=lk)
        if errors:
            raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
        if await external_id_taken(
            session, lead_id=obj.lead_organisation_id, external_id=obj.external_id, own_id=obj.id
        ):
            raise Conflict(
                f"The lead organisation already has an initiative with external_id {obj.external_id!r}."
            )
        await session.flush()
        await replace_links(session, obj.id, res)
    audit.record(
        session,
        actor=actor,
        action="initiative.update",
        object_type="initiative",
        object_id=obj.id,
        organisation_id=obj.lead_organisation_id,
        before=change.before,
        after=change.after,
    )
    return obj


async def delete_initiative(
    session: AsyncSession, *, actor: Principal, obj: Initiative, expected_version: int
) -> None:
    require_edit(actor, obj)

    async with versioned(
        session, obj, expected_version, snapshot=functools.partial(snapshot, session), after=False
    ) as change:
        obj.deleted_at = utcnow()
    audit.record(
        session,
        actor=actor,
        action="initiative.delete",
        object_type="initiative",
        object_id=obj.id,
        organisation_id=obj.lead_organisation_id,
        before=change.before,
    )
