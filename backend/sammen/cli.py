"""The `sammen` command: serve, db, seed, users, openapi."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

import yaml

import sammen.events  # noqa: F401 - every command's catalogued changes write the outbox
from sammen.core import migrate
from sammen.core.config import Settings, get_settings
from sammen.core.db import Database
from sammen.core.permissions import Role
from sammen.core.security import PasswordHashing


def _settings() -> Settings:
    try:
        return get_settings()
    except ValueError as exc:  # pydantic's refusal, e.g. the default secret in production
        sys.exit(f"sammen: configuration refused: {exc}")


def _ensure_sqlite_dir(url: str) -> None:
    if url.startswith("sqlite") and ":///" in url:
        path = url.split(":///", 1)[1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    _settings()
    uvicorn.run(
        "sammen.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        reload=args.reload,
        proxy_headers=True,
        access_log=not args.no_access_log,
        loop=args.loop,
        workers=None if args.reload else args.workers,
        # A worker answers the supervisor's health check once the app is imported; on a busy host
        # that takes longer than uvicorn's 5 s, and impatient checks kill healthy workers in a loop.
        timeout_worker_healthcheck=60,
    )


async def _work(settings: Settings) -> None:
    import signal

    from sammen.events.dispatcher import Dispatcher

    database = Database(settings.database_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    print(
        f"sammen worker: delivering webhooks from {_redact(settings.database_url)} (Ctrl-C stops)", flush=True
    )
    try:
        await Dispatcher(database, settings).run(stop)
    finally:
        await database.dispose()


def cmd_worker(_args: argparse.Namespace) -> None:
    asyncio.run(_work(_settings()))


def cmd_db(args: argparse.Namespace) -> None:
    settings = _settings()
    _ensure_sqlite_dir(settings.database_url)
    if args.action == "upgrade":
        migrate.upgrade(settings.database_url, args.revision or "head")
    elif args.action == "downgrade":
        migrate.downgrade(settings.database_url, args.revision or "base")
    print(f"database {args.action} done ({_redact(settings.database_url)})")


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


async def _seed(settings: Settings, path: Path | None, demo: bool) -> None:
    from sammen.seed import demo as demo_seed
    from sammen.seed import loader
    from sammen.seed.schema import AgreementFileError

    try:
        file = loader.read(path)
    except AgreementFileError as exc:
        sys.exit(f"sammen seed: the agreement file was refused; nothing was written.\n{exc}")
    database = Database(settings.database_url)
    try:
        async with database.session(write=True) as session:
            report = await loader.load_agreement(session, file)
            if demo:
                await demo_seed.seed_demo(session, hasher=PasswordHashing(settings), report=report)
    finally:
        await database.dispose()
    print(f"seeded {file.agreement.title!r}:")
    for line in report.lines():
        print("  " + line)
    if demo:
        print(
            f"demo users: {demo_seed.ADMIN_EMAIL} and editor|reporter|viewer@<organisation-slug>.demo, "
            f"password '{demo_seed.DEMO_PASSWORD}'"
        )


def cmd_seed(args: argparse.Namespace) -> None:
    settings = _settings()
    demo = settings.demo_mode if args.demo is None else args.demo
    if demo and settings.environment == "production":
        sys.exit("sammen seed: demo users are never created in production.")
    asyncio.run(_seed(settings, Path(args.agreement) if args.agreement else None, demo))


async def _create_admin(settings: Settings, email: str, name: str) -> str:
    from sqlmodel import col, select

    from sammen.orgs import service
    from sammen.orgs.models import Organisation, OrganisationKind
    from sammen.orgs.schemas import InitialMembership, UserCreate

    database = Database(settings.database_url)
    try:
        async with database.session(write=True) as session:
            secretariat = (
                await session.scalars(
                    select(Organisation).where(col(Organisation.kind) == OrganisationKind.secretariat)
                )
            ).first()
            if secretariat is None or secretariat.id is None:
                sys.exit("sammen users: no secretariat organisation; run `sammen seed` first.")
            from sammen.core.permissions import Principal

            system = Principal(kind="user", id=0, name="sammen cli")
            data = UserCreate(
                email=email,
                name=name,
                memberships=[InitialMembership(organisation_id=secretariat.id, role=Role.admin)],
            )
            _user, password = await service.create_user(
                session, actor=system, data=data, hasher=PasswordHashing(settings)
            )
            return password
    finally:
        await database.dispose()


def cmd_users(args: argparse.Namespace) -> None:
    settings = _settings()
    password = asyncio.run(_create_admin(settings, args.email, args.name))
    print(f"created admin {args.email}; one-time password (change it at first sign-in): {password}")


def openapi_document() -> str:
    from sammen.main import create_app

    schema = create_app(Settings(environment="development")).openapi()
    return yaml.safe_dump(json.loads(json.dumps(schema)), sort_keys=False, allow_unicode=True, width=120)


def cmd_openapi(args: argparse.Namespace) -> None:
    document = openapi_document()
    if args.output == "-":
        sys.stdout.write(document)
    else:
        Path(args.output).write_text(document, encoding="utf-8")
        print(f"wrote {args.output}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sammen", description="Sammen: the partners' shared system.")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the API and the SPA")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--reload", action="store_true", help="restart on code changes (development)")
    serve.add_argument("--no-access-log", action="store_true")
    serve.add_argument(
        "--loop",
        choices=["asyncio", "uvloop"],
        default="asyncio",
        # Measured with bench/api.py: saturated, uvloop serves ~20% more requests but leaves a few
        # percent of them waiting 100-700 ms; asyncio's loop keeps every request under ~40 ms.
        help="event loop: asyncio (default: even latency under load) or uvloop (more throughput)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "1")),
        # Every piece of shared state (sign-in throttling, refresh-token families, idempotency
        # keys, feed tokens) lives in the database, so any worker may answer any request.
        help="worker processes (default: $WEB_CONCURRENCY or 1); the Docker image runs 2",
    )
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser(
        "worker",
        help="deliver webhooks (besides `sammen serve`, or instead of its dispatcher: WEBHOOK_DISPATCHER=off)",
    )
    worker.set_defaults(func=cmd_worker)

    db = sub.add_parser("db", help="migrate the database (the only way the schema changes)")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("revision", nargs="?", help="default: head for upgrade, base for downgrade")
    db.set_defaults(func=cmd_db)

    seed = sub.add_parser("seed", help="load an agreement file (idempotent)")
    seed.add_argument(
        "--agreement", help="agreement YAML file (default: the shipped Høje Gladsaxe agreement)"
    )
    seed.add_argument("--demo", dest="demo", action="store_true", default=None, help="also create demo users")
    seed.add_argument("--no-demo", dest="demo", action="store_false")
    seed.set_defaults(func=cmd_seed)

    users = sub.add_parser("users", help="create the first admin (prints a one-time password)")
    users_sub = users.add_subparsers(dest="action", required=True)
    create_admin = users_sub.add_parser("create-admin")
    create_admin.add_argument("--email", required=True)
    create_admin.add_argument("--name", required=True)
    create_admin.set_defaults(func=cmd_users)

    openapi = sub.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default="openapi.yaml", help="file, or - for stdout")
    openapi.set_defaults(func=cmd_openapi)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
