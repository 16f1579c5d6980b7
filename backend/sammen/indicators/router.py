"""HTTP handlers for areas, indicators, observations (batch, import, export) and status."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import anyio
from fastapi import File, Header, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse

from sammen.core import clock
from sammen.core.concurrency import set_etag
from sammen.core.db import Database
from sammen.core.deps import SessionDep, SettingsDep
from sammen.core.errors import Forbidden, NotFound, field_error, problem_responses
from sammen.core.fields import Count, Id, Moment
from sammen.core.pagination import Page, PageDep, count, fetch_rows
from sammen.core.permissions import Permission
from sammen.core.routing import DomainRouter
from sammen.core.table_files import upload_name
from sammen.indicators import (
    approval,
    duties,
    exports,
    imports,
    observations,
    rollup,
    service,
    status,
    validation,
    writes,
)
from sammen.indicators.models import Approval, ObservationStatus
from sammen.indicators.schemas import (
    ApproveQueue,
    ApproveResult,
    ApproveSelection,
    AreaCriteria,
    AreaPublic,
    GoalRollup,
    IndicatorDuty,
    IndicatorPublic,
    IndicatorStatus,
    ObservationBatch,
    ObservationDetail,
    ObservationPublic,
    WriteSummary,
)
from sammen.orgs import service as orgs_service
from sammen.orgs.deps import CurrentPrincipal, OptionalPrincipal

areas_router = DomainRouter(prefix="/areas", tags=["areas"])
indicators_router = DomainRouter(prefix="/indicators", tags=["indicators"])
status_router = DomainRouter(prefix="/indicator-status", tags=["indicators"])
observations_router = DomainRouter(prefix="/observations", tags=["observations"])
duties_router = DomainRouter(prefix="/indicator-duties", tags=["indicators"])
goal_status_router = DomainRouter(prefix="/goal-status", tags=["indicators"])

AsOf = Annotated[
    dt.date | None, Query(description="Judge recency as of this day (default: today in Copenhagen)")
]


@areas_router.get("", response_model=Page[AreaPublic])
async def list_areas(session: SessionDep, principal: OptionalPrincipal) -> Page[AreaPublic]:
    """The measured area, its estates and the comparison areas (public)."""
    items = await service.list_areas(session)
    return Page.whole(items)


@areas_router.get("/{code}/criteria", response_model=AreaCriteria, responses=problem_responses(404))
async def read_area_criteria(
    code: str,
    session: SessionDep,
    settings: SettingsDep,
    principal: OptionalPrincipal,
    list_year: Count | None = None,
) -> AreaCriteria:
    """The official area criteria (K1-K4 and the share criterion E): crossed or not and the
    distance to each threshold, per list year and list kind."""
    areas = await service.area_ids_by_code(session)
    if code not in areas:
        raise NotFound(f"No area {code!r}.")
    return await status.area_criteria(
        session,
        principal=principal,
        area_id=areas[code],
        area_code=code,
        list_year=list_year,
        min_n_default=settings.min_n_default,
    )


@indicators_router.get("", response_model=Page[IndicatorPublic])
async def list_indicators(
    session: SessionDep,
    settings: SettingsDep,
    principal: OptionalPrincipal,
    goal: Annotated[
        str | None, Query(description="Goal or sub-objective code (a goal includes its sub-objectives)")
    ] = None,
) -> Page[IndicatorPublic]:
    """The indicator catalogue, as far as the caller may see it."""
    indicators = await service.list_indicators(session, principal=principal, goal=goal)
    items = await service.indicators_public(session, indicators, min_n_default=settings.min_n_default)
    return Page.whole(items)


@indicators_router.get("/{code}", response_model=IndicatorPublic, responses=problem_responses(404))
async def read_indicator(
    code: str, response: Response, session: SessionDep, settings: SettingsDep, principal: OptionalPrincipal
) -> IndicatorPublic:
    indicator = await service.get_indicator(session, principal=principal, code=code)
    set_etag(response, indicator.version)
    return (await service.indicators_public(session, [indicator], min_n_default=settings.min_n_default))[0]


@indicators_router.get("/{code}/status", response_model=IndicatorStatus, responses=problem_responses(404))
async def read_indicator_status(
    code: str, session: SessionDep, settings: SettingsDep, principal: OptionalPrincipal, as_of: AsOf = None
) -> IndicatorStatus:
    """Latest approved value per area, changes, gaps to comparison areas and target, and a status
    with the rule that produced it."""
    indicator = await service.get_indicator(session, principal=principal, code=code)
    return await status.indicator_status(
        session,
        principal=principal,
        indicator=indicator,
        as_of=as_of or clock.today(),
        min_n_default=settings.min_n_default,
    )


@status_router.get("", response_model=Page[IndicatorStatus], responses=problem_responses(404))
async def list_indicator_status(
    session: SessionDep,
    settings: SettingsDep,
    principal: OptionalPrincipal,
    goal: Annotated[
        str | None, Query(description="Goal or sub-objective code; all indicators if omitted")
    ] = None,
    as_of: AsOf = None,
) -> Page[IndicatorStatus]:
    """The status of every indicator of a goal (and its sub-objectives) in one call."""
    items = await status.indicator_statuses(
        session,
        principal=principal,
        indicators=await service.list_indicators(session, principal=principal, goal=goal),
        as_of=as_of or clock.today(),
        min_n_default=settings.min_n_default,
    )
    return Page.whole(items)


@indicators_router.put(
    "/{code}/observations", response_model=WriteSummary, responses=problem_responses(401, 403, 404, 422)
)
async def upsert_observations(
    code: str,
    body: ObservationBatch,
    session: SessionDep,
    principal: CurrentPrincipal,
    dry_run: bool = False,
    approve: Annotated[
        bool, Query(description="Editors of the owner: store the values approved (marked self-approved)")
    ] = False,
) -> WriteSummary:
    """Upsert a batch keyed by area and period (idempotent; no If-Match). Reporters and editors of
    the owning organisation; new and changed values are drafts until approved. All or nothing."""
    indicator = await service.get_indicator(session, principal=principal, code=code)
    if not principal.can(Permission.report, indicator.owner_organisation_id):
        raise Forbidden(f"Only the owning organisation posts values for {code!r}.")
    ctx = await validation.write_context(session, principal=principal)
    candidates = validation.validate_rows(ctx, validation.batch_rows(indicator, body.items))
    return await writes.write_candidates(
        session,
        actor=principal,
        ctx=ctx,
        candidates=candidates,
        rows=len(body.items),
        dry_run=dry_run,
        approve=approve,
        action="observations.batch",
        object_id=code,
    )


@indicators_router.post(
    "/{code}/observations/approve",
    response_model=ApproveResult,
    responses=problem_responses(401, 403, 404, 422),
)
async def approve_observations(
    code: str, body: ApproveSelection, session: SessionDep, principal: CurrentPrincipal
) -> ApproveResult:
    """Approve the selected drafts (ids, areas, periods; all drafts if none given). Editors of the
    owner. A collection action: each value keeps its own version, so no If-Match."""
    indicator = await service.get_indicator(session, principal=principal, code=code)
    return await approval.approve(session, actor=principal, indicator=indicator, selection=body)


@observations_router.get(
    "",
    response_model=Page[ObservationPublic],
    responses={
        **problem_responses(422),
        200: {
            "description": "JSON page, or a streamed download (CSV, XLSX, JSON-stat 2.0)",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                exports.MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
            },
        },
    },
)
async def list_observations(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    principal: OptionalPrincipal,
    indicator: Annotated[
        list[str] | None, Query(description="Indicator codes (repeat or comma-separate)")
    ] = None,
    area: Annotated[list[str] | None, Query(description="Area codes (repeat or comma-separate)")] = None,
    period_from: Annotated[str | None, Query(description="First period, e.g. 2019 or 2024K1")] = None,
    period_to: Annotated[str | None, Query(description="Last period (by its start)")] = None,
    status_: Annotated[ObservationStatus | None, Query(alias="status")] = None,
    updated_since: Moment | None = None,
    approval: Annotated[
        Approval | None, Query(description="draft: the approval queue (drafts are their owner's only)")
    ] = None,
    owner: Annotated[
        str | None, Query(max_length=60, description="Organisation owning the indicator: slug or id")
    ] = None,
    format: Annotated[
        str | None, Query(description="json (pages), csv, xlsx or json-stat; or send an Accept header")
    ] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Page[ObservationPublic] | Response:
    """Observations the caller may see. Values with n below the minimum are withheld (value null,
    `withheld` true) for everyone but the owner; drafts are the owner's only."""
    flt = observations.filter_from_query(
        indicator=indicator,
        area=area,
        period_from=period_from,
        period_to=period_to,
        status=status_,
        updated_since=updated_since,
        approval=approval,
        owner_id=await orgs_service.organisation_filter(session, ref=owner, field="query.owner"),
    )
    fmt = exports.choose_format(format, accept)
    if fmt == "json":
        stmt = observations.observation_select(principal, flt, min_n_default=settings.min_n_default)
        rows, total = await fetch_rows(session, stmt, page)
        return Page.of([observations.observation_public(r) for r in rows], total, page)
    stmt = observations.observation_select(
        principal, flt, min_n_default=settings.min_n_default, for_export=True
    )
    if fmt == "xlsx" and await count(session, stmt) > exports.XLSX_MAX_ROWS:
        raise field_error(
            "query.format", f"more than {exports.XLSX_MAX_ROWS:,} rows do not fit a sheet; use csv"
        )
    database: Database = request.app.state.database
    body = {"csv": exports.csv_stream, "xlsx": exports.xlsx_stream, "json-stat": exports.jsonstat_stream}[fmt]
    return StreamingResponse(
        body(database, stmt),
        media_type=exports.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{exports.filename(fmt)}"'},
    )


