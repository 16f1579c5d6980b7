"""Schemathesis over the whole OpenAPI document: no generated request may get a 5xx, and every
response must match its declared schema.

The real server (`sammen serve`) runs on a seeded SQLite database of its own; examples are
generated from the document with a fixed seed and a bounded number per operation, as an admin
(the widest view). Run on SQLite only: the point is the contract, which is the same on both.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from sammen.core.db import Database
from tests.conftest import BACKEND, DatabaseFactory, base_settings
from tests.factories import ADMIN, mint_token
from tests.servers import free_port, server_env

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="the contract is checked once, on SQLite")

EXAMPLES_PER_OPERATION = 3
SEED = 20261201
ROOT = Path(__file__).resolve().parents[1]


async def _admin_token(url: str) -> str:
    database = Database(url)
    try:
        return await mint_token(database, base_settings(database_url=url, access_token_minutes=60), ADMIN)
    finally:
        await database.dispose()


@pytest.fixture(scope="module")
def live_server(databases: DatabaseFactory) -> Iterator[tuple[str, str]]:
    url = databases.clone()
    port = free_port()
    env = server_env(url, ACCESS_TOKEN_MINUTES="60", LOGIN_SLOWDOWN_SECONDS="0")
    server = subprocess.Popen(
        [sys.executable, "-m", "sammen.cli", "serve", "--port", str(port), "--no-access-log"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.1)
        yield base, asyncio.run(_admin_token(url))
    finally:
        server.terminate()
        server.wait(10)
        databases.drop(url)


def _schema() -> schemathesis.BaseSchema:
    """The document as the app declares it (the committed openapi.yaml equals it: test_openapi.py)."""
    import yaml

    from sammen.cli import openapi_document

    loaded = schemathesis.openapi.from_dict(yaml.safe_load(openapi_document()))
    loaded.config.seed = SEED
    # Explicit examples and generated ones, bounded; the coverage phase's boundary cases are unbounded.
    loaded.config.phases.update(phases=["examples", "fuzzing"])
    loaded.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=EXAMPLES_PER_OPERATION,
        deterministic=True,
        no_shrink=True,
    )
    return loaded


schema = _schema()


@schema.parametrize()
def test_no_request_gets_a_5xx_or_an_undeclared_response(
    case: schemathesis.Case[Any], live_server: tuple[str, str]
) -> None:
    base, token = live_server
    case.call_and_validate(
        base_url=base,
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
        # a report's PDF is typeset on request: seconds of work, more on a busy machine
        timeout=120 if case.path.endswith(".pdf") else 10,
    )
