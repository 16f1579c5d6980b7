"""For tests that start `sammen serve` in processes of their own: a free port and the environment."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from tests.conftest import TEST_SECRET

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """A test server's environment on `database_url`: cheap hashing, the test secret, `extra` on top."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "ENVIRONMENT": "test",
        "JWT_SECRET": TEST_SECRET,
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_KIB": "64",
        "PYTHONPATH": str(ROOT / "backend"),
        "PDF_WARM_UP": "false",  # these servers make no report PDFs: no worker process for them
        **extra,
    }
