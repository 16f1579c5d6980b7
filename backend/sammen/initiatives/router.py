"""HTTP handlers for initiatives, progress updates, good stories, milestones, action plans and coverage."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import File, Query, Response, UploadFile, status

from sammen.core.concurrency import etag, set_etag
from sammen.core.deps import ReaderDep, SessionDep
from sammen.core.errors import Forbidden, NotFound, Unauthorized, problem_responses
from sammen.core.fields import Count, Id
from sammen.core.pagination import Page, PageDep
from sammen.core.permissions import Permission
from sammen.core.routing import DomainRouter
from sammen.core.table_files import upload_name
from sammen.core.workers import off_loop
from sammen.initiatives import coverage, listing, plans, progress, service, transfer
from sammen.initiatives.deps import ReadableInitiative, ReadablePlan
from sammen.initiatives.schemas import (
    ActionPlanApprove,
    ActionPlanCreate,
    ActionPlanPublic,
    ActionPlanUpdate,
    Coverage,
    GoodStory,
    ImportSummary,
    InitiativeCreate,
    InitiativeFilters,
    InitiativePublic,
    InitiativeSummary,
    InitiativeUpdate,
    MilestoneCreate,
    MilestonePublic,
    MilestoneUpdate,
    ProgressCreate,
    ProgressPublic,
    RevisionDiff,
    RevisionPublic,
    RevisionSummary,
)
from sammen.orgs.deps import AgreementManager, CurrentPrincipal, IfMatchDep, OptionalPrincipal, Partner

initiatives_router = DomainRouter(prefix="/initiatives", tags=["initiatives"])
good_stories_router = DomainRouter(prefix="/good-stories", tags=["initiatives"])
action_plans_router = DomainRouter(prefix="/action-plans", tags=["action-plans"])
coverage_router = DomainRouter(prefix="/coverage", tags=["initiatives"])


def _json(body: bytes, *, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON the database built (listing.py): sent as it is; tests check it against the models."""
    return Response(body, status_code=status_code, media_type="application/json", headers=headers)


Filters = Annotated[InitiativeFilters, Query()]


# ---------------------------------------------------------------- initiatives
@initiatives_router.get("", response_model=Page[InitiativeSummary], responses=problem_responses(422))
async def list_initiatives(
    reader: ReaderDep, page: PageDep, principal: OptionalPrincipal, filters: Filters
) -> Response:
    """Initiatives the caller may see, filtered and sorted (anonymous callers see public ones)."""
    body = await listing.list_page(
        reader, principal=principal, flt=filters, limit=page.limit, offset=page.offset
    )
    return _json(body)


@initiatives_router.get(
    "/export",
    response_class=Response,
    responses={
        200: {"content": {t: {} for t in transfer.MEDIA_TYPES.values()}},
        **problem_responses(401, 403, 422),
    },
)
async def export_initiatives(
    session: SessionDep, principal: Partner, filters: Filters, format: Literal["csv", "xlsx"] = "csv"
) -> Response:
    """The filtered list as CSV or XLSX (the import's columns: an export imports again unchanged)."""
    rows = await transfer.export_rows(session, principal=principal, flt=filters)
    write = transfer.to_csv if format == "csv" else transfer.to_xlsx
    body = await off_loop(write, rows)  # a large file is CPU work: not on the event loop
    return Response(
        body,
        media_type=transfer.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="initiatives.{format}"'},
    )


@initiatives_router.post(
    "/import", response_model=ImportSummary, responses=problem_responses(401, 403, 413, 422)
)
async def import_initiatives(
    session: SessionDep,
    principal: CurrentPrincipal,
    file: Annotated[UploadFile, File(description="CSV or XLSX with the export's columns")],
    dry_run: bool = False,
) -> ImportSummary:
    """Create or update initiatives keyed by (lead, external_id). Editors; each row needs edit rights
    in its lead organisation. Validated completely, then written all or nothing; `dry_run` only reports."""
    if not any(principal.can(Permission.edit, o) for o in principal.org_ids):
        raise Forbidden("Only editors import initiatives.")
    return await transfer.import_initiatives(
        session, actor=principal, filename=upload_name(file.filename), data=await file.read(), dry_run=dry_run
    )