@observations_router.get(
    "/{observation_id}", response_model=ObservationDetail, responses=problem_responses(404)
)
async def read_observation(
    observation_id: Id,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    principal: OptionalPrincipal,
) -> ObservationDetail:
    """One observation with the history of its approved values."""
    detail = await observations.get_observation(
        session, principal=principal, observation_id=observation_id, min_n_default=settings.min_n_default
    )
    set_etag(response, detail.version)
    return detail


@observations_router.post(
    "/imports", response_model=WriteSummary, responses=problem_responses(401, 403, 413, 422)
)
async def import_observations(
    session: SessionDep,
    principal: CurrentPrincipal,
    file: Annotated[
        UploadFile, File(description="CSV or XLSX: indicator, area, period, value, n, status, comment")
    ],
    dry_run: Annotated[bool, Query(description="Validate everything and report; write nothing")] = False,
    approve: Annotated[bool, Query(description="Editors of the owners: store the values approved")] = False,
) -> WriteSummary:
    """Import a file, all or nothing: one bad row and nothing is written; every error names its row
    and column. Permissions are checked per row, exactly as the batch endpoint checks them; a caller
    who may report nothing is refused before the file is read."""
    if not principal.can(Permission.report):
        raise Forbidden("Importing observations needs the reporter role in an organisation.")
    rows = await imports.read_file(file.filename, file.content_type, await file.read())
    ctx = await validation.write_context(session, principal=principal)
    candidates = await anyio.to_thread.run_sync(validation.validate_rows, ctx, rows)
    return await writes.write_candidates(
        session,
        actor=principal,
        ctx=ctx,
        candidates=candidates,
        rows=len(rows),
        dry_run=dry_run,
        approve=approve,
        action="observations.import",
        object_id=upload_name(file.filename),
    )


