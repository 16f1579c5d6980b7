"""A calendar feed's events, written as iCalendar text by the database in one statement.

Python wrote ~300 events a dozen lines each, through SQLAlchemy's type processors, at ~40 µs an
event; the database writes the same bytes in C and returns them as one text value (the events in
order, each ending in CRLF). What is left to Python is the calendar's header and folding the
lines the database marked as longer than 75 octets (`marked`, calendar.render).

Both databases write the same bytes: timestamps are formatted from their stored UTC value (on
SQLite the naive 'YYYY-MM-DD HH:MM:SS.ffffff' SQLAlchemy writes, its fraction cut off rather than
rounded), local times follow the rule the feed's VTIMEZONE declares (EU summer time: from the
last Sunday of March to the last Sunday of October, 01:00 UTC each; Denmark's own rules before
1996 differed, but a client reads the times by the VTIMEZONE), and text is escaped per
RFC 5545 3.3.11 with the same replace() chain Python used.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, bindparam, case, cast, func, type_coerce
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement

from sammen.core.live import live
from sammen.core.reads import as_reader
from sammen.core.sqljson import StatementCache, sql_string
from sammen.governance.bodies import service as bodies
from sammen.governance.meetings.access import AnyViewer, meeting_clause, restricted_clause, viewer_key
from sammen.governance.meetings.models import AgendaItem, Meeting, MeetingStatus

TZID = "Europe/Copenhagen"
CRLF = "\r\n"


class _Text(FunctionElement[str]):
    type = String()
    inherit_cache = True


class utc_stamp(_Text):
    """A UTC timestamp column as an iCalendar UTC date-time: 20250701T120000Z."""

    inherit_cache = True
    name = "ics_utc_stamp"


@compiles(utc_stamp, "postgresql")
def _pg_utc_stamp(element: utc_stamp, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    return f"""to_char({value} AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"')"""


@compiles(utc_stamp)
def _utc_stamp(element: utc_stamp, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    return f"strftime('%Y%m%dT%H%M%SZ', substr({value}, 1, 19))"


class copenhagen_stamp(_Text):
    """A UTC timestamp column as a Copenhagen local date-time (for `;TZID=Europe/Copenhagen`)."""

    inherit_cache = True
    name = "ics_copenhagen_stamp"


@compiles(copenhagen_stamp, "postgresql")
def _pg_copenhagen_stamp(element: copenhagen_stamp, compiler: SQLCompiler, **kw: Any) -> str:
    utc = f"({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC')"
    # Monday 00:00 of the week holding 1 April (1 November), less 23 hours: the last Sunday of
    # March (October), 01:00; timestamps without zone throughout, whatever the session's TimeZone
    spring = f"date_trunc('week', date_trunc('year', {utc}) + interval '3 months') - interval '23 hours'"
    autumn = f"date_trunc('week', date_trunc('year', {utc}) + interval '10 months') - interval '23 hours'"
    offset = (
        f"CASE WHEN {utc} >= {spring} AND {utc} < {autumn} THEN interval '2 hours' ELSE interval '1 hour' END"
    )
    return f"""to_char({utc} + {offset}, 'YYYYMMDD"T"HH24MISS')"""


@compiles(copenhagen_stamp)
def _copenhagen_stamp(element: copenhagen_stamp, compiler: SQLCompiler, **kw: Any) -> str:
    utc = f"substr({compiler.process(element.clauses, **kw)}, 1, 19)"
    # date('Y-03-25', 'weekday 0'): the first Sunday from 25 March on, the month's last
    spring = f"date(substr({utc}, 1, 4) || '-03-25', 'weekday 0') || ' 01:00:00'"
    autumn = f"date(substr({utc}, 1, 4) || '-10-25', 'weekday 0') || ' 01:00:00'"
    offset = f"CASE WHEN {utc} >= {spring} AND {utc} < {autumn} THEN '+2 hours' ELSE '+1 hours' END"
    return f"strftime('%Y%m%dT%H%M%S', {utc}, {offset})"


class escaped(_Text):
    """Text escaped as an iCalendar TEXT value: \\ ; , escaped, every kind of line break as \\n."""

    inherit_cache = True
    name = "ics_escaped"


@compiles(escaped)
def _escaped(element: escaped, compiler: SQLCompiler, **kw: Any) -> str:
    # in calendar.escape_text's order: backslashes first, CRLF before its parts
    value = compiler.process(element.clauses, **kw)
    for found, put in (
        ("\\", "\\\\"),
        (";", "\\;"),
        (",", "\\,"),
        ("\r\n", "\\n"),
        ("\n", "\\n"),
        ("\r", "\\n"),
    ):
        value = f"replace({value}, '{found}', '{put}')"
    return value


class joined(_Text):
    """The text of `value` over the rows, in the order of `order_by`, NULL when there are none.

    SQLite aggregates in the order rows arrive, so `value` must come from a subquery that is
    already in that order (as core.sqljson.array_agg); PostgreSQL is told the order."""

    inherit_cache = True
    name = "ics_joined"

    def __init__(self, value: Any, separator: str, *order_by: Any) -> None:
        self.order_by = order_by
        super().__init__(value, sql_string(separator))


@compiles(joined, "postgresql")
def _pg_joined(element: joined, compiler: SQLCompiler, **kw: Any) -> str:
    order = ", ".join(compiler.process(o, **kw) for o in element.order_by)
    return f"string_agg({compiler.process(element.clauses, **kw)}{' ORDER BY ' + order if order else ''})"


@compiles(joined)
def _joined(element: joined, compiler: SQLCompiler, **kw: Any) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)})"