@initiatives_router.post(
    "",
    response_model=InitiativePublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 409, 422),
)
async def create_initiative(
    body: InitiativeCreate, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    """Editors of the lead organisation create its initiatives."""
    obj = await service.create_initiative(session, actor=principal, data=body)
    assert obj.id is not None
    detail = await listing.initiative_detail(session, principal=principal, initiative_id=obj.id)
    return _json(
        detail,
        status_code=201,
        headers={"ETag": etag(obj.version), "Location": f"/api/v1/initiatives/{obj.id}"},
    )


@initiatives_router.get(
    "/{initiative_id}", response_model=InitiativePublic, responses=problem_responses(401, 404)
)
async def read_initiative(initiative_id: Id, reader: ReaderDep, principal: OptionalPrincipal) -> Response:
    """One initiative with its goals, indicators (expected direction) and partners."""
    try:
        detail, version = await listing.initiative_detail_versioned(
            reader, principal=principal, initiative_id=initiative_id
        )
    except NotFound:
        if principal is None:
            raise Unauthorized("Sign in to read this initiative.") from None
        raise
    return _json(detail, headers={"ETag": etag(version)})


@initiatives_router.patch(
    "/{initiative_id}",
    response_model=InitiativePublic,
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def update_initiative(
    body: InitiativeUpdate,
    version: IfMatchDep,
    session: SessionDep,
    principal: CurrentPrincipal,
    obj: ReadableInitiative,
) -> Response:
    """Editors of the lead organisation change the initiative; given lists replace the stored ones."""
    obj = await service.update_initiative(
        session, actor=principal, obj=obj, data=body, expected_version=version
    )
    assert obj.id is not None
    detail = await listing.initiative_detail(session, principal=principal, initiative_id=obj.id)
    return _json(detail, headers={"ETag": etag(obj.version)})


@initiatives_router.delete(
    "/{initiative_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 412, 428),
)
async def delete_initiative(
    version: IfMatchDep, session: SessionDep, principal: CurrentPrincipal, obj: ReadableInitiative
) -> Response:
    """Soft delete (gone from lists; approved action-plan revisions keep it)."""
    await service.delete_initiative(session, actor=principal, obj=obj, expected_version=version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- progress and good stories
@initiatives_router.get(
    "/{initiative_id}/progress-updates",
    response_model=Page[ProgressPublic],
    responses=problem_responses(401, 404),
)
async def list_progress_updates(
    session: SessionDep, page: PageDep, principal: OptionalPrincipal, obj: ReadableInitiative
) -> Page[ProgressPublic]:
    """Progress updates, newest first."""
    items, total = await progress.list_progress(session, initiative=obj, limit=page.limit, offset=page.offset)
    return Page.of(items, total, page)


@initiatives_router.post(
    "/{initiative_id}/progress-updates",
    response_model=ProgressPublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 404, 422),
)
async def create_progress_update(
    body: ProgressCreate,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
    obj: ReadableInitiative,
) -> ProgressPublic:
    """Reporters of the lead or a partner organisation report progress; `is_story` publishes a good story."""
    update = await progress.create_progress(session, actor=principal, initiative=obj, data=body)
    set_etag(response, update.version)
    return update


@good_stories_router.get("", response_model=Page[GoodStory])
async def list_good_stories(
    session: SessionDep, page: PageDep, principal: OptionalPrincipal
) -> Page[GoodStory]:
    """Good stories for residents, newest first (from initiatives the caller may read)."""
    items, total = await progress.list_good_stories(
        session, principal=principal, limit=page.limit, offset=page.offset
    )
    return Page.of(items, total, page)


# ---------------------------------------------------------------- milestones
@initiatives_router.get(
    "/{initiative_id}/milestones", response_model=Page[MilestonePublic], responses=problem_responses(401, 404)
)
async def list_milestones(
    session: SessionDep, principal: OptionalPrincipal, obj: ReadableInitiative
) -> Page[MilestonePublic]:
    items = [
        MilestonePublic.model_validate(m) for m in await progress.list_milestones(session, initiative=obj)
    ]
    return Page.whole(items)


@initiatives_router.post(
    "/{initiative_id}/milestones",
    response_model=MilestonePublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 404, 422),
)
async def create_milestone(
    body: MilestoneCreate,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
    obj: ReadableInitiative,
) -> MilestonePublic:
    milestone = await progress.create_milestone(session, actor=principal, initiative=obj, data=body)
    set_etag(response, milestone.version)
    return MilestonePublic.model_validate(milestone)


@initiatives_router.patch(
    "/{initiative_id}/milestones/{milestone_id}",
    response_model=MilestonePublic,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
async def update_milestone(
    milestone_id: Id,
    body: MilestoneUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
    obj: ReadableInitiative,
) -> MilestonePublic:
    """Change a milestone (set `done_on` when it is reached). Editors of the lead organisation."""
    milestone = await progress.get_milestone(session, initiative=obj, milestone_id=milestone_id)
    milestone = await progress.update_milestone(
        session, actor=principal, initiative=obj, milestone=milestone, data=body, expected_version=version
    )
    set_etag(response, milestone.version)
    return MilestonePublic.model_validate(milestone)


@initiatives_router.delete(
    "/{initiative_id}/milestones/{milestone_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 412, 428),
)
async def delete_milestone(
    milestone_id: Id,
    version: IfMatchDep,
    session: SessionDep,
    principal: CurrentPrincipal,
    obj: ReadableInitiative,
) -> Response:
    milestone = await progress.get_milestone(session, initiative=obj, milestone_id=milestone_id)
    await progress.delete_milestone(
        session, actor=principal, initiative=obj, milestone=milestone, expected_version=version
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- coverage
@coverage_router.get("", response_model=Coverage, responses=problem_responses(401, 403))
async def read_coverage(session: SessionDep, principal: Partner) -> Coverage:
    """The gaps to discuss: sub-objectives with no active initiative, indicators no initiative aims
    at, and initiatives that name no indicator."""
    return await coverage.coverage(session, principal=principal)


# ---------------------------------------------------------------- action plans
@action_plans_router.get("", response_model=Page[ActionPlanPublic])
async def list_action_plans(session: SessionDep, principal: OptionalPrincipal) -> Page[ActionPlanPublic]:
    """Action plans (their working copies), newest period first."""
    items = [
        await plans.plan_public(session, principal=principal, plan=p)
        for p in await plans.list_plans(session, principal=principal)
    ]
    return Page.whole(items)


@action_plans_router.post(
    "",
    response_model=ActionPlanPublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 422),
)
async def create_action_plan(
    body: ActionPlanCreate, response: Response, session: SessionDep, principal: AgreementManager
) -> ActionPlanPublic:
    """A new plan, as a draft (the secretariat keeps plans for the board)."""
    plan = await plans.create_plan(session, actor=principal, data=body)
    set_etag(response, plan.version)
    return await plans.plan_public(session, principal=principal, plan=plan)


@action_plans_router.get("/{plan_id}", response_model=ActionPlanPublic, responses=problem_responses(401, 404))
async def read_action_plan(
    response: Response, session: SessionDep, principal: OptionalPrincipal, plan: ReadablePlan
) -> ActionPlanPublic:
    set_etag(response, plan.version)
    return await plans.plan_public(session, principal=principal, plan=plan)


@action_plans_router.patch(
    "/{plan_id}", response_model=ActionPlanPublic, responses=problem_responses(401, 403, 404, 412, 422, 428)
)
async def update_action_plan(
    body: ActionPlanUpdate,
    version: IfMatchDep,
    response: Response,
    session: SessionDep,
    principal: AgreementManager,
    plan: ReadablePlan,
) -> ActionPlanPublic:
    """Change the working copy; an approved plan becomes a new draft (approved revisions never change)."""
    plan = await plans.update_plan(session, actor=principal, plan=plan, data=body, expected_version=version)
    set_etag(response, plan.version)
    return await plans.plan_public(session, principal=principal, plan=plan)


@action_plans_router.delete(
    "/{plan_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(401, 403, 404, 412, 428)
)
async def delete_action_plan(
    version: IfMatchDep, session: SessionDep, principal: AgreementManager, plan: ReadablePlan
) -> Response:
    await plans.delete_plan(session, actor=principal, plan=plan, expected_version=version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@action_plans_router.post(
    "/{plan_id}/approve",
    response_model=RevisionPublic,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
async def approve_action_plan(
    version: IfMatchDep,
    session: SessionDep,
    principal: AgreementManager,
    plan: ReadablePlan,
    body: ActionPlanApprove | None = None,
) -> RevisionPublic:
    """Approve the draft: it is frozen as the next numbered revision, with the board's decision."""
    revision = await plans.approve_plan(
        session, actor=principal, plan=plan, data=body or ActionPlanApprove(), expected_version=version
    )
    return await plans.revision_public(session, principal=principal, plan=plan, number=revision.number)


@action_plans_router.get(
    "/{plan_id}/revisions", response_model=Page[RevisionSummary], responses=problem_responses(401, 404)
)
async def list_action_plan_revisions(
    session: SessionDep, principal: OptionalPrincipal, plan: ReadablePlan
) -> Page[RevisionSummary]:
    items = await plans.list_revisions(session, plan=plan)
    return Page.whole(items)


@action_plans_router.get(
    "/{plan_id}/revisions/{number}", response_model=RevisionPublic, responses=problem_responses(401, 404)
)
async def read_action_plan_revision(
    number: Count, response: Response, session: SessionDep, principal: OptionalPrincipal, plan: ReadablePlan
) -> RevisionPublic:
    """An approved revision, as it was approved (it never changes)."""
    set_etag(response, 1)  # a revision never changes
    return await plans.revision_public(session, principal=principal, plan=plan, number=number)


@action_plans_router.get(
    "/{plan_id}/revisions/{a}/diff/{b}", response_model=RevisionDiff, responses=problem_responses(401, 404)
)
async def diff_action_plan_revisions(
    a: Count, b: Count, session: SessionDep, principal: OptionalPrincipal, plan: ReadablePlan
) -> RevisionDiff:
    """What was added, removed and changed (priority, note, title) from revision `a` to revision `b`."""
    return await plans.diff(session, principal=principal, plan=plan, a=a, b=b)
