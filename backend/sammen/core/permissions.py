"""Roles, permissions and visibility: the one table every authorisation decision reads.

Organisation roles grow: viewer < reporter < editor. `admin` is held in the secretariat
organisation and adds the management permissions; admins read all partner content but
restricted content only where their organisation is named (DESIGN.md).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import ColumnElement, false, or_


class Role(enum.StrEnum):
    viewer = "viewer"
    reporter = "reporter"
    editor = "editor"
    admin = "admin"


class Permission(enum.StrEnum):
    read = "content:read"  # partner content of any organisation
    report = "content:report"  # observations and progress for what the organisation owns
    edit = "content:edit"  # create, change and approve what the organisation owns
    act_for_any_org = "content:any-org"  # report/edit on behalf of any organisation
    manage_orgs = "orgs:manage"  # organisations, users, memberships, API clients
    manage_agreement = "agreement:manage"  # agreement, phases, goals, amendments
    manage_bodies = "bodies:manage"  # bodies, mandates, members
    read_audit = "audit:read"  # audit events and the security log


ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.viewer: frozenset({Permission.read}),
    Role.reporter: frozenset({Permission.read, Permission.report}),
    Role.editor: frozenset({Permission.read, Permission.report, Permission.edit}),
    Role.admin: frozenset(Permission),
}

# Permissions that are about one organisation's own objects; the rest are global.
ORG_SCOPED = frozenset({Permission.report, Permission.edit})
ROLE_RANK = {Role.viewer: 1, Role.reporter: 2, Role.editor: 3, Role.admin: 4}


@dataclass(frozen=True)
class Principal:
    """Who is calling, as the database says right now (not as an old token claimed)."""

    kind: Literal["user", "client"]
    id: int
    name: str
    roles: Mapping[int, frozenset[Role]] = field(default_factory=dict)  # organisation id -> roles
    org_slugs: Mapping[int, str] = field(default_factory=dict)
    email: str | None = None
    must_change_password: bool = False
    token_epoch: int = 0  # access tokens issued in another epoch are no longer valid

    @property
    def subject(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def org_ids(self) -> frozenset[int]:
        return frozenset(org for org, roles in self.roles.items() if roles)

    def permissions_in(self, org_id: int) -> frozenset[Permission]:
        granted: set[Permission] = set()
        for role in self.roles.get(org_id, frozenset()):
            granted |= ROLE_PERMISSIONS[role]
        return frozenset(granted)

    @property
    def permissions(self) -> frozenset[Permission]:
        granted: set[Permission] = set()
        for org_id in self.roles:
            granted |= self.permissions_in(org_id)
        return frozenset(granted)

    def can(self, permission: Permission, org_id: int | None = None) -> bool:
        """Global permissions: held in any organisation. Scoped ones: held in `org_id`, or any-org."""
        if permission in ORG_SCOPED and org_id is not None:
            if permission in self.permissions_in(org_id):
                return True
            return Permission.act_for_any_org in self.permissions
        return permission in self.permissions

    def can_for_any(self, permission: Permission, org_ids: Iterable[int]) -> bool:
        return any(self.can(permission, org_id) for org_id in org_ids)

    @property
    def is_partner(self) -> bool:
        return Permission.read in self.permissions

    def claims_orgs(self) -> dict[str, list[str]]:
        return {self.org_slugs[o]: sorted(r.value for r in roles) for o, roles in self.roles.items() if roles}


def can_read(
    principal: Principal | None, visibility: str, owner_org_id: int | None, named_org_ids: Iterable[int] = ()
) -> bool:
    """The visibility rule for one object (mirrors `visibility_clause`)."""
    if visibility == "public":
        return True
    if principal is None:
        return False
    if visibility == "partners":
        return principal.is_partner
    allowed = {owner_org_id, *named_org_ids} - {None}
    return bool(principal.org_ids & allowed)


def visibility_key(principal: Principal | None) -> tuple[bool, frozenset[int]] | None:
    """What `visibility_clause` reads from a principal: callers with equal keys see the same
    rows, so statements (and response validators) may be shared between them."""
    if principal is None:
        return None
    return (principal.is_partner, principal.org_ids)


def visibility_clause(
    principal: Principal | None,
    visibility_col: Any,
    owner_col: Any | None = None,
    named_orgs: ColumnElement[bool] | None = None,
) -> ColumnElement[bool]:
    """The visibility rule as SQL, so an invisible row can never be loaded by accident.

    `named_orgs` is a boolean expression (usually EXISTS) that is true when one of the
    principal's organisations is named on the row; build it with `principal.org_ids`.
    """
    clauses: list[ColumnElement[bool]] = [visibility_col == "public"]
    if principal is not None and principal.is_partner:
        clauses.append(visibility_col == "partners")
    if principal is not None and principal.org_ids:
        restricted: list[ColumnElement[bool]] = []
        if owner_col is not None:
            restricted.append(owner_col.in_(sorted(principal.org_ids)))
        if named_orgs is not None:
            restricted.append(named_orgs)
        if restricted:
            clauses.append((visibility_col == "restricted") & or_(*restricted))
    return or_(*clauses) if clauses else false()


# ---------------------------------------------------------------- body roles
# The second table: roles people hold in a governance body (from body membership, not from
# their organisation) and what each lets them do in that body. Admins (bodies:manage) manage
# bodies, mandates and members, and may also plan meetings; restricted minutes and agenda
# items stay with the body's members (admins included only if they are members).
class BodyRole(enum.StrEnum):
    chair = "chair"
    secretary = "secretary"
    member = "member"
    observer = "observer"


class BodyPermission(enum.StrEnum):
    read_restricted = "body:read-restricted"  # restricted meetings, agenda items, minutes, decisions
    run_meetings = "body:run-meetings"  # meetings, agenda, attendance, draft minutes, decisions, actions
    approve_minutes = "body:approve-minutes"  # approve minutes and correct approved ones


BODY_ROLE_PERMISSIONS: Mapping[BodyRole, frozenset[BodyPermission]] = {
    BodyRole.chair: frozenset(BodyPermission),
    BodyRole.secretary: frozenset(BodyPermission),
    BodyRole.member: frozenset({BodyPermission.read_restricted}),
    BodyRole.observer: frozenset({BodyPermission.read_restricted}),
}


def body_permissions(roles: Iterable[BodyRole]) -> frozenset[BodyPermission]:
    granted: set[BodyPermission] = set()
    for role in roles:
        granted |= BODY_ROLE_PERMISSIONS[role]
    return frozenset(granted)
