"""Settings, read once from the environment (prefix-free names, as operators expect)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "change-me-sammen-development-secret-0123456789"
REPO_ROOT = Path(__file__).resolve().parents[3]
TRUE = frozenset({"1", "true", "yes", "on"})


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # Production unless said otherwise: a server started without configuration must not run with the
    # development secret that anyone can read in the repository. DEMO_MODE=true alone also chooses
    # development (a demo server has well-known passwords anyway); `make run` sets both.
    environment: Literal["development", "test", "production"] = "production"
    database_url: str = "sqlite+aiosqlite:///./data/sammen.db"
    database_echo: bool = False
    # reads running their handlers at once per process; unset: 2 on PostgreSQL, 8 on SQLite
    # (core/admission.py says why)
    read_slots: int | None = Field(default=None, ge=1)
    read_slots_while_writing: int = 1  # ... while a write is being handled
    loop_lag_probe: bool = False  # benchmarks: measure event-loop lag (core/looplag.py)
    # PostgreSQL: keep who each token's subject is per process for reads, told of every change by
    # NOTIFY (orgs/principals.py); off: every request reads it from the database.
    principal_cache: bool = True
    # Start the report PDF workers at startup, so the first PDF does not wait seconds for one
    # (reports/documents/pdf.py); off in tests, which start servers that never make a PDF.
    pdf_warm_up: bool = True

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

    # Sign-in throttling (orgs/throttle.py): attempts inside the window slow, then refuse; counted
    # per account from one address, per account, and per address.
    login_slowdown_after: int = 3
    login_lockout_after: int = 10
    login_account_lockout_after: int = 50
    login_address_lockout_after: int = 100
    login_window_minutes: int = 15
    login_slowdown_seconds: float = 1.0

    max_body_bytes: int = 1_000_000
    max_import_bytes: int = 50_000_000
    min_n_default: int = 5

    spa_dist: Path = REPO_ROOT / "frontend" / "dist"

    # The public site (sammen.public): how long browsers and shared caches may keep a page, where
    # the site lives (canonical links, feeds, sitemap), and the accessibility statement's facts,
    # which each deployment states for itself (Digitaliseringsstyrelsen's structure).
    public_max_age: int = Field(default=300, ge=0, le=86_400)
    public_cache_seconds: int = Field(default=10, ge=0, le=3600)  # a rendered page kept in the process
    public_base_url: str | None = None
    public_publisher: str = "Sekretariatet for Sammen om Høje Gladsaxe"
    accessibility_contact_email: str = "tilgaengelighed@example.invalid"
    accessibility_contact_text: str = (
        "Skriv til sekretariatet, hvis du møder indhold, du ikke kan bruge. Vi svarer inden for 14 dage."
    )
    accessibility_conformance: Literal["full", "partial", "none"] = "partial"
    accessibility_known_issues: list[str] = Field(default_factory=list)
    accessibility_assessed_on: dt.date = dt.date(2026, 12, 2)
    accessibility_enforcement_url: str = "https://digst.dk"

    @model_validator(mode="before")
    @classmethod
    def _demo_mode_chooses_development(cls, data: Any) -> Any:
        if (
            isinstance(data, dict)
            and "environment" not in data
            and str(data.get("demo_mode", "")).lower() in TRUE
        ):
            return {**data, "environment": "development"}
        return data

    # Webhooks (events/): `sammen serve` runs a dispatcher in one of its processes unless this is "off"
    # (then run `sammen worker` next to it). Private, loopback and link-local receivers are
    # refused unless allowed (tests, on-premises receivers); production needs https.
    webhook_dispatcher: Literal["in-process", "off"] = "in-process"
    webhook_allow_private_addresses: bool = False
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=30)
    webhook_retry_hours: float = Field(default=24.0, gt=0, le=24 * 7)
    webhook_disable_after_days: float = Field(default=5.0, gt=0, le=60)
    # A claimed delivery is another dispatcher's after this long (longer than any attempt can take).
    webhook_lease_seconds: float = Field(default=60.0, gt=0, le=3600)
    webhook_poll_seconds: float = Field(default=1.0, gt=0, le=60)

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.environment == "production":
            if self.jwt_secret == DEFAULT_SECRET or len(self.jwt_secret) < 32:
                raise ValueError(
                    "JWT_SECRET must be set to a random value of at least 32 characters in production "
                    "(ENVIRONMENT defaults to production; set ENVIRONMENT=development for development)"
                )
            if self.demo_mode:
                raise ValueError("DEMO_MODE cannot be used in production")
        if self.webhook_lease_seconds <= self.webhook_timeout_seconds * 2:
            raise ValueError("WEBHOOK_LEASE_SECONDS must be more than twice WEBHOOK_TIMEOUT_SECONDS")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