class marked(_Text):
    """A content line that may be longer than 75 octets, behind calendar.LONG if it is: Python
    then folds just the lines the database found too long, without reading every line."""

    inherit_cache = True
    name = "ics_marked"


@compiles(marked, "postgresql")
def _pg_marked(element: marked, compiler: SQLCompiler, **kw: Any) -> str:
    line = compiler.process(element.clauses, **kw)
    return f"CASE WHEN octet_length({line}) > 75 THEN chr(1) || {line} ELSE {line} END"


@compiles(marked)
def _marked(element: marked, compiler: SQLCompiler, **kw: Any) -> str:
    line = compiler.process(element.clauses, **kw)
    return f"CASE WHEN length(CAST({line} AS BLOB)) > 75 THEN char(1) || {line} ELSE {line} END"


def _text(*parts: Any) -> ColumnElement[str]:
    """`parts` concatenated (||); strings are constants written into the SQL."""
    out: Any = None
    for part in parts:
        piece = sql_string(part) if isinstance(part, str) else part
        out = piece if out is None else out + piece
    return type_coerce(out, String)


def _when(condition: Any, *parts: Any) -> ColumnElement[str]:
    return case((condition, _text(*parts)), else_=sql_string(""))


def _present(column: Any) -> Any:
    return func.coalesce(column, sql_string("")) != sql_string("")


def _agenda(v: AnyViewer, m: Any) -> Any:
    """A meeting's agenda lines the caller may see ("1. title", joined by LF; NULL if none), as a
    subquery per meeting: a join to the items aggregated once was cheaper only where PostgreSQL
    knew the tables' sizes, and many times dearer where it did not (a freshly filled database)."""
    items = AgendaItem.__table__  # type: ignore[attr-defined]
    position = (items.c.position, items.c.id)
    numbered = (  # in agenda order: SQLite aggregates in the order rows arrive
        sa_select(
            _text(cast(func.row_number().over(order_by=position), String), ". ", items.c.title).label("line"),
            *position,
        )
        .where(
            items.c.meeting_id == m.c.id, live(items), restricted_clause(v, items.c.restricted, m.c.body_id)
        )
        .order_by(*position)
        .correlate(m)
        .subquery("numbered")
    )
    return sa_select(joined(numbered.c.line, "\n", numbered.c.position, numbered.c.id)).scalar_subquery()