@observations_router.post(
    "/approve", response_model=ApproveResult, responses=problem_responses(401, 403, 422)
)
async def approve_observation_queue(
    body: ApproveQueue, session: SessionDep, principal: CurrentPrincipal
) -> ApproveResult:
    """Approve drafts of several indicators at once (an organisation's single approval queue), all or
    nothing: editors of each indicator's owner. Each value keeps its own version, so no If-Match."""
    return await approval.approve_queue(session, actor=principal, queue=body)


@duties_router.get("", response_model=Page[IndicatorDuty], responses=problem_responses(401, 403, 422))
async def list_indicator_duties(
    session: SessionDep,
    principal: CurrentPrincipal,
    organisation: Annotated[
        str, Query(max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$", description="The organisation: slug or id")
    ],
    as_of: AsOf = None,
) -> Page[IndicatorDuty]:
    """The data duties of an organisation (its members and admins): for each indicator it owns, the
    periods due, the gaps in its series and the drafts waiting for approval."""
    org_id = await orgs_service.organisation_filter(session, ref=organisation, field="query.organisation")
    assert org_id is not None
    items = await duties.organisation_duties(
        session, principal=principal, organisation_id=org_id, as_of=as_of or clock.today()
    )
    return Page.whole(items)


@goal_status_router.get("", response_model=Page[GoalRollup])
async def list_goal_status(
    session: SessionDep, settings: SettingsDep, principal: OptionalPrincipal, as_of: AsOf = None
) -> Page[GoalRollup]:
    """Every goal's status from its indicators' statuses (the measured area), with one roll-up per
    sub-objective: counts per status, the verdict and its rule in Danish. The overview dashboard's
    source; indicators the caller may not see are not counted."""
    items = await rollup.goal_rollups(
        session,
        principal=principal,
        as_of=as_of or clock.today(),
        min_n_default=settings.min_n_default,
    )
    return Page.whole(items)
