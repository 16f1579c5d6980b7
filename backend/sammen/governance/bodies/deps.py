"""Who may do what with bodies. Organisation permission `bodies:manage` (admins) manages bodies,
mandates and members; body roles (core.permissions.BODY_ROLE_PERMISSIONS) govern meetings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from sammen.core.deps import SessionDep
from sammen.core.fields import Id
from sammen.core.permissions import Permission, Principal
from sammen.governance.bodies import service
from sammen.governance.bodies.models import Body
from sammen.orgs.deps import require

BodyManager = Annotated[Principal, Depends(require(Permission.manage_bodies))]


async def body_from_path(body_id: Id, session: SessionDep) -> Body:
    return await service.get_body(session, body_id=body_id)


BodyDep = Annotated[Body, Depends(body_from_path)]