def _statement(v: AnyViewer, one_body: bool) -> Any:
    m = Meeting.__table__  # type: ignore[attr-defined]
    shown = [meeting_clause(v)] + ([m.c.body_id == bindparam("body_id")] if one_body else [])
    agenda = _agenda(v, m)
    body = bodies.names()
    status = type_coerce(m.c.status, String)  # the stored value, not the enum's processor
    named = func.coalesce(func.nullif(body.c.name, sql_string("")) + ": ", sql_string(""))
    description = _text(
        "Status: ",
        status,
        func.coalesce(_text("\nDagsorden:\n", agenda), sql_string("")),
        _when(_present(m.c.online_url), "\nOnline: ", m.c.online_url),
    )
    cancelled = status == sql_string(MeetingStatus.cancelled.value)
    # Each meeting's values, computed once: materialized, since the event reads some twice (the
    # stamp of its last change) or thrice (a line that may be long: `marked`), and the database
    # would otherwise compute them again each time.
    values = (
        sa_select(
            m.c.starts_at,
            m.c.id,
            _text("UID:meeting-", cast(m.c.id, String), "@", bindparam("host", type_=String)).label("uid"),
            utc_stamp(m.c.updated_at).label("updated"),
            utc_stamp(m.c.created_at).label("created"),
            cast(m.c.version - 1, String).label("sequence"),
            copenhagen_stamp(m.c.starts_at).label("starts"),
            copenhagen_stamp(m.c.ends_at).label("ends"),
            _text("SUMMARY:", escaped(_text(named, m.c.title))).label("summary"),
            case((cancelled, sql_string("CANCELLED")), else_=sql_string("CONFIRMED")).label("status"),
            _text("DESCRIPTION:", escaped(description)).label("description"),
            case((_present(m.c.place), _text("LOCATION:", escaped(m.c.place)))).label("location"),
            case((_present(m.c.online_url), _text("URL:", m.c.online_url))).label("url"),
        )
        .select_from(m.outerjoin(body, body.c.id == m.c.body_id))
        .where(*shown)
        .cte("feed_values")
        .prefix_with("MATERIALIZED")
    )
    c = values.c
    event = _text(
        "BEGIN:VEVENT\r\n", marked(c.uid), CRLF,
        # the event's own last change as DTSTAMP, not the moment of the request: the feed then
        # changes only when a meeting does, and calendar clients revalidate it with a 304
        "DTSTAMP:", c.updated, CRLF, "LAST-MODIFIED:", c.updated, CRLF, "CREATED:", c.created, CRLF,
        "SEQUENCE:", c.sequence, CRLF,
        f"DTSTART;TZID={TZID}:", c.starts, CRLF, f"DTEND;TZID={TZID}:", c.ends, CRLF,
        marked(c.summary), CRLF, "STATUS:", c.status, CRLF, marked(c.description), CRLF,
        func.coalesce(_text(marked(c.location), CRLF), sql_string("")),
        func.coalesce(_text(marked(c.url), CRLF), sql_string("")),
        "END:VEVENT\r\n",
    )  # fmt: skip
    events = sa_select(event.label("event"), c.starts_at, c.id).order_by(c.starts_at, c.id).subquery("events")
    return sa_select(joined(events.c.event, "", events.c.starts_at, events.c.id))


_FEEDS = StatementCache()


async def feed_events(session: AsyncSession, *, v: AnyViewer, host: str, body_id: int | None = None) -> str:
    """The VEVENTs of every meeting the caller may see (of one body if `body_id`), oldest first,
    as iCalendar text with unfolded lines; agenda titles as far as the caller may see them.
    One statement, built once per viewer key and whether one body's feed is asked for."""
    one_body = body_id is not None
    stmt = _FEEDS.get((viewer_key(v), one_body), lambda: _statement(v, one_body))
    params: dict[str, Any] = {"host": host, **v.bound} | ({"body_id": body_id} if one_body else {})
    return str(await as_reader(session).scalar(stmt, params) or "")
