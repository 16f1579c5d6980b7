"""HTTP handlers for the agreement, its amendments and the goal tree."""

from __future__ import annotations

from fastapi import Response, status

from sammen.core.concurrency import set_etag
from sammen.core.deps import SessionDep
from sammen.core.errors import problem_responses
from sammen.core.fields import Id
from sammen.core.pagination import Page, PageDep
from sammen.core.routing import DomainRouter
from sammen.goals import service
from sammen.goals.schemas import (
    AgreementPublic,
    AgreementUpdate,
    AmendmentPublic,
    GoalCreate,
    GoalDelete,
    GoalPublic,
    GoalUpdate,
)
from sammen.orgs.deps import AgreementManager, IfMatchDep, OptionalPrincipal, Partner

agreement_router = DomainRouter(prefix="/agreement", tags=["agreement"])
goals_router = DomainRouter(prefix="/goals", tags=["goals"])


@agreement_router.get("", response_model=AgreementPublic, responses=problem_responses(404))
async def read_agreement(
    response: Response, session: SessionDep, principal: OptionalPrincipal
) -> AgreementPublic:
    """The agreement: vision, future pictures, rules of play and phases (public)."""
    agreement = await service.get_agreement(session)
    set_etag(response, agreement.version)
    return await service.agreement_public(session, agreement)


@agreement_router.patch(
    "", response_model=AgreementPublic, responses=problem_responses(401, 403, 404, 412, 422, 428)
)
async def update_agreement(
    body: AgreementUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: AgreementManager,
) -> AgreementPublic:
    """Change the agreement; the change is recorded as an amendment with its note and approving decision."""
    agreement = await service.get_agreement(session)
    agreement = await service.update_agreement(
        session, actor=principal, agreement=agreement, data=body, expected_version=version
    )
    set_etag(response, agreement.version)
    return await service.agreement_public(session, agreement)


@agreement_router.get(
    "/amendments", response_model=Page[AmendmentPublic], responses=problem_responses(401, 403)
)
async def list_amendments(
    session: SessionDep,
    page: PageDep,
    principal: Partner,
    object_type: str | None = None,
    decision_id: Id | None = None,
) -> Page[AmendmentPublic]:
    """Every change to the agreement and its goals, newest first."""
    items, total = await service.list_amendments(
        session, page=page, object_type=object_type, decision_id=decision_id
    )
    return Page.of([AmendmentPublic.model_validate(a) for a in items], total, page)


@goals_router.get("", response_model=Page[GoalPublic])
async def list_goals(session: SessionDep, principal: OptionalPrincipal) -> Page[GoalPublic]:
    """The goal tree: goals in order, each with its sub-objectives, as far as the caller may see."""
    tree = await service.goal_tree(session, principal=principal)
    return Page.whole(tree)


@goals_router.get("/{goal_id}", response_model=GoalPublic, responses=problem_responses(404))
async def read_goal(
    goal_id: Id, response: Response, session: SessionDep, principal: OptionalPrincipal
) -> GoalPublic:
    goal = await service.get_goal(session, principal=principal, goal_id=goal_id)
    set_etag(response, goal.version)
    return await service.goal_public(session, principal=principal, goal=goal)


@goals_router.post(
    "",
    response_model=GoalPublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 422),
)
async def create_goal(
    body: GoalCreate, response: Response, session: SessionDep, principal: AgreementManager
) -> GoalPublic:
    """Add a goal, or a sub-objective with `parent_id`; recorded as an amendment."""
    goal = await service.create_goal(session, actor=principal, data=body)
    set_etag(response, goal.version)
    return await service.goal_public(session, principal=principal, goal=goal)


@goals_router.patch(
    "/{goal_id}", response_model=GoalPublic, responses=problem_responses(401, 403, 404, 412, 422, 428)
)
async def update_goal(
    goal_id: Id,
    body: GoalUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: AgreementManager,
) -> GoalPublic:
    goal = await service.get_goal(session, principal=principal, goal_id=goal_id)
    goal = await service.update_goal(session, actor=principal, goal=goal, data=body, expected_version=version)
    set_etag(response, goal.version)
    return await service.goal_public(session, principal=principal, goal=goal)


@goals_router.delete(
    "/{goal_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
async def delete_goal(
    goal_id: Id,
    version: IfMatchDep,
    session: SessionDep,
    principal: AgreementManager,
    body: GoalDelete | None = None,
) -> Response:
    """Soft delete (restorable by admins); recorded as an amendment."""
    goal = await service.get_goal(session, principal=principal, goal_id=goal_id)
    await service.delete_goal(
        session, actor=principal, goal=goal, info=(body or GoalDelete()).amendment, expected_version=version
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@goals_router.post(
    "/{goal_id}/restore", response_model=GoalPublic, responses=problem_responses(401, 403, 404, 409)
)
async def restore_goal(goal_id: Id, session: SessionDep, principal: AgreementManager) -> GoalPublic:
    goal = await service.restore_goal(session, actor=principal, goal_id=goal_id)
    return await service.goal_public(session, principal=principal, goal=goal)
