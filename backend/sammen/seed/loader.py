"""Loading an agreement file into the database, idempotently.

Each domain that owns part of the file contributes a step; a step upserts by the file's
stable keys (slugs and codes) and reports what it created, updated or left unchanged.
Loading the same file twice changes nothing. The whole load is one transaction, and the
file is validated completely before anything is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, select

from sammen.core import audit
from sammen.core.tables import utcnow
from sammen.goals.models import Agreement, Goal, Phase
from sammen.orgs.models import Organisation, OrganisationKind
from sammen.seed.schema import AgreementFile, read_agreement_file

M = TypeVar("M", bound=SQLModel)


def default_agreement_path() -> Path:
    return Path(str(resources.files("sammen.seed") / "agreements" / "hoeje-gladsaxe.yaml"))


@dataclass
class SeedReport:
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] or c["deleted"] for c in self.counts.values())

    def summary(self) -> dict[str, dict[str, int]]:
        return {kind: dict(counter) for kind, counter in sorted(self.counts.items())}

    def lines(self) -> list[str]:
        return [
            f"{kind:20s} " + ", ".join(f"{n} {outcome}" for outcome, n in sorted(counter.items()))
            for kind, counter in sorted(self.counts.items())
        ]


@dataclass
class SeedContext:
    """What earlier steps stored, for later steps to link to."""

    report: SeedReport
    agreement_id: int = 0
    organisations: dict[str, int] = field(default_factory=dict)  # slug -> id
    goals: dict[str, int] = field(default_factory=dict)  # code -> id (goals and sub-objectives)
    extra: dict[str, dict[str, int]] = field(default_factory=dict)  # other steps' slug/code -> id maps


SeedStep = Callable[[AsyncSession, AgreementFile, SeedContext], Awaitable[None]]


async def upsert(
    session: AsyncSession,
    model: type[M],
    key: dict[str, Any],
    values: dict[str, Any],
    *,
    report: SeedReport,
    kind: str,
) -> M:
    """Create the row with `key`, or bring its `values` up to date; versioned rows get a new version."""
    stmt = select(model)
    for column, value in key.items():
        stmt = stmt.where(getattr(model, column) == value)
    row = (await session.scalars(stmt)).first()
    if row is None:
        row = model(**key, **values)
        session.add(row)
        await session.flush()
        report.add(kind, "created")
        return row
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    if not changed:
        report.add(kind, "unchanged")
        return row
    for name, value in changed.items():
        setattr(row, name, value)
    if hasattr(row, "version"):
        row.version += 1
    if hasattr(row, "updated_at"):
        row.updated_at = utcnow()
    await session.flush()
    report.add(kind, "updated")
    return row


async def seed_organisations(session: AsyncSession, file: AgreementFile, ctx: SeedContext) -> None:
    # Parents first: a parent must exist before a child can point to it.
    pending = list(file.organisations)
    while pending:
        ready = [o for o in pending if o.parent is None or o.parent in ctx.organisations]
        for org in ready:
            row = await upsert(
                session,
                Organisation,
                {"slug": org.slug},
                {
                    "name": org.name,
                    "kind": OrganisationKind(org.kind.value),
                    "is_party": org.is_party,
                    "description": org.description,
                    "parent_id": ctx.organisations[org.parent] if org.parent else None,
                },
                report=ctx.report,
                kind="organisations",
            )
            assert row.id is not None
            ctx.organisations[org.slug] = row.id
        pending = [o for o in pending if o not in ready]


async def seed_agreement(session: AsyncSession, file: AgreementFile, ctx: SeedContext) -> None:
    a = file.agreement
    row = await upsert(
        session,
        Agreement,
        {"slug": a.slug},
        {
            "title": a.title,
            "subtitle": a.subtitle,
            "description": a.description,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "vision": a.vision,
            "future_pictures": [p.model_dump() for p in a.future_pictures],
            "rules_of_play": a.rules_of_play.model_dump() if a.rules_of_play else {},
            "effect": a.effect,
            "prioritisation": a.prioritisation,
            "governance": a.governance,
        },
        report=ctx.report,
        kind="agreement",
    )
    assert row.id is not None
    ctx.agreement_id = row.id
    for phase in a.phases:
        await upsert(
            session,
            Phase,
            {"agreement_id": row.id, "number": phase.number},
            {
                "title": phase.title,
                "starts_year": phase.starts_year,
                "ends_year": phase.ends_year,
                "description": phase.description,
            },
            report=ctx.report,
            kind="phases",
        )


async def seed_goals(session: AsyncSession, file: AgreementFile, ctx: SeedContext) -> None:
    secretariat = next(
        (ctx.organisations[o.slug] for o in file.organisations if o.kind.value == "secretariat"), None
    )
    for position, goal in enumerate(file.goals):
        row = await upsert(
            session,
            Goal,
            {"agreement_id": ctx.agreement_id, "code": goal.code},
            {
                "title": goal.title,
                "description": goal.description,
                "position": position,
                "parent_id": None,
                "visibility": goal.visibility.value,
                "owner_organisation_id": secretariat,
            },
            report=ctx.report,
            kind="goals",
        )
        assert row.id is not None
        ctx.goals[goal.code] = row.id
        for sub_position, sub in enumerate(goal.sub_objectives):
            sub_row = await upsert(
                session,
                Goal,
                {"agreement_id": ctx.agreement_id, "code": sub.code},
                {
                    "title": sub.title,
                    "description": sub.description,
                    "position": sub_position,
                    "parent_id": row.id,
                    "visibility": goal.visibility.value,
                    "owner_organisation_id": secretariat,
                },
                report=ctx.report,
                kind="sub_objectives",
            )
            assert sub_row.id is not None
            ctx.goals[sub.code] = sub_row.id


# The order matters: later steps link to what earlier ones stored. Later domains append theirs.
SEED_STEPS: list[SeedStep] = [seed_organisations, seed_agreement, seed_goals]


def _domain_steps() -> list[SeedStep]:
    """Each domain's part of the file, in dependency order (imported late: those modules import this one)."""
    from sammen.seed.governance import seed_bodies
    from sammen.seed.indicators import seed_indicators

    return [seed_bodies, seed_indicators]


SEED_STEPS.extend(_domain_steps())


async def load_agreement(session: AsyncSession, file: AgreementFile) -> SeedReport:
    """Store an already validated agreement file; the caller's transaction commits it."""
    ctx = SeedContext(report=SeedReport())
    for step in SEED_STEPS:
        await step(session, file, ctx)
    if ctx.report.changed:
        audit.record(
            session,
            actor=None,
            action="seed.load",
            object_type="agreement",
            object_id=ctx.agreement_id,
            summary={"file": file.agreement.slug, **ctx.report.summary()},
        )
    return ctx.report


def read(path: Path | None = None) -> AgreementFile:
    """Validate the file (default: the shipped Høje Gladsaxe agreement) before anything is written."""
    return read_agreement_file(path or default_agreement_path())
