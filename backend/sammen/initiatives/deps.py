"""Load-and-authorise dependencies: the initiative or action plan in the path, as the caller may see it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from sammen.core.deps import SessionDep
from sammen.core.errors import NotFound, Unauthorized
from sammen.core.fields import Id
from sammen.initiatives import plans, service
from sammen.initiatives.models import ActionPlan, Initiative
from sammen.orgs.deps import OptionalPrincipal


async def readable_initiative(
    initiative_id: Id, session: SessionDep, principal: OptionalPrincipal
) -> Initiative:
    """The initiative, 404 when the caller may not see it (401 first for anonymous callers)."""
    try:
        return await service.get_initiative(session, principal=principal, initiative_id=initiative_id)
    except NotFound:
        if principal is None:
            raise Unauthorized("Sign in to read this initiative.") from None
        raise


async def readable_plan(plan_id: Id, session: SessionDep, principal: OptionalPrincipal) -> ActionPlan:
    try:
        return await plans.get_plan(session, principal=principal, plan_id=plan_id)
    except NotFound:
        if principal is None:
            raise Unauthorized("Sign in to read this action plan.") from None
        raise


ReadableInitiative = Annotated[Initiative, Depends(readable_initiative)]
ReadablePlan = Annotated[ActionPlan, Depends(readable_plan)]
