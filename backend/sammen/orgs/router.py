"""The orgs domain's routers, one module per sub-resource; main.py includes them from here.

auth_routes: sign-in and the caller; organisation_routes: organisations; user_routes: users and
memberships; api_client_routes: API clients.
"""

from __future__ import annotations

from sammen.core.permissions import Permission
from sammen.orgs.api_client_routes import api_clients_router
from sammen.orgs.auth_routes import auth_router
from sammen.orgs.organisation_routes import organisations_router
from sammen.orgs.user_routes import memberships_router, users_router

__all__ = [
    "Permission",
    "api_clients_router",
    "auth_router",
    "memberships_router",
    "organisations_router",
    "users_router",
]
