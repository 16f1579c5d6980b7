"""Dependency aliases every router uses (the request's session, settings, database)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.config import Settings
from sammen.core.db import Database, get_database, get_reader, get_session
from sammen.core.reads import Reader
from sammen.core.security import PasswordHashing


async def get_settings_from_app(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_hasher(request: Request) -> PasswordHashing:
    hasher: PasswordHashing = request.app.state.hasher
    return hasher


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


ReaderDep = Annotated[Reader, Depends(get_reader)]
SettingsDep = Annotated[Settings, Depends(get_settings_from_app)]
DatabaseDep = Annotated[Database, Depends(get_database)]
HasherDep = Annotated[PasswordHashing, Depends(get_hasher)]
