"""Settings that would be unsafe in production are refused at start."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sammen.core.config import Settings


def test_without_configuration_the_server_is_production_and_refuses_the_development_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("ENVIRONMENT", "JWT_SECRET", "DEMO_MODE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        Settings(_env_file=None)


def test_development_is_chosen_explicitly_or_by_demo_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENVIRONMENT", raising=False)
    monkeypatch.setenv("DEMO_MODE", "true")
    assert Settings(_env_file=None).environment == "development"
    monkeypatch.delenv("DEMO_MODE")
    monkeypatch.setenv("ENVIRONMENT", "development")
    assert Settings(_env_file=None).environment == "development"


def test_production_refuses_the_default_secret() -> None:
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        Settings(environment="production")


def test_production_refuses_demo_mode() -> None:
    with pytest.raises(ValidationError, match="DEMO_MODE"):
        Settings(environment="production", jwt_secret="x" * 40, demo_mode=True)


def test_production_starts_with_a_real_secret() -> None:
    assert Settings(environment="production", jwt_secret="x" * 40).environment == "production"
