"""Settings that would be unsafe in production are refused at start."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sammen.core.config import Settings


def test_production_refuses_the_default_secret() -> None:
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        Settings(environment="production")


def test_production_refuses_demo_mode() -> None:
    with pytest.raises(ValidationError, match="DEMO_MODE"):
        Settings(environment="production", jwt_secret="x" * 40, demo_mode=True)


def test_production_starts_with_a_real_secret() -> None:
    assert Settings(environment="production", jwt_secret="x" * 40).environment == "production"
