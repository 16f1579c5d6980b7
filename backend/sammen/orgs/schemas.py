"""Request and response shapes for organisations, users, memberships, API clients and sign-in."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

from sammen.core.fields import MAX_ID, Id, Line, Text
from sammen.core.permissions import Permission, Role
from sammen.orgs.models import OrganisationKind

SLUG = r"^[a-z0-9][a-z0-9-]{0,59}$"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 10


def _email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value):
        raise ValueError("not a valid email address")
    return value


Email = Annotated[Line, Field(max_length=320), AfterValidator(_email)]
OrganisationRef = Annotated[
    Annotated[StrictInt, Field(ge=1, le=MAX_ID)] | Annotated[str, Field(pattern=SLUG)],
    Field(
        description="The organisation: its numeric id, or its slug (e.g. `kvp`); a string of digits is an id",
        examples=[3, "kvp"],
    ),
]
Name = Annotated[Line, Field(min_length=1, max_length=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- organisations
class OrganisationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    name: str
    kind: OrganisationKind
    is_party: bool
    parent_id: int | None
    description: str | None
    version: int


class OrganisationCreate(Strict):
    slug: str = Field(pattern=SLUG, description="Lower-case letters, digits and hyphens; at least one letter")
    name: Name
    kind: OrganisationKind
    is_party: bool = False
    parent_id: Id | None = None
    description: Text | None = Field(default=None, max_length=4000)

    @field_validator("slug")
    @classmethod
    def _has_a_letter(cls, slug: str) -> str:
        # A slug of digits only would read as an id wherever an organisation is named by id or slug.
        if slug.isdigit():
            raise ValueError("a slug needs at least one letter")
        return slug


class OrganisationUpdate(Strict):
    name: Name | None = None
    kind: OrganisationKind | None = None
    is_party: bool | None = None
    parent_id: Id | None = None
    description: Text | None = Field(default=None, max_length=4000)


# ---------------------------------------------------------------- users and memberships
class MembershipPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    organisation_id: int
    role: Role
    valid_from: dt.date | None
    valid_to: dt.date | None
    version: int


class MembershipCreate(Strict):
    user_id: Id
    organisation_id: OrganisationRef
    role: Role
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> MembershipCreate:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to must not be before valid_from")
        return self


class MembershipUpdate(Strict):
    role: Role | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    is_active: bool
    must_change_password: bool
    language: str
    last_login_at: dt.datetime | None
    version: int


class InitialMembership(Strict):
    organisation_id: OrganisationRef
    role: Role


class UserCreate(Strict):
    email: Email
    name: Name
    language: Literal["da", "en"] = "da"
    memberships: list[InitialMembership] = Field(default_factory=list, max_length=20)


class UserCreated(BaseModel):
    user: UserPublic
    one_time_password: str = Field(description="Shown once. The user must change it at first sign-in.")


class UserUpdate(Strict):
    email: Email | None = None
    name: Name | None = None
    language: Literal["da", "en"] | None = None


class PasswordReset(BaseModel):
    one_time_password: str


class PasswordChange(Strict):
    current_password: Line = Field(min_length=1, max_length=200)
    new_password: Line = Field(min_length=MIN_PASSWORD, max_length=200)


# ---------------------------------------------------------------- API clients
class ApiClientPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: str
    name: str
    organisation_id: int
    role: Role
    is_active: bool
    last_used_at: dt.datetime | None
    version: int


class ApiClientCreate(Strict):
    name: Name
    organisation_id: OrganisationRef
    role: Literal[Role.viewer, Role.reporter, Role.editor] = Role.viewer


class ApiClientUpdate(Strict):
    name: Name | None = None
    role: Literal[Role.viewer, Role.reporter, Role.editor] | None = None
    is_active: bool | None = None


class ApiClientCreated(BaseModel):
    client: ApiClientPublic
    client_secret: str = Field(description="Shown once; store it in the partner system's secret store.")


# ---------------------------------------------------------------- sign-in
class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    refresh_token: str | None = Field(
        default=None, description="Rotating refresh token (password and refresh grants only)."
    )
    must_change_password: bool = False


class MeMembership(BaseModel):
    organisation_id: int
    organisation_slug: str
    role: Role


class Me(BaseModel):
    kind: Literal["user", "client"]
    id: int
    name: str
    email: str | None
    must_change_password: bool
    memberships: list[MeMembership]
    permissions: dict[str, list[Permission]] = Field(
        description="Permissions per organisation slug, as the server's permission table grants them"
    )


class LogoutRequest(BaseModel):
    refresh_token: Line | None = None
