"""Every read of a soft-deletable table goes through core.live.

The tables are found from the models (every table with a `deleted_at` column), not listed by
hand. Each function of backend/sammen that reads such a table — names it in `select(...)`,
`.join(...)`, `.outerjoin(...)`, `.select_from(...)`, `session.get(...)` or a link
`column_resolver(...)` — must also call `live(T)`, `live_visible(T, ...)` or `get_live(_, T, _)`
for that table, or call a function that does (found to a fixpoint: `meeting_clause`,
`live_visible_initiatives`, ...), or be marked `@unfiltered("why")`. Names are resolved
through each module's real globals, so `INI = Initiative.__table__`, aliases and imported
models all count as the table they are.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Table
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm.util import AliasedClass
from sqlalchemy.sql.selectable import Alias
from sqlmodel import SQLModel

import sammen
import sammen.all_models

READ_CALLS = {"select", "sa_select", "join", "outerjoin", "select_from", "get", "column_resolver"}
LIVE_CALLS = {"live": 0, "live_visible": 0, "get_live": 1}  # name -> index of the table argument
MARKER = "unfiltered"


def soft_deletable() -> frozenset[str]:
    return frozenset(name for name, table in SQLModel.metadata.tables.items() if "deleted_at" in table.c)


def table_of_value(value: Any, tracked: frozenset[str]) -> str | None:
    """The soft-deletable table a runtime value stands for: a model, its Table, an alias of either."""
    while isinstance(value, Alias):
        value = value.element
    if isinstance(value, Table):
        return value.name if value.name in tracked else None
    if isinstance(value, type) and isinstance(getattr(value, "__table__", None), Table):
        return table_of_value(value.__table__, tracked)  # type: ignore[attr-defined]
    if isinstance(value, AliasedClass):
        return table_of_value(sa_inspect(value).mapper.local_table, tracked)
    return None


@dataclass
class Unit:
    """One top-level function (or method, or the module's own statements): a read site."""

    module: str
    name: str
    node: ast.AST
    marked: set[str]  # tables its @unfiltered names
    reads: dict[str, int] = field(default_factory=dict)  # table -> first line
    covered: set[str] = field(default_factory=set)
    calls: list[Any] = field(default_factory=list)  # functions it calls or hands on


def _units(
    module: str, tree: ast.Module, names: Mapping[str, Any], tracked: frozenset[str]
) -> Iterator[Unit]:
    rest: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield Unit(module, node.name, node, _marked(node, names, tracked))
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield Unit(module, f"{node.name}.{item.name}", item, _marked(item, names, tracked))
        else:
            rest.append(node)
    yield Unit(module, "<module>", ast.Module(body=rest, type_ignores=[]), set())


def _marked(
    node: ast.FunctionDef | ast.AsyncFunctionDef, names: Mapping[str, Any], tracked: frozenset[str]
) -> set[str]:
    return {
        table
        for d in node.decorator_list
        if isinstance(d, ast.Call) and _call_name(d) == MARKER
        for arg in d.args
        if (table := _table_of_expr(arg, names, {}, tracked)) is not None
    }


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _resolve(expr: ast.expr, names: Mapping[str, Any]) -> Any:
    if isinstance(expr, ast.Name):
        return names.get(expr.id)
    if isinstance(expr, ast.Attribute):
        base = _resolve(expr.value, names)
        return getattr(base, expr.attr, None) if base is not None else None
    return None


def _table_of_expr(
    expr: ast.expr, names: Mapping[str, Any], local: Mapping[str, str], tracked: frozenset[str]
) -> str | None:
    """The table an expression names: a tracked name, `X.__table__`, `X.alias(...)`, `aliased(X)`."""
    if isinstance(expr, ast.Name) and expr.id in local:
        return local[expr.id]
    if isinstance(expr, ast.Call):
        if _call_name(expr) == "aliased" and expr.args:
            return _table_of_expr(expr.args[0], names, local, tracked)
        if isinstance(expr.func, ast.Attribute) and expr.func.attr == "alias":
            return _table_of_expr(expr.func.value, names, local, tracked)
        return None
    if isinstance(expr, ast.Attribute) and expr.attr == "__table__":
        return _table_of_expr(expr.value, names, local, tracked)
    if isinstance(expr, ast.Name | ast.Attribute):
        return table_of_value(_resolve(expr, names), tracked)
    return None


def scan_unit(unit: Unit, names: Mapping[str, Any], tracked: frozenset[str]) -> None:
    local: dict[str, str] = {}
    for node in ast.walk(unit.node):  # local aliases: `items = AgendaItem.__table__.alias("i")`
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            table = _table_of_expr(node.value, names, local, tracked)
            if table is not None:
                local[node.targets[0].id] = table
    for node in ast.walk(unit.node):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in LIVE_CALLS and len(node.args) > LIVE_CALLS[name]:
            table = _table_of_expr(node.args[LIVE_CALLS[name]], names, local, tracked)
            if table is not None:
                unit.covered.add(table)
        elif name in READ_CALLS:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                for sub in ast.walk(arg):
                    if isinstance(sub, ast.Name | ast.Attribute):
                        table = _table_of_expr(sub, names, local, tracked)
                        if table is not None:
                            unit.reads.setdefault(table, sub.lineno)

    for node in ast.walk(unit.node):  # functions called or handed on (`column_resolver(..., visible)`)
        if isinstance(node, ast.Name | ast.Attribute) and isinstance(node.ctx, ast.Load):
            target = _resolve(node, names)
            if inspect.isfunction(target):
                unit.calls.append(target)


def scan_source(module: str, source: str, names: Mapping[str, Any], tracked: frozenset[str]) -> list[Unit]:
    units = list(_units(module, ast.parse(source), names, tracked))
    for unit in units:
        scan_unit(unit, names, tracked)
    return units


def violations(units: list[Unit]) -> list[str]:
    """Reads not covered by a live helper, after spreading coverage through wrapper functions."""
    by_key = {(u.module, u.name): u for u in units}
    changed = True
    while changed:
        changed = False
        for unit in units:
            for fn in unit.calls:
                callee = by_key.get((fn.__module__, fn.__qualname__))
                if callee is not None and not callee.covered <= unit.covered:
                    unit.covered |= callee.covered
                    changed = True
    return sorted(
        f"{u.module}.{u.name} (line {line}) reads {table} without core.live"
        for u in units
        for table, line in u.reads.items()
        if table not in u.covered | u.marked
    )


def backend_modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(sammen.__path__, "sammen."):
        if info.name != "sammen.core.live":
            yield importlib.import_module(info.name)


def scan_backend() -> list[Unit]:
    tracked = soft_deletable()
    units: list[Unit] = []
    for module in backend_modules():
        units += scan_source(
            module.__name__, Path(str(module.__file__)).read_text(encoding="utf-8"), vars(module), tracked
        )
    return units


def test_the_models_have_soft_deletable_tables() -> None:
    assert {"goals", "initiatives", "meetings", "organisations"} <= soft_deletable()


def test_every_read_of_a_soft_deletable_table_goes_through_core_live() -> None:
    units = scan_backend()
    read_tables = {t for u in units for t in u.reads}
    assert read_tables == soft_deletable()  # the scan sees reads of every such table
    assert violations(units) == []


SAMPLE = """
from sqlalchemy import select
from sammen.core.live import live, unfiltered
from sammen.goals.models import Goal
from sammen.orgs.models import Organisation
GOAL = Goal.__table__

def hand_written():
    return select(Goal).where(Goal.deleted_at.is_(None))

def through_helper():
    return select(GOAL.c.id).where(live(GOAL))

def wrapper():
    return live(Goal)

def through_wrapper():
    return select(Goal).where(wrapper())

def aliased_by_hand():
    g = GOAL.alias("g")
    return select(g.c.id)

@unfiltered(Goal, why="restore")
def restore():
    return select(Goal)

@unfiltered(Organisation, why="another table only")
def marked_for_another_table():
    return select(Goal.id, Organisation.name)
"""


def test_the_scan_flags_a_hand_written_read_and_accepts_the_helpers() -> None:
    namespace: dict[str, Any] = {}
    exec(compile(SAMPLE, "sample", "exec"), namespace)
    namespace["__name__"] = "sample"
    for value in namespace.values():
        if inspect.isfunction(value):
            value.__module__ = "sample"
    units = scan_source("sample", SAMPLE, namespace, soft_deletable())
    assert violations(units) == [
        "sample.aliased_by_hand (line 22) reads goals without core.live",
        "sample.hand_written (line 9) reads goals without core.live",
        "sample.marked_for_another_table (line 30) reads goals without core.live",
    ]
