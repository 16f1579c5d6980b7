"""Settings, read once from the environment (prefix-free names, as operators expect)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "change-me-sammen-development-secret-0123456789"
REPO_ROOT = Path(__file__).resolve().parents[3]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///./data/sammen.db"
    database_echo: bool = False
    read_slots: int = 8  # reads running their handlers at once per process (core.middleware)
    loop_lag_probe: bool = False  # benchmarks: measure event-loop lag (core/looplag.py)

    jwt_secret: str = DEFAULT_SECRET
    jwt_issuer: str = "sammen"
    jwt_audience: str = "sammen-api"
    access_token_minutes: int = Field(default=15, ge=1, le=60)
    refresh_token_days: int = Field(default=30, ge=1, le=365)

    cors_origins: list[str] = Field(default_factory=list)
    demo_mode: bool = False
    # HSTS is only meaningful behind TLS; operators turn it on at the proxy boundary.
    behind_tls: bool = False
    # The refresh cookie is Secure; browsers accept that on http://localhost and 127.0.0.1 too.
    cookie_secure: bool = True

    # Password hashing: argon2id. Tests lower these to keep the suite fast.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536

    # Login throttling per account: failures inside the window slow, then refuse.
    login_slowdown_after: int = 3
    login_lockout_after: int = 10
    login_window_minutes: int = 15
    login_slowdown_seconds: float = 1.0

    max_body_bytes: int = 1_000_000
    max_import_bytes: int = 50_000_000
    min_n_default: int = 5

    spa_dist: Path = REPO_ROOT / "frontend" / "dist"

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.environment == "production":
            if self.jwt_secret == DEFAULT_SECRET or len(self.jwt_secret) < 32:
                raise ValueError(
                    "JWT_SECRET must be set to a random value of at least 32 characters in production"
                )
            if self.demo_mode:
                raise ValueError("DEMO_MODE cannot be used in production")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
