"""Organisations, users, memberships, API clients and refresh tokens."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from sammen.core.permissions import Role
from sammen.core.tables import SoftDeletable, StrEnumType, Timestamped, UTCDateTime, Versioned


class OrganisationKind(enum.StrEnum):
    kommune = "kommune"
    boligorganisation = "boligorganisation"
    politi = "politi"
    secretariat = "secretariat"
    residents_board = "residents_board"
    other = "other"


class Organisation(Versioned, Timestamped, SoftDeletable, table=True):
    __tablename__ = "organisations"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=200)
    kind: OrganisationKind = Field(sa_type=StrEnumType(OrganisationKind))
    is_party: bool = Field(default=False, description="A party to the agreement")
    parent_id: int | None = Field(default=None, foreign_key="organisations.id")
    description: str | None = Field(default=None, max_length=4000)


class User(Versioned, Timestamped, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True)
    name: str = Field(max_length=200)
    password_hash: str | None = Field(default=None, max_length=200)
    is_active: bool = Field(default=True)
    must_change_password: bool = Field(default=True)
    language: str = Field(default="da", max_length=5)
    last_login_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    deactivated_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Access tokens carry the epoch they were issued in; bumping it ends them all at once.
    token_epoch: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Membership(Versioned, Timestamped, table=True):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    role: Role = Field(sa_type=StrEnumType(Role))
    valid_from: dt.date | None = Field(default=None)
    valid_to: dt.date | None = Field(default=None)


class ApiClient(Versioned, Timestamped, table=True):
    __tablename__ = "api_clients"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=80, unique=True)
    name: str = Field(max_length=200)
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    role: Role = Field(sa_type=StrEnumType(Role))
    secret_hash: str = Field(max_length=128)
    is_active: bool = Field(default=True)
    last_used_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    token_epoch: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class LoginThrottle(SQLModel, table=True):
    """Sign-in attempts per key (an account from an address, an account, an address) in the
    current window. Kept in the database so every worker process counts the same attempts."""

    __tablename__ = "login_throttles"

    key: str = Field(primary_key=True, max_length=400)
    window_started_at: dt.datetime = Field(sa_type=UTCDateTime)
    attempts: int = Field(default=0)


class RefreshToken(SQLModel, table=True):
    """One link in a rotation chain. Presenting a used link again revokes the whole family."""

    __tablename__ = "refresh_tokens"
    __table_args__ = (Index("ix_refresh_tokens_family", "family_id"),)

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=128, unique=True)
    family_id: str = Field(max_length=64)
    user_id: int = Field(foreign_key="users.id", index=True)
    issued_at: dt.datetime = Field(sa_type=UTCDateTime)
    expires_at: dt.datetime = Field(sa_type=UTCDateTime)
    used_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
