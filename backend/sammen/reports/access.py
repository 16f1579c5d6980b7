"""Who may do what with a report (issue #12): admins and editors of the secretariat write;
editors of any partner organisation comment while it is in review; every partner reads both
editions; anyone reads the public edition of a frozen report. And what each edition reads as."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.errors import Conflict, Forbidden, NotFound, Unauthorized
from sammen.core.pagination import PageParams
from sammen.core.permissions import Permission, Principal, Role
from sammen.orgs import service as orgs_service
from sammen.orgs.api import OrganisationKind
from sammen.reports.models import Edition, ReportState, StatusReport
from sammen.reports.schemas import Action

EDITABLE = {ReportState.draft, ReportState.in_review}


class ReportFrozen(Conflict):
    slug, title = "report-frozen", "The report is frozen"


@dataclass(frozen=True)
class Access:
    principal: Principal | None
    secretariat_ids: frozenset[int]

    @property
    def is_partner(self) -> bool:
        return self.principal is not None and self.principal.is_partner

    @property
    def can_edit(self) -> bool:
        p = self.principal
        if p is None:
            return False
        return p.can(Permission.act_for_any_org) or any(
            Permission.edit in p.permissions_in(org) for org in self.secretariat_ids
        )

    @property
    def can_comment(self) -> bool:
        p = self.principal
        return p is not None and any(Permission.edit in p.permissions_in(org) for org in p.org_ids)


async def access_of(session: AsyncSession, principal: Principal | None) -> Access:
    secretariat: frozenset[int] = frozenset()
    if principal is not None:
        orgs, _ = await orgs_service.list_organisations(
            session, page=PageParams(limit=500, offset=0), kind=OrganisationKind.secretariat
        )
        secretariat = frozenset(o.id for o in orgs if o.id is not None)
    return Access(principal=principal, secretariat_ids=secretariat)


def require_editor(a: Access) -> None:
    if a.principal is None:
        raise Unauthorized()
    if not a.can_edit:
        raise Forbidden("Only admins and editors of the secretariat write the status report.")


def require_editable(report: StatusReport) -> None:
    """A frozen report never changes; a presented one changes only after it is reopened."""
    if report.state == ReportState.frozen:
        raise ReportFrozen(
            f"{report.title} is frozen: the partnership approved it (decision {report.frozen_decision_id}) "
            f"on {report.frozen_at:%Y-%m-%d}, and a frozen report never changes. Start a new draft from it."
            if report.frozen_at
            else f"{report.title} is frozen and never changes."
        )
    if report.state not in EDITABLE:
        raise Conflict(
            f"{report.title} is {report.state.value}: it was presented at a meeting as it stands. "
            "Reopen it for review to change it."
        )


def partner_reader() -> Principal:
    """Reads as 'any partner' (no organisation of its own): the partners edition's content."""
    return Principal(kind="user", id=0, name="Sammen", roles={-1: frozenset({Role.viewer})})


def reader_for(edition: Edition) -> Principal | None:
    return partner_reader() if edition == Edition.partners else None


def editions_for(a: Access, report: StatusReport) -> list[Edition]:
    if a.is_partner:
        return [Edition.partners, Edition.public]
    return [Edition.public] if report.state == ReportState.frozen else []


def require_edition(a: Access, report: StatusReport, edition: Edition) -> None:
    if edition not in editions_for(a, report):
        if a.principal is None:
            raise Unauthorized(
                "Sign in to read the partners' edition; the public edition is open once frozen."
            )
        raise NotFound(f"No {edition.value} edition of report {report.id}.")


def actions(a: Access, report: StatusReport) -> list[Action]:
    """Each lifecycle action with whether the caller may take it now and, if not, why (Danish)."""
    state = report.state
    editor = None if a.can_edit else "Kun sekretariatets redaktører og administratorer kan."
    frozen = "Rapporten er frosset og ændres aldrig." if state == ReportState.frozen else None

    def one(action: str, rule: str | None) -> Action:
        reason = frozen or (editor if action != "comment" else None) or rule
        return Action(action=action, allowed=reason is None, reason=reason)

    comment_rule = (
        None
        if state == ReportState.in_review and a.can_comment
        else "Kommentarer skrives, mens rapporten er i høring."
        if state != ReportState.in_review
        else "Kun redaktører i partnernes organisationer kan kommentere."
    )
    return [
        one("edit", None if state in EDITABLE else "Rapporten er fremlagt; genåbn den for at ændre den."),
        one("submit", None if state == ReportState.draft else "Kun en kladde sendes i høring."),
        one(
            "present",
            None if state == ReportState.in_review else "Rapporten skal være i høring, før den fremlægges.",
        ),
        one(
            "freeze",
            None
            if state == ReportState.presented
            else "Rapporten skal være fremlagt på et partnerskabsmøde, før den kan fryses.",
        ),
        one(
            "reopen",
            None if state in {ReportState.in_review, ReportState.presented} else "Der er intet at genåbne.",
        ),
        one("delete", None if state == ReportState.draft else "Kun en kladde kan slettes."),
        one("comment", comment_rule),
    ]
