"""Initiatives in and out of spreadsheets: export of the filtered list as CSV or XLSX, and
import from CSV or XLSX keyed by (lead organisation, external_id).

One row per initiative. Lists (partners, goals, indicators, levels, tags) are separated by
semicolons; indicators are written `code:up` or `code:down`. An exported file imports
again unchanged: `phase_override` carries a manual phase only, `phase` (derived) and the
other read-only columns are ignored on import. A column left out of an import file leaves
that field as it is; an empty cell clears it.

An import is validated completely before anything is written, and written all or nothing.
Each row is checked against the caller's permissions (editors of the row's lead
organisation); a second import of the same file changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from sammen.core import audit
from sammen.core.errors import FieldError, Forbidden, ValidationFailed
from sammen.core.export_cells import XlsxSheet, csv_document, plain
from sammen.core.live import unfiltered
from sammen.core.permissions import Permission, Principal
from sammen.core.table_files import Limits, Table, read_table, row_error
from sammen.core.tables import utcnow
from sammen.initiatives import listing, service
from sammen.initiatives.models import Initiative
from sammen.initiatives.schemas import ImportRowResult, ImportSummary, InitiativeFilters, InitiativeUpdate

MAX_ROWS = 5_000
LIMITS = Limits(max_rows=MAX_ROWS)
EXPORT_COLUMNS = (
    "id",
    "external_id",
    "title",
    "lead",
    "partners",
    "goals",
    "indicators",
    "levels",
    "size",
    "horizon",
    "phase",
    "phase_override",
    "status",
    "status_reason",
    "starts_on",
    "ends_on",
    "target_group",
    "budget_dkk",
    "funding_source",
    "tags",
    "visibility",
    "summary",
    "description",
    "last_status_colour",
    "updated_at",
)
LIST_COLUMNS = frozenset({"partners", "goals", "indicators", "levels", "tags"})
IMPORT_COLUMNS = frozenset(EXPORT_COLUMNS) - {"id", "phase", "last_status_colour", "updated_at"}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# ---------------------------------------------------------------- export
async def export_rows(
    session: AsyncSession, *, principal: Principal | None, flt: InitiativeFilters
) -> list[list[Any]]:
    dialect = session.get_bind().dialect.name
    stmt: Select[Any] = listing.initiative_select(principal, flt, listing.DETAIL_COLUMNS, dialect=dialect)
    rows = (await session.execute(stmt.limit(50_000))).all()
    out: list[list[Any]] = []
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        links = await listing.links_for(session, [r.id for r in chunk], principal=principal)
        for r in chunk:
            mine = links.get(r.id, {})
            values = {
                "id": r.id,
                "external_id": r.external_id,
                "title": r.title,
                "lead": r.lead,
                "partners": mine.get("p", []),
                "goals": mine.get("g", []),
                "indicators": [
                    f"{i['indicator']}:{plain(i['expected_direction'])}" for i in mine.get("i", [])
                ],
                "levels": service.levels_list(r.levels),
                "size": r.size,
                "horizon": r.horizon,
                "phase": r.phase,
                "phase_override": r.phase if r.phase_overridden else None,
                "status": r.status,
                "status_reason": r.status_reason,
                "starts_on": r.starts_on,
                "ends_on": r.ends_on,
                "target_group": r.target_group,
                "budget_dkk": r.budget_dkk,
                "funding_source": r.funding_source,
                "tags": r.tags or [],
                "visibility": r.visibility,
                "summary": r.summary,
                "description": r.description,
                "last_status_colour": r.last_status_colour,
                "updated_at": r.updated_at,
            }
            out.append([plain(values[c]) for c in EXPORT_COLUMNS])
    return out


def to_csv(rows: list[list[Any]]) -> bytes:
    return csv_document(EXPORT_COLUMNS, rows)


def to_xlsx(rows: list[list[Any]]) -> bytes:
    sheet = XlsxSheet("initiatives", EXPORT_COLUMNS)
    sheet.extend(rows)
    return sheet.to_bytes()


# ---------------------------------------------------------------- import: reading
@dataclass
class FileRow:
    number: int
    cells: dict[str, Any]


def _body(table: Table) -> tuple[set[str], list[FileRow]]:
    names = table.header
    for required in ("external_id", "lead"):
        if required not in names:
            raise ValidationFailed(
                "The header row lacks required columns.",
                errors=[row_error(1, required, "import.missing_column", "required column is missing")],
            )
    present = {n for n in names if n in IMPORT_COLUMNS}
    rows = [
        FileRow(
            number=number,
            cells={
                name: values[k] if k < len(values) else None
                for k, name in enumerate(names)
                if name in present
            },
        )
        for number, values in table.rows
    ]
    return present, rows


async def read_file(filename: str | None, data: bytes) -> tuple[set[str], list[FileRow]]:
    return _body(await read_table(filename, None, data, LIMITS))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _payload(cells: dict[str, Any]) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    for name, raw in cells.items():
        text = _text(raw)
        if name in LIST_COLUMNS:
            parts = [p.strip() for p in (text or "").replace("|", ";").split(";") if p.strip()]
            if name == "indicators":
                links = []
                for part in parts:
                    code, _, direction = part.partition(":")
                    links.append({"indicator": code.strip(), "expected_direction": direction.strip() or "up"})
                payload[name] = links
            else:
                payload[name] = parts
        elif name == "phase_override":
            payload["phase"] = text
        else:
            payload[name] = text
    return payload


# ---------------------------------------------------------------- import: writing
@dataclass
class Planned:
    row: FileRow
    external_id: str
    res: service.Resolved
    existing: Initiative | None
    outcome: str


def _same(
    obj: Initiative, res: service.Resolved, links: tuple[list[int], list[int], list[tuple[int, str]]]
) -> bool:
    for key, value in res.values.items():
        if key == "phase" and value is None:
            continue  # derived phases are compared through phase_overridden
        current = getattr(obj, key)
        current = current.value if hasattr(current, "value") else current
        value = value.value if hasattr(value, "value") else value
        if current != value:
            return False
    goals, partners, indicators = links
    return (
        (res.goals is None or res.goals == goals)
        and (res.partners is None or res.partners == partners)
        and (res.indicators is None or res.indicators == indicators)
    )


@unfiltered(Initiative, why="an import row for a deleted initiative is refused, not made anew")
async def import_initiatives(
    session: AsyncSession, *, actor: Principal, filename: str | None, data: bytes, dry_run: bool
) -> ImportSummary:
    present, rows = await read_file(filename, data)
    lk = await service.lookups(session, principal=actor)
    errors: list[FieldError] = []
    denied: list[FieldError] = []
    planned: list[Planned] = []
    seen: set[tuple[int, str]] = set()
    for row in rows:
        prefix = f"row {row.number}"
        payload = _payload(row.cells)
        external_id = payload.get("external_id")
        if not external_id:
            errors.append(row_error(row.number, "external_id", "initiatives.required", "required"))
            continue
        try:
            update = InitiativeUpdate.model_validate(payload)
        except ValidationError as exc:
            for e in exc.errors():
                loc = ".".join(str(p) for p in e.get("loc", ()))
                value = e.get("input")
                errors.append(
                    row_error(
                        row.number,
                        loc,
                        "",  # pydantic's text: the catalogue's field.* code
                        str(e.get("msg", "")),
                        value=value if isinstance(value, str | int | float) else None,
                    )
                )
            continue
        res, row_errors = service.resolve(update, lk, prefix=prefix)
        if row_errors:
            errors.extend(row_errors)
            continue
        lead_id = res.values.get("lead_organisation_id")
        if lead_id is None:
            errors.append(row_error(row.number, "lead", "initiatives.required", "required"))
            continue
        if (lead_id, external_id) in seen:
            errors.append(
                row_error(
                    row.number,
                    "external_id",
                    "initiatives.duplicate",
                    "appears twice in the file",
                    value=external_id,
                )
            )
            continue
        seen.add((lead_id, external_id))
        if not actor.can(Permission.edit, lead_id):
            denied.append(
                row_error(
                    row.number,
                    "lead",
                    "initiatives.not_editor",
                    f"you do not edit for {payload.get('lead')!r}",
                    value=payload.get("lead"),
                )
            )
            continue
        existing = (
            await session.scalars(
                select(Initiative).where(
                    Initiative.lead_organisation_id == lead_id, Initiative.external_id == external_id
                )
            )
        ).first()
        if existing is not None and existing.deleted_at is not None:
            errors.append(
                row_error(
                    row.number,
                    "external_id",
                    "initiatives.deleted",
                    "belongs to a deleted initiative; restore it first",
                    value=external_id,
                )
            )
            continue
        if existing is None:
            if not res.values.get("title"):
                errors.append(
                    row_error(
                        row.number, "title", "initiatives.title_required", "required for a new initiative"
                    )
                )
                continue
            probe = Initiative(**{**res.values, "levels": res.values.get("levels") or ""})
            row_errors = service.check_state(probe, lk, prefix=prefix)
            outcome = "created"
        else:
            assert existing.id is not None
            links = await service.stored_links(session, existing.id)
            if _same(existing, res, links):
                planned.append(Planned(row, external_id, res, existing, "unchanged"))
                continue
            current = {k: getattr(existing, k) for k in Initiative.model_fields if k not in {"id"}}
            probe = Initiative(**{**current, **res.values})
            row_errors = service.check_state(probe, lk, prefix=prefix)
            outcome = "updated"
        if row_errors:
            errors.extend(row_errors)
            continue
        planned.append(Planned(row, external_id, res, existing, outcome))
    if errors:
        raise ValidationFailed(f"{len(errors)} problem(s) in the file; nothing was imported.", errors=errors)
    if denied:
        raise Forbidden(
            "Some rows belong to organisations you do not edit for; nothing was imported.", errors=denied
        )

    results: list[ImportRowResult] = []
    for plan in planned:
        obj = plan.existing
        if not dry_run and plan.outcome == "created":
            obj = Initiative(**{**plan.res.values, "levels": plan.res.values.get("levels") or ""})
            service.check_state(obj, lk)
            session.add(obj)
            await session.flush()
            assert obj.id is not None
            await service.replace_links(session, obj.id, plan.res)
        elif not dry_run and plan.outcome == "updated" and obj is not None:
            assert obj.id is not None
            await service.apply_update(session, actor=actor, obj=obj, res=plan.res, lk=lk)
            obj.version += 1
            obj.updated_at = utcnow()
            await session.flush()
            await service.replace_links(session, obj.id, plan.res)
        results.append(
            ImportRowResult(
                row=plan.row.number,
                external_id=plan.external_id,
                outcome=plan.outcome,
                id=obj.id if obj else None,
            )
        )
    counts = {k: sum(1 for r in results if r.outcome == k) for k in ("created", "updated", "unchanged")}
    if not dry_run and (counts["created"] or counts["updated"]):
        audit.record(
            session,
            actor=actor,
            action="initiative.import",
            object_type="initiative",
            object_id=None,
            summary={"file": filename, "rows": len(results), "columns": sorted(present), **counts},
            changed={
                outcome: [r.id for r in results if r.outcome == outcome and r.id is not None]
                for outcome in ("created", "updated")
            },
        )
    return ImportSummary(dry_run=dry_run, rows=len(results), results=results, **counts)
