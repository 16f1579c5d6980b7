"""The committed openapi.yaml is the contract: it must equal what the app serves."""

from __future__ import annotations

from pathlib import Path

from sammen.cli import openapi_document

ROOT = Path(__file__).resolve().parents[1]


def test_committed_openapi_matches_the_app() -> None:
    committed = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == openapi_document(), "openapi.yaml is stale: run `make openapi` and commit it"


def test_operation_ids_are_tag_and_function() -> None:
    import yaml

    document = yaml.safe_load(openapi_document())
    ids = [op["operationId"] for ops in document["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert operation["operationId"].startswith(operation["tags"][0] + "-"), path
