"""The caller in body terms: their principal plus the body roles they hold today."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from sammen.core.deps import SessionDep
from sammen.governance.meetings import access
from sammen.governance.meetings.access import Viewer
from sammen.orgs.deps import CurrentPrincipal, OptionalPrincipal, Partner


async def optional_viewer(session: SessionDep, principal: OptionalPrincipal) -> Viewer:
    return await access.viewer(session, principal)


async def signed_in_viewer(session: SessionDep, principal: CurrentPrincipal) -> Viewer:
    return await access.viewer(session, principal)


async def partner_viewer(session: SessionDep, principal: Partner) -> Viewer:
    return await access.viewer(session, principal)


OptionalViewer = Annotated[Viewer, Depends(optional_viewer)]
SignedInViewer = Annotated[Viewer, Depends(signed_in_viewer)]
PartnerViewer = Annotated[Viewer, Depends(partner_viewer)]
