"""Demo users, for demo mode only (never in production).

`admin@sammen.demo` (admin in the secretariat) and, for every organisation in the
agreement, `editor@<slug>.demo`, `reporter@<slug>.demo` and `viewer@<slug>.demo`;
all with the password `demo`, no password change required.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core import audit
from sammen.core.live import live
from sammen.core.permissions import Role
from sammen.core.security import PasswordHashing
from sammen.orgs.models import Membership, Organisation, OrganisationKind, User
from sammen.seed.loader import SeedReport, upsert

# Demo content of later domains (initiatives, meetings, demo series) runs after the users exist.
DemoStep = Callable[[AsyncSession, SeedReport], Awaitable[None]]
DEMO_STEPS: list[DemoStep] = []


def _domain_steps() -> list[DemoStep]:
    """Each domain's demo content, in dependency order (imported late: those modules import this one)."""
    from sammen.seed.demo_series import seed_demo_series
    from sammen.seed.governance import seed_demo_governance
    from sammen.seed.initiatives import seed_demo_initiatives
    from sammen.seed.reports import seed_demo_reports

    return [seed_demo_governance, seed_demo_series, seed_demo_initiatives, seed_demo_reports]


DEMO_STEPS.extend(_domain_steps())

DEMO_PASSWORD = "demo"
ADMIN_EMAIL = "admin@sammen.demo"
ORG_ROLES = (Role.editor, Role.reporter, Role.viewer)


def demo_email(role: Role, slug: str) -> str:
    return ADMIN_EMAIL if role == Role.admin else f"{role.value}@{slug}.demo"


async def seed_demo_users(session: AsyncSession, *, hasher: PasswordHashing, report: SeedReport) -> list[str]:
    """Create the demo users that are missing; existing ones keep their password. Returns the emails."""
    organisations = list(
        (
            await session.scalars(
                select(Organisation).where(live(Organisation)).order_by(col(Organisation.slug))
            )
        ).all()
    )
    password_hash = await hasher.hash(DEMO_PASSWORD)  # one hash serves every demo user: same password
    wanted: list[tuple[str, str, Organisation, Role]] = []
    for org in organisations:
        if org.kind == OrganisationKind.secretariat:
            wanted.append((ADMIN_EMAIL, "Demo Admin", org, Role.admin))
        for role in ORG_ROLES:
            wanted.append((demo_email(role, org.slug), f"Demo {role.value} ({org.name})", org, role))
    emails = []
    for email, name, org, role in wanted:
        existing = (await session.scalars(select(User).where(User.email == email))).first()
        if existing is None:
            existing = User(email=email, name=name, password_hash=password_hash, must_change_password=False)
            session.add(existing)
            await session.flush()
            report.add("demo_users", "created")
        else:
            report.add("demo_users", "unchanged")
        assert existing.id is not None
        assert org.id is not None
        await upsert(
            session,
            Membership,
            {"user_id": existing.id, "organisation_id": org.id},
            {"role": role},
            report=report,
            kind="demo_memberships",
        )
        emails.append(email)
    return emails


async def seed_demo(session: AsyncSession, *, hasher: PasswordHashing, report: SeedReport) -> list[str]:
    """Demo users, then every domain's demo content; idempotent like the agreement load. The demo is
    the starting state, not news: nothing of it reaches the change feed or webhooks."""
    audit.installing(session)
    emails = await seed_demo_users(session, hasher=hasher, report=report)
    for step in DEMO_STEPS:
        await step(session, report)
    return emails
