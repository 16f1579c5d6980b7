"""Who sees and who runs what in the meetings domain.

The caller in body terms (Viewer), the visibility rules for meetings, restricted rows and
decisions, the check that the caller runs a body's meetings, and the meeting lookup every
module of the domain starts from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Date, and_, bindparam, false, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.clock import today
from sammen.core.errors import Forbidden, NotFound
from sammen.core.live import get_live, is_live, live
from sammen.core.permissions import BodyPermission, BodyRole, Permission, Principal, body_permissions
from sammen.core.tables import Visibility
from sammen.governance.bodies import service as bodies
from sammen.governance.meetings.models import Decision, Meeting, MeetingStatus

# a meeting's agenda and details are still open to change in these states
BEFORE_HELD = {MeetingStatus.planned, MeetingStatus.agenda_published}


# ---------------------------------------------------------------- the caller, in body terms
@dataclass(frozen=True)
class Viewer:
    principal: Principal | None
    roles: dict[int, frozenset[BodyRole]] = field(default_factory=dict)

    @property
    def member_bodies(self) -> list[int]:
        return sorted(self.roles)

    def member_of(self, body_id: int) -> bool:
        return body_id in self.roles

    def can(self, body_id: int, permission: BodyPermission) -> bool:
        return permission in body_permissions(self.roles.get(body_id, ()))

    @property
    def manages_bodies(self) -> bool:
        return self.principal is not None and self.principal.can(Permission.manage_bodies)

    def runs(self, body_id: int) -> bool:
        return self.manages_bodies or self.can(body_id, BodyPermission.run_meetings)

    @property
    def is_partner(self) -> bool:
        return self.principal is not None and self.principal.is_partner

    @property
    def members(self) -> list[int] | None:
        """The bodies the visibility clauses open restricted rows and meetings of (None: none)."""
        return self.member_bodies or None

    @property
    def bound(self) -> dict[str, Any]:
        """Values the visibility clauses take at execution: none, the bodies are in the SQL."""
        return {}


@dataclass(frozen=True)
class SqlViewer:
    """The caller as a list's statement sees them: the bodies they hold a role in today are read
    by the statement itself (a subquery bound at execution), not by a statement of their own
    before it. The same rules as a Viewer's, one statement fewer per page; and one statement
    serves every user with the same partner standing."""

    principal: Principal | None

    @property
    def is_partner(self) -> bool:
        return self.principal is not None and self.principal.is_partner

    @property
    def is_user(self) -> bool:
        return self.principal is not None and self.principal.kind == "user"

    @property
    def members(self) -> Any:
        # as body_roles: API clients hold no body roles
        if not self.is_user:
            return None
        return bodies.bodies_held(bindparam("viewer_user_id"), bindparam("viewer_on", type_=Date))

    @property
    def bound(self) -> dict[str, Any]:
        if not self.is_user:
            return {}
        assert self.principal is not None
        return {"viewer_user_id": self.principal.id, "viewer_on": today()}


async def viewer(session: AsyncSession, principal: Principal | None) -> Viewer:
    return Viewer(principal=principal, roles=await bodies.body_roles(session, principal))


def meeting_visible(v: Viewer, meeting: Meeting) -> bool:
    if not is_live(meeting):
        return False
    if v.member_of(meeting.body_id) or meeting.visibility == Visibility.public:
        return True
    return meeting.visibility == Visibility.partners and v.is_partner


AnyViewer = Viewer | SqlViewer


def viewer_key(v: AnyViewer) -> tuple[Any, ...]:
    """What `meeting_clause` and `restricted_clause` read from a viewer: statements built from
    them may be shared (core.sqljson.StatementCache) by viewers with equal keys."""
    if isinstance(v, SqlViewer):
        return ("sql", v.is_partner, v.is_user)
    return (v.is_partner, tuple(v.member_bodies))


def meeting_clause(v: AnyViewer) -> Any:
    """The meeting visibility rule as SQL (mirrors `meeting_visible`)."""
    clauses: list[Any] = [col(Meeting.visibility) == Visibility.public]
    if v.is_partner:
        clauses.append(col(Meeting.visibility) == Visibility.partners)
    if v.members is not None:
        clauses.append(col(Meeting.body_id).in_(v.members))
    return and_(live(Meeting), or_(*clauses))


def restricted_clause(v: AnyViewer, restricted_col: Any, body_col: Any) -> Any:
    """Restricted rows only for members of their body."""
    if v.members is not None:
        return or_(restricted_col == false(), body_col.in_(v.members))
    return restricted_col == false()


def require_runner(v: Viewer, body_id: int) -> None:
    if v.principal is None:
        from sammen.core.errors import Unauthorized

        raise Unauthorized()
    if not v.runs(body_id):
        raise Forbidden("Only the body's chair or secretary (or an admin) runs its meetings.")


async def get_meeting(session: AsyncSession, *, v: Viewer, meeting_id: int) -> Meeting:
    meeting = await get_live(session, Meeting, meeting_id)
    if meeting is None or not meeting_visible(v, meeting):
        raise NotFound(f"No meeting {meeting_id}.")
    return meeting


# ---------------------------------------------------------------- decisions the caller may see
def decisions_stmt(v: Viewer) -> Any:
    return (
        select(Decision)
        .join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
        .where(meeting_clause(v), restricted_clause(v, col(Decision.restricted), col(Decision.body_id)))
    )
