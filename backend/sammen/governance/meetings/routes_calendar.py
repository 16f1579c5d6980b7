"""HTTP handlers for the iCalendar feeds of meetings and the personal feed token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request, Response

from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.reads import as_reader
from sammen.core.routing import DomainRouter
from sammen.governance.bodies import service as bodies
from sammen.governance.meetings import access, calendar, service
from sammen.governance.meetings.schemas import FeedTokenPublic
from sammen.orgs.deps import CurrentPrincipal, OptionalPrincipal, user_principal

calendar_router = DomainRouter(tags=["calendar"])


ICS = "text/calendar; charset=utf-8"
TokenQuery = Annotated[
    str | None,
    Query(description="Personal feed token (from POST /calendar/feed-token); for calendar clients"),
]


async def _feed(
    request: Request,
    session: SessionDep,
    principal: OptionalPrincipal,
    token: str | None,
    body_id: Id | None,
) -> Response:
    if token:
        user_id = await calendar.feed_token_owner(session, token=token)
        principal = await user_principal(request, as_reader(session), user_id=user_id)
    v = access.SqlViewer(principal)  # the caller's bodies are read by the feed's own statement
    name = "Sammen: møder"
    if body_id is not None:
        body = await bodies.get_body(session, body_id=body_id)
        name = f"Sammen: {body.name}"
    host = request.url.hostname or "sammen"
    events = await service.feed_events(session, v=v, host=host, body_id=body_id)
    return Response(
        calendar.render(events, name=name), media_type=ICS, headers={"Cache-Control": "private, max-age=300"}
    )


@calendar_router.get(
    "/calendar/meetings.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, **problem_responses(401)},
)
async def read_meetings_feed(
    request: Request, session: SessionDep, principal: OptionalPrincipal, token: TokenQuery = None
) -> Response:
    """iCalendar feed of every meeting the token's owner may see (anonymous: public meetings)."""
    return await _feed(request, session, principal, token, None)


@calendar_router.get(
    "/bodies/{body_id}/meetings.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, **problem_responses(401, 404)},
)
async def read_body_feed(
    body_id: Id,
    request: Request,
    session: SessionDep,
    principal: OptionalPrincipal,
    token: TokenQuery = None,
) -> Response:
    """iCalendar feed of one body's meetings, as far as the token's owner may see them."""
    return await _feed(request, session, principal, token, body_id)


@calendar_router.post(
    "/calendar/feed-token", response_model=FeedTokenPublic, responses=problem_responses(401, 403)
)
async def rotate_feed_token(
    request: Request, session: SessionDep, principal: CurrentPrincipal
) -> FeedTokenPublic:
    """A new personal feed token (the old URLs stop working); shown once."""
    token = await calendar.rotate_feed_token(session, actor=principal)
    base = str(request.base_url).rstrip("/") + "/api/v1"
    return FeedTokenPublic(
        token=token,
        meetings_url=f"{base}/calendar/meetings.ics?token={token}",
        body_url_template=f"{base}/bodies/{{body_id}}/meetings.ics?token={token}",
    )
